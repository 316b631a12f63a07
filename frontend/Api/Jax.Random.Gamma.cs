using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Random
    {
        /// <summary>
        /// Standard gamma values with shape parameter <paramref name="a"/>, density proportional to
        /// <c>x^(a - 1) e^(-x)</c> (jax.random.gamma; divide by a rate or multiply by a scale for other gammas). As JAX
        /// does, the key is split into one key per element and each element runs Marsaglia and Tsang's rejection
        /// sampler in a while loop (all elements at once, vmapped); a &lt; 1 samples Gamma(a + 1) and multiplies by
        /// <c>u^(1/a)</c>. A NaN or negative a gives NaN (a in (-1, 0) gives meaningless values, as in JAX). The shape
        /// defaults to a's. Differentiable with respect to a by JAX's implicit reparameterisation (see
        /// <see cref="GammaCore"/>), and so are the samplers built on it (loggamma, beta, dirichlet, chisquare, t, f).
        /// </summary>
        public static NDArray Gamma(KeyArrayLike key, NDArray a, int[]? shape = null, DType? dtype = null) =>
            SampleFloat("Gamma", key, shape, dtype, [a], (k, x, s, d, p) => GammaCore(k, Param(x[0], d, s), logSpace: false, p));

        /// <summary>
        /// The log of standard gamma values (jax.random.loggamma): the same draws as <see cref="Gamma"/>, computed in log
        /// space, so that small a (whose samples underflow to 0) keeps its precision.
        /// </summary>
        public static NDArray LogGamma(KeyArrayLike key, NDArray a, int[]? shape = null, DType? dtype = null) =>
            SampleFloat("LogGamma", key, shape, dtype, [a], (k, x, s, d, p) => GammaCore(k, Param(x[0], d, s), logSpace: true, p));

        /// <summary>
        /// Beta values with parameters <paramref name="a"/> and <paramref name="b"/> (jax.random.beta):
        /// <c>G_a / (G_a + G_b)</c> of two independent gammas, computed from their logs so that small parameters keep
        /// their precision. The shape defaults to the broadcast shape of a and b.
        /// </summary>
        public static NDArray Beta(KeyArrayLike key, NDArray a, NDArray b, int[]? shape = null, DType? dtype = null) =>
            SampleFloat("Beta", key, shape, dtype, [a, b], (k, x, s, d, p) =>
            {
                var keys = SplitKeys(k, 2, p);
                var logA = GammaCore(keys[0], Param(x[0], d, s), logSpace: true, p);
                var logB = GammaCore(keys[1], Param(x[1], d, s), logSpace: true, p);
                var logMax = Lax.Max(logA, logB);
                var scaledA = Lax.Exp(Lax.Sub(logA, logMax));
                var scaledB = Lax.Exp(Lax.Sub(logB, logMax));
                return Lax.Div(scaledA, Lax.Add(scaledA, scaledB));
            });

        /// <summary>
        /// Dirichlet values with concentrations <paramref name="alpha"/> of shape [..., n] (jax.random.dirichlet): the
        /// softmax of n log-gammas, so each sample (the last axis) sums to 1. The result has shape
        /// <c>shape + [n]</c>, shape defaulting to alpha's batch shape <c>alpha.shape[..^1]</c>.
        /// </summary>
        public static NDArray Dirichlet(KeyArrayLike key, NDArray alpha, int[]? shape = null, DType? dtype = null)
        {
            if (alpha.Ndim < 1) throw new ArgumentException($"Jax.Random.Dirichlet: alpha must have at least one dimension, got {alpha.Aval.Str()}");
            var n = alpha.Shape[^1];
            var batch = SampleShape("Dirichlet", shape, [alpha.Shape[..^1]]);
            return SampleFloat("Dirichlet", key, [.. batch, n], dtype, [alpha], (k, x, s, d, p) =>
            {
                var logGammas = GammaCore(k, Param(x[0], d, s), logSpace: true, p);
                var max = Lax.StopGradient(Jnp.Max(logGammas, -1, keepdims: true));
                var unnormalized = Jnp.Exp(logGammas - max);
                return unnormalized / Jnp.Sum(unnormalized, -1, keepdims: true);
            });
        }

        /// <summary>
        /// Chi-square values with <paramref name="df"/> degrees of freedom (jax.random.chisquare):
        /// <c>2 exp(loggamma(df / 2))</c>. The shape defaults to df's.
        /// </summary>
        public static NDArray Chisquare(KeyArrayLike key, NDArray df, int[]? shape = null, DType? dtype = null) =>
            SampleFloat("Chisquare", key, shape, dtype, [df], (k, x, s, d, p) => ChisquareCore(k, Param(x[0], d, s), p));

        /// <summary>
        /// Student's t values with <paramref name="df"/> degrees of freedom (jax.random.t): <c>n * sqrt(df/2 / g)</c>
        /// with n standard normal and g a Gamma(df/2). The shape defaults to df's.
        /// </summary>
        public static NDArray T(KeyArrayLike key, NDArray df, int[]? shape = null, DType? dtype = null) =>
            SampleFloat("T", key, shape, dtype, [df], (k, x, s, d, p) =>
            {
                var keys = SplitKeys(k, 2, p);
                var normal = NormalCore(keys[0], s, d, p);
                var halfDf = Lax.Div(Param(x[0], d, s), Lit(2, d));
                var g = GammaCore(keys[1], halfDf, logSpace: false, p);
                return Lax.Mul(normal, Lax.Sqrt(Lax.Div(halfDf, g)));
            });

        /// <summary>
        /// F-distributed values with <paramref name="dfnum"/> and <paramref name="dfden"/> degrees of freedom
        /// (jax.random.f): the ratio of two chi-squares, each divided by its degrees of freedom.
        /// </summary>
        public static NDArray F(KeyArrayLike key, NDArray dfnum, NDArray dfden, int[]? shape = null, DType? dtype = null) =>
            SampleFloat("F", key, shape, dtype, [dfnum, dfden], (k, x, s, d, p) =>
            {
                var keys = SplitKeys(k, 2, p);
                var (num, den) = (Param(x[0], d, s), Param(x[1], d, s));
                return Lax.Div(Lax.Div(ChisquareCore(keys[1], num, p), num), Lax.Div(ChisquareCore(keys[0], den, p), den));
            });

        /// <summary>
        /// Generalized normal values, density proportional to <c>exp(-|x|^p)</c> (jax.random.generalized_normal):
        /// <c>r * g^(1/p)</c> with r a random sign and g a Gamma(1/p). p = 2 is a normal of variance 1/2, p = 1 Laplace.
        /// </summary>
        public static NDArray GeneralizedNormal(KeyArrayLike key, double p, int[]? shape = null, DType? dtype = null) =>
            SampleFloat("GeneralizedNormal", key, shape, dtype, [], (k, _, s, d, part) => GeneralizedNormalCore(k, p, s, d, part),
                statics: $"|{p:R}");

        /// <summary>
        /// Points uniform in the unit Lp ball of dimension <paramref name="d"/> (jax.random.ball; Barthe, Guédon,
        /// Mendelson and Naor's method): generalized normals divided by the p-th root of the sum of their p-th powers
        /// plus an exponential. The result has shape <c>shape + [d]</c>.
        /// </summary>
        public static NDArray Ball(KeyArrayLike key, int d, double p = 2, int[]? shape = null, DType? dtype = null)
        {
            if (d < 0) throw new ArgumentException($"Jax.Random.Ball: the dimension d must be non-negative, got {d}");
            var batch = shape ?? [];
            return SampleFloat("Ball", key, batch, dtype, [], (k, _, s, dt, part) =>
            {
                var keys = SplitKeys(k, 2, part);
                var g = GeneralizedNormalCore(keys[0], p, [.. s, d], dt, part);
                var e = ExponentialCore(keys[1], s, dt, part);
                var radius = Jnp.Power(Jnp.Sum(Jnp.Power(Jnp.Abs(g), Lit(p, dt)), -1) + e, Lit(1 / p, dt));
                return g / Jnp.ExpandDims(radius, -1);
            }, statics: $"|{d}|{p:R}");
        }

        private static NDArray ChisquareCore(NDArray key, NDArray df, KeyScheme scheme)
        {
            var two = Lit(2, df.DType);
            return Lax.Mul(Lax.Exp(GammaCore(key, Lax.Div(df, two), logSpace: true, scheme)), two);
        }

        private static NDArray GeneralizedNormalCore(NDArray key, double p, int[] shape, DType dtype, KeyScheme scheme)
        {
            var keys = SplitKeys(key, 2, scheme);
            var g = GammaCore(keys[0], Jnp.Full(shape, Lit(1 / p, dtype)), logSpace: false, scheme);
            var r = RademacherCore(keys[1], shape, dtype, scheme);
            return Lax.Mul(r, Lax.Pow(g, Lit(1 / p, dtype)));
        }

        /// <summary>
        /// Gamma draws (or their logs) with JAX's derivative in a: the implicit reparameterisation gradient
        /// dx/da = -(dF/da) / f(x) of the gamma CDF F at the drawn x (<see cref="Lax.RandomGammaGrad"/>), divided by x in
        /// log space, where an x that underflowed to 0 is read as the smallest normal, as JAX does. The rejection loop
        /// itself is not differentiated: which proposal it accepts is not a smooth function of a.
        /// </summary>
        internal static NDArray GammaCore(NDArray key, NDArray a, bool logSpace, KeyScheme scheme) =>
            Jax.CustomJvp((k, alpha) => GammaDraws(k, alpha, logSpace, scheme), (primals, tangents) =>
            {
                var (k, alpha) = (primals[0], primals[1]);
                var sample = GammaDraws(k, alpha, logSpace, scheme);
                if (!logSpace) return (sample, Lax.Mul(tangents[1], Lax.RandomGammaGrad(alpha, sample)));
                var x = Lax.Exp(sample);
                x = Jnp.Where(Jnp.Equal(x, 0), Jnp.Finfo(x.DType).Tiny, x);
                return (sample, Lax.Mul(tangents[1], Lax.Div(Lax.RandomGammaGrad(alpha, x), x)));
            })(key, a);

        /// <summary>
        /// JAX's random_gamma: <c>split(key, size)</c> gives every element its own key, and each element runs
        /// <see cref="GammaOne"/> (vmapped, so the while loops run for all elements together).
        /// </summary>
        private static NDArray GammaDraws(NDArray key, NDArray a, bool logSpace, KeyScheme scheme)
        {
            var shape = a.Shape;
            var size = checked((int)Shapes.Size(shape));
            if (size == 0) return Jnp.Zeros(shape, a.DType);
            var keys = scheme.Split(key, [size]);
            var one = Jax.Vmap((Func<NDArray, NDArray, NDArray>)((k, alpha) => GammaOne(k, alpha, logSpace, scheme)));
            return Lax.Reshape(one(keys, Lax.Reshape(a, [size])), shape);
        }

        /// <summary>
        /// One standard gamma (or its log) by Marsaglia and Tsang ("A simple method for generating gamma variables",
        /// 2000) with JAX's keys and constants: d = a - 1/3, c = 1/(3 sqrt d); draw normals x until v = (1 + c x)^3 is
        /// positive, then accept d v when a uniform u passes the squeeze <c>u &lt; 1 - 0.0331 x^4</c> or
        /// <c>log u &lt; x^2/2 + d (1 - v + log v)</c>.
        /// </summary>
        private static NDArray GammaOne(NDArray key, NDArray alpha, bool logSpace, KeyScheme scheme)
        {
            var dtype = alpha.DType;
            NDArray C(double v) => Lit(v, dtype);
            var boost = Lax.Ge(alpha, C(1));
            var original = alpha;
            alpha = Lax.Select(boost, alpha, Lax.Add(alpha, C(1)));
            var d = Lax.Sub(alpha, C(1.0 / 3));
            var c = Lax.Div(C(1.0 / 3), Lax.Sqrt(d));

            var keys = SplitKeys(key, 2, scheme);
            // State (key, x^2, v, u); the initial one is rejected, so the body runs at least once.
            NDArray[] init = [keys[0], C(0), C(1), C(2)];
            var v = Lax.WhileLoop(s =>
            {
                var (x2, vv, u) = (s[1], s[2], s[3]);
                var outsideSqueeze = Lax.Ge(u, Lax.Sub(C(1), Lax.Mul(C(0.0331), Lax.Mul(x2, x2))));
                var logBound = Lax.Add(Lax.Mul(x2, C(0.5)), Lax.Mul(d, Lax.Add(Lax.Sub(C(1), vv), Lax.Log(vv))));
                return Lax.BitwiseAnd(outsideSqueeze, Lax.Ge(Lax.Log(u), logBound));
            }, s =>
            {
                var next = SplitKeys(s[0], 3, scheme);
                var xv = Lax.WhileLoop(t => Lax.Le(t[2], C(0)), t =>
                {
                    var split = SplitKeys(t[0], 2, scheme);
                    var x = NormalCore(split[1], [], dtype, scheme);
                    return [split[0], x, Lax.Add(C(1), Lax.Mul(x, c))];
                }, [next[1], C(0), C(-1)]);
                var (x, vLinear) = (xv[1], xv[2]);
                var u = UnitUniform(next[2], [], dtype, scheme);
                return [next[0], Lax.Mul(x, x), Lax.Mul(Lax.Mul(vLinear, vLinear), vLinear), u];
            }, init)[2];

            if (logSpace)
            {
                // log u^(1/a) with log u drawn as -exponential (log(1 - u')), so both spaces use the same uniform.
                var logU = Lax.Neg(ExponentialCore(keys[1], [], dtype, scheme));
                var logBoost = Lax.Select(Lax.BitwiseOr(boost, Lax.Eq(logU, C(0))), C(0), Lax.Mul(logU, Lax.Div(C(1), original)));
                return Lax.Add(Lax.Add(Lax.Log(d), Lax.Log(v)), logBoost);
            }
            var uniform = Lax.Sub(C(1), UnitUniform(keys[1], [], dtype, scheme));
            var factor = Lax.Select(boost, C(1), Lax.Pow(uniform, Lax.Div(C(1), original)));
            return Lax.Mul(Lax.Mul(d, v), factor);
        }
    }
}
