using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Random
    {
        /// <summary>
        /// Values -1 or 1 with equal probability (jax.random.rademacher): <c>2 * bernoulli(key, 0.5) - 1</c> as
        /// <paramref name="dtype"/> (default int32, int64 under x64; a float type also works).
        /// </summary>
        public static NDArray Rademacher(KeyArrayLike key, int[]? shape = null, DType? dtype = null)
        {
            var d = dtype ?? TypePromotion.DefaultInt;
            if (d == DType.Bool || d.IsUnsignedInteger())
                throw new ArgumentException($"Jax.Random.Rademacher: dtype must be a signed integer or float type, got {d}");
            return Sample("Rademacher", key, shape, d, [], (k, _, s, dt, p) => RademacherCore(k, s, dt, p));
        }

        /// <summary>
        /// Poisson counts with rate <paramref name="lam"/> (jax.random.poisson) as <paramref name="dtype"/> (default
        /// int32, int64 under x64); lam is taken as float32, as in JAX. Like JAX (and NumPy and TensorFlow), rates
        /// below 10 use Knuth's algorithm (multiply uniforms until the product drops below exp(-lam)) and larger rates
        /// Hörmann's transformed rejection with squeeze (PTRS); both loop, for every element at once, until every
        /// element is done. As in JAX, a rate of 0 gives 0, and a negative or NaN rate gives -1. The shape defaults
        /// to lam's.
        /// </summary>
        public static NDArray Poisson(KeyArrayLike key, NDArray lam, int[]? shape = null, DType? dtype = null)
        {
            var d = dtype ?? TypePromotion.DefaultInt;
            if (!d.IsInteger()) throw new ArgumentException($"Jax.Random.Poisson: dtype must be an integer type, got {d}");
            return Sample("Poisson", key, shape, d, [lam], (k, a, s, dt, p) => PoissonCore(k, Param(a[0], DType.Float32, s), dt, p));
        }

        /// <summary>
        /// Geometric counts of trials up to the first success, with success probability <paramref name="p"/>
        /// (jax.random.geometric): <c>floor(log u / log1p(-p)) + 1</c>, as <paramref name="dtype"/> (default int32,
        /// int64 under x64). The shape defaults to p's.
        /// </summary>
        public static NDArray Geometric(KeyArrayLike key, NDArray p, int[]? shape = null, DType? dtype = null)
        {
            var d = dtype ?? TypePromotion.DefaultInt;
            if (!d.IsInteger()) throw new ArgumentException($"Jax.Random.Geometric: dtype must be an integer type, got {d}");
            return Sample("Geometric", key, shape, d, [p], (k, a, s, dt, part) =>
            {
                var prob = Jnp.PromoteInexact(a[0])[0];
                var u = UnitUniform(k, s, prob.DType, part);
                var trials = Lax.Floor(Lax.Div(Lax.Log(u), Jnp.BroadcastTo(Lax.Log1p(Lax.Neg(prob)), s))) + 1;
                return Lax.ConvertElementType(trials, dt);
            });
        }

        internal static NDArray RademacherCore(NDArray key, int[] shape, DType dtype, KeyScheme scheme)
        {
            // JAX's bernoulli(key, p=0.5) takes the dtype of the Python float 0.5: the default float type.
            var f = TypePromotion.DefaultFloat;
            var heads = Lax.ConvertElementType(Lax.Lt(UnitUniform(key, shape, f, scheme), Lit(0.5, f)), dtype);
            return Lax.Sub(Lax.Mul(Lit(2, dtype), heads), Lit(1, dtype));
        }

        private static NDArray PoissonCore(NDArray key, NDArray lam, DType dtype, KeyScheme scheme)
        {
            var useKnuth = Jnp.IsNan(lam) | (lam < 10f);
            // Each algorithm runs on every element; the other's elements get a rate on which it finishes quickly.
            var knuth = PoissonKnuth(key, Jnp.Where(useKnuth, lam, 0f), dtype, scheme);
            var rejection = PoissonRejection(key, Jnp.Where(useKnuth, 1e5f, lam), dtype, scheme);
            var result = Jnp.Where(useKnuth, knuth, rejection);
            return Jnp.Where(lam == 0f, Lit(0, dtype), result);
        }

        /// <summary>Knuth: the number of uniforms whose product stays above exp(-lam), summed in log space.</summary>
        private static NDArray PoissonKnuth(NDArray key, NDArray lam, DType dtype, KeyScheme scheme)
        {
            var shape = lam.Shape;
            NDArray[] init = [Jnp.Zeros(shape, dtype), key, Jnp.Zeros(shape, DType.Float32)];
            var k = Lax.WhileLoop(c => Jnp.Any(c[2] > -lam), c =>
            {
                var keys = SplitKeys(c[1], 2, scheme);
                var count = Jnp.Where(c[2] > -lam, c[0] + 1, c[0]);
                var u = UnitUniform(keys[1], shape, DType.Float32, scheme);
                return [count, keys[0], c[2] + Lax.Log(u)];
            }, init)[0];
            return k - 1;
        }

        /// <summary>
        /// Hörmann's PTRS ("The transformed rejection method for generating Poisson random variables", 1993): a
        /// candidate from a transformed uniform, accepted at once inside the squeeze, else by comparing the log density.
        /// </summary>
        private static NDArray PoissonRejection(NDArray key, NDArray lam, DType dtype, KeyScheme scheme)
        {
            var shape = lam.Shape;
            var logLam = Lax.Log(lam);
            var b = 0.931f + 2.53f * Lax.Sqrt(lam);
            var a = -0.059f + 0.02483f * b;
            var invAlpha = 1.1239f + 1.1328f / (b - 3.4f);
            var vR = 0.9277f - 3.6224f / (b - 2f);
            NDArray[] init = [Jnp.Full(shape, -1f, DType.Float32), Jnp.Full(shape, false), key];
            var k = Lax.WhileLoop(c => Jnp.Any(!c[1]), c =>
            {
                var keys = SplitKeys(c[2], 3, scheme);
                var u = UnitUniform(keys[1], shape, DType.Float32, scheme) - 0.5f;
                var v = UnitUniform(keys[2], shape, DType.Float32, scheme);
                var us = 0.5f - Lax.Abs(u);
                var candidate = Lax.Floor((2f * a / us + b) * u + lam + 0.43f);
                var s = Lax.Log(v * invAlpha / (a / (us * us) + b));
                var t = -lam + candidate * logLam - Lax.Lgamma(candidate + 1f);
                var squeeze = (us >= 0.07f) & (v <= vR);
                var reject = (candidate < 0f) | ((us < 0.013f) & (v > us));
                var accept = squeeze | (!reject & (s <= t));
                // As in JAX, a later acceptance overwrites an earlier one: each round's candidate is independent.
                return [Jnp.Where(accept, candidate, c[0]), c[1] | accept, keys[0]];
            }, init)[0];
            return Lax.ConvertElementType(k, dtype);
        }
    }
}
