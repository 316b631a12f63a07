using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

// The continuous distributions that JAX samples by a closed-form transform of one uniform draw (inverse CDFs). Each
// uses JAX's exact bounds and formula, so with the same key it transforms the same uniform bits as JAX; the results
// then agree with JAX's up to the accuracy of the backend's log, tan, pow and sqrt.
public static partial class Jax
{
    public static partial class Random
    {
        /// <summary>Standard exponential values (jax.random.exponential): <c>-log1p(-u)</c> for u uniform in [0, 1).</summary>
        public static NDArray Exponential(KeyArrayLike key, int[]? shape = null, DType? dtype = null) =>
            SampleFloat("Exponential", key, shape, dtype, [], (k, _, s, d, p) => ExponentialCore(k, s, d, p));

        /// <summary>
        /// Standard Laplace values, density <c>exp(-|x|) / 2</c> (jax.random.laplace):
        /// <c>sign(u) * log1p(-|u|)</c> for u uniform in [-1 + epsneg, 1).
        /// </summary>
        public static NDArray Laplace(KeyArrayLike key, int[]? shape = null, DType? dtype = null) =>
            SampleFloat("Laplace", key, shape, dtype, [], (k, _, s, d, p) =>
            {
                var u = UnitUniform(k, s, d, p, -1 + EpsilonBelowOne(d));
                return Lax.Mul(Lax.Sign(u), Lax.Log1p(Lax.Neg(Lax.Abs(u))));
            });

        /// <summary>Standard logistic values (jax.random.logistic): <c>log(u / (1 - u))</c> for u uniform in [eps, 1).</summary>
        public static NDArray Logistic(KeyArrayLike key, int[]? shape = null, DType? dtype = null) =>
            SampleFloat("Logistic", key, shape, dtype, [], (k, _, s, d, p) =>
            {
                var u = UnitUniform(k, s, d, p, Epsilon(d));
                return Lax.Log(Lax.Div(u, Lax.Sub(Lit(1, d), u)));
            });

        /// <summary>Standard Cauchy values (jax.random.cauchy): <c>tan(pi * (u - 0.5))</c> for u uniform in [eps, 1).</summary>
        public static NDArray Cauchy(KeyArrayLike key, int[]? shape = null, DType? dtype = null) =>
            SampleFloat("Cauchy", key, shape, dtype, [], (k, _, s, d, p) =>
            {
                var u = UnitUniform(k, s, d, p, Epsilon(d));
                return Lax.Tan(Lax.Mul(Lit(Math.PI, d), Lax.Sub(u, Lit(0.5, d))));
            });

        /// <summary>
        /// Pareto values with shape parameter <paramref name="b"/>, density <c>b / x^(b + 1)</c> on [1, inf)
        /// (jax.random.pareto): <c>exp(e / b)</c> for e standard exponential. The shape defaults to b's.
        /// </summary>
        public static NDArray Pareto(KeyArrayLike key, NDArray b, int[]? shape = null, DType? dtype = null) =>
            SampleFloat("Pareto", key, shape, dtype, [b], (k, a, s, d, p) =>
                Lax.Exp(Lax.Div(ExponentialCore(k, s, d, p), Param(a[0], d, s))));

        /// <summary>
        /// Weibull values with the given <paramref name="scale"/> and <paramref name="concentration"/>
        /// (jax.random.weibull_min): the inverse CDF <c>(-log1p(-u))^(1 / concentration) * scale</c>. The parameters
        /// broadcast with the shape, which defaults to their broadcast shape.
        /// </summary>
        public static NDArray WeibullMin(KeyArrayLike key, NDArray scale, NDArray concentration, int[]? shape = null, DType? dtype = null) =>
            SampleFloat("WeibullMin", key, shape, dtype, [scale, concentration], (k, a, s, d, p) =>
            {
                var e = ExponentialCore(k, s, d, p);
                return Lax.Mul(Lax.Pow(e, Lax.Div(Lit(1, d), Param(a[1], d, s))), Param(a[0], d, s));
            });

        /// <summary>
        /// Rayleigh values with the given <paramref name="scale"/> (jax.random.rayleigh): <c>scale * sqrt(-2 log u)</c>
        /// for u uniform in [0, 1). The shape defaults to the scale's.
        /// </summary>
        public static NDArray Rayleigh(KeyArrayLike key, NDArray scale, int[]? shape = null, DType? dtype = null) =>
            SampleFloat("Rayleigh", key, shape, dtype, [scale], (k, a, s, d, p) =>
            {
                var u = UnitUniform(k, s, d, p);
                return Lax.Mul(Param(a[0], d, s), Lax.Sqrt(Lax.Mul(Lax.Log(u), Lit(-2, d))));
            });

        /// <summary>
        /// Log-normal values (jax.random.lognormal): <c>exp(sigma * n)</c> for n standard normal. The shape defaults to
        /// sigma's.
        /// </summary>
        public static NDArray Lognormal(KeyArrayLike key, NDArray? sigma = null, int[]? shape = null, DType? dtype = null) =>
            SampleFloat("Lognormal", key, shape, dtype, [sigma ?? 1f], (k, a, s, d, p) => Lax.Exp(Lax.Mul(NormalCore(k, s, d, p), Param(a[0], d, s))));

        /// <summary>One-sided Maxwell values (jax.random.maxwell): the length of a standard normal 3-vector.</summary>
        public static NDArray Maxwell(KeyArrayLike key, int[]? shape = null, DType? dtype = null) =>
            SampleFloat("Maxwell", key, shape, dtype, [], (k, _, s, d, p) =>
            {
                var n = NormalCore(k, [.. s, 3], d, p);
                return Jnp.Sqrt(Jnp.Sum(n * n, -1));
            });

        /// <summary>
        /// Triangular values on [left, right] with peak at <paramref name="mode"/> (jax.random.triangular): the inverse
        /// CDF of one uniform, each side of <c>(mode - left) / (right - left)</c>. The shape defaults to the
        /// parameters' broadcast shape.
        /// </summary>
        public static NDArray Triangular(KeyArrayLike key, NDArray left, NDArray mode, NDArray right, int[]? shape = null, DType? dtype = null) =>
            SampleFloat("Triangular", key, shape, dtype, [left, mode, right], (k, a, s, d, p) =>
            {
                var (lo, peak, hi) = (Param(a[0], d, s), Param(a[1], d, s), Param(a[2], d, s));
                var u = UnitUniform(k, s, d, p);
                var below = lo + Lax.Sqrt(u * (hi - lo) * (peak - lo));
                var above = hi - Lax.Sqrt((1 - u) * (hi - lo) * (hi - peak));
                return Jnp.Where(u < (peak - lo) / (hi - lo), below, above);
            });

        /// <summary>
        /// Wald (inverse Gaussian) values with the given <paramref name="mean"/> and unit shape parameter
        /// (jax.random.wald): Michael, Schucany and Haas's transform of a normal, with a uniform choosing between its
        /// two roots. The shape defaults to the mean's.
        /// </summary>
        public static NDArray Wald(KeyArrayLike key, NDArray mean, int[]? shape = null, DType? dtype = null) =>
            SampleFloat("Wald", key, shape, dtype, [mean], (k, a, s, d, p) =>
            {
                var keys = SplitKeys(k, 2, p);
                var mu = Param(a[0], d, s);
                var v = NormalCore(keys[0], s, d, p);
                var z = UnitUniform(keys[1], s, d, p);
                var y = v * v;
                var muSquared = mu * mu;
                var root = Lax.Sqrt(4 * mu * y + muSquared * (y * y));
                var x = mu + muSquared * y / 2 - mu / 2 * root;
                return Jnp.Where(z <= mu / (mu + x), x, muSquared / x);
            });

        internal static NDArray ExponentialCore(NDArray key, int[] shape, DType dtype, KeyScheme scheme) =>
            // 1 - u moves log's argument into (0, 1], so the result is finite.
            Lax.Neg(Lax.Log1p(Lax.Neg(UnitUniform(key, shape, dtype, scheme))));
    }
}
