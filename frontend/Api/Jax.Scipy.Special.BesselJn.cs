using static JaxNet.SpecialSeries;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Special
        {
            /// <summary>
            /// jax.scipy.special.bessel_jn: the Bessel functions of the first kind J₀(z) … J_v(z) of a real z, stacked
            /// along a new leading axis (shape <c>[v + 1, ..z.shape]</c>, z's dtype). As JAX (after Zhang and Jin's
            /// BJNDD), Miller's backward recurrence J_k = 2 (k + 1)/z J_{k+1} − J_{k+2} runs in a
            /// <see cref="Lax.Scan(Func{NDArray[], NDArray[], ValueTuple{NDArray[], NDArray[]}}, NDArray[], NDArray[], int?, bool)"/>
            /// from k = <paramref name="nIter"/> down to 0 and is normalised by J₀ + 2 (J₂ + J₄ + …) = 1. It is accurate
            /// while <paramref name="nIter"/> is well above |z| (the default 50 serves |z| up to about 25; JAX's rule of
            /// thumb: the smallest n with 0.5 log10(6.28 + n) − n log10(1.36 + |z|/n) &gt; 20). Unlike JAX, whose
            /// unscaled recurrence overflows float32 for |z| up to 3 or so (NaN), the running values are rescaled by
            /// 2⁻⁶⁴ whenever they pass 2³² (exact, tracked per element); |z| &lt; 2⁻⁴⁰ takes the series' leading term
            /// (z/2)ᵏ/k!, so J(0) = (1, 0, …); J(±∞) = 0. Differentiable in z through the recurrence.
            /// </summary>
            /// <exception cref="ArgumentException">complex z, a negative order, or <paramref name="nIter"/> below
            /// <paramref name="v"/>.</exception>
            public static NDArray BesselJn(NDArray z, int v, int nIter = 50)
            {
                var x = Promote("bessel_jn", z)[0];
                if (x.DType.IsComplex()) throw new ArgumentException($"bessel_jn: complex input is not supported, got {x.DType.NumpyName()}", nameof(z));
                if (v < 0) throw new ArgumentException($"bessel_jn: the order v must be non-negative, got {v}", nameof(v));
                if (nIter < v) throw new ArgumentException($"bessel_jn: n_iter ({nIter}) must be at least the order v ({v})", nameof(nIter));
                return Widened(x, u => BesselJnValues(u, v, nIter));
            }

            private const double TinyBesselArgument = 9.094947017729282e-13; // 2^-40

            private static NDArray BesselJnValues(NDArray z, int v, int nIter)
            {
                var tiny = Jnp.Less(Jnp.Abs(z), TinyBesselArgument);
                var useSeries = tiny | Jnp.IsInf(z);
                var recurrence = MillerRecurrence(Jnp.Where(useSeries, 1, z), v, nIter);
                // Where |z| < 2^-40 the next term of the series is 2^-80 times the first; at infinity every J is 0.
                var near = Jnp.Where(tiny, z, 0);
                var terms = new NDArray[v + 1];
                terms[0] = Jnp.Where(tiny, 1, Jnp.ZerosLike(z));
                for (var k = 1; k <= v; k++) terms[k] = terms[k - 1] * near / (2 * k);
                return Jnp.Where(useSeries, Jnp.Stack(terms), recurrence);
            }

            private const double RescaleAbove = 4294967296.0; // 2^32
            private const int RescaleExponent = 64;

            // The unnormalised J_k for k = nIter .. 0, from J_{nIter+2} = 0 and J_{nIter+1} = 1. A value past 2^32 scales
            // the carry by 2^-64 and raises its element's level, so nothing overflows while 2 (k + 1)/|z| < 2^64; each
            // output is brought to the final level at the end (2^-64 per level, exact, underflowing to 0 where the
            // true value is that small).
            private static NDArray MillerRecurrence(NDArray z, int v, int nIter)
            {
                var ks = Jnp.Arange(nIter + 1).Astype(z.DType);
                NDArray[] init = [Jnp.ZerosLike(z), Jnp.OnesLike(z), Jnp.ZerosLike(z), Jnp.Zeros(z.Shape, DType.Int32)];
                var (carry, ys) = Lax.Scan((c, k) =>
                {
                    var (previous, current, evenSum, level) = (c[0], c[1], c[2], c[3]);
                    var next = 2 * (k[0] + 1) * current / z - previous;
                    evenSum = evenSum + Jnp.Where(Jnp.Equal(Jnp.Remainder(k[0], 2), 0), 2 * next, 0);
                    var rescale = Jnp.Greater(Jnp.Abs(next), RescaleAbove);
                    var factor = Jnp.Where(rescale, Math.ScaleB(1.0, -RescaleExponent), 1);
                    return ([current * factor, next * factor, evenSum * factor, level + rescale.Astype(DType.Int32)], [next, level]);
                }, init, [ks], reverse: true);
                var finalLevel = carry[3];
                var scaled = ys[0] * Jnp.Ldexp(Jnp.OnesLike(ys[0]), RescaleExponent * (ys[1] - finalLevel));
                return scaled[..(v + 1)] / (carry[2] - scaled[0]);
            }
        }
    }
}
