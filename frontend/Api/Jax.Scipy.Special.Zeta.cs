using JaxNet.Core;
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
            /// scipy.special.zeta with q: the Hurwitz zeta function ζ(x, q) = Σₙ (n + q)^(−x), for x &gt; 1 and q &gt; 0,
            /// by Euler–Maclaurin summation as JAX's derivative series (Johansson's formula (5)): N terms of the sum,
            /// the integral of the rest and M Bernoulli corrections, N = M = 8 in float32 and 16 in float64 (relative
            /// error about 1e−15 in float64). x = 1 gives +inf, x &lt; 1 NaN; q a non-positive integer gives +inf (a pole)
            /// and other q &lt; 0 NaN (SciPy evaluates those for integer x). Differentiable in both arguments through
            /// the series.
            /// </summary>
            public static NDArray Zeta(NDArray x, NDArray q) => Binary("zeta", (s, a) => Widened(s, a, HurwitzZeta), x, q);

            /// <summary>
            /// scipy.special.polygamma: ψ⁽ⁿ⁾(x), the n-th derivative of <see cref="Digamma"/>: digamma for n = 0, else
            /// (−1)ⁿ⁺¹ n! ζ(n + 1, x) (<see cref="Zeta"/>), so for n ≥ 1 x must be positive (±inf at x = 0, NaN below
            /// it; SciPy reflects); NaN for n &lt; 0. Its derivative in x is ψ⁽ⁿ⁺¹⁾.
            /// </summary>
            /// <exception cref="ArgumentException">n is not an integer array.</exception>
            public static NDArray Polygamma(NDArray n, NDArray x)
            {
                if (!n.DType.IsInteger())
                    throw new ArgumentException($"polygamma: n must be an integer array, got {n.DType}", nameof(n));
                var p = Promote("polygamma", n, x);
                var (order, v) = (p[0], p[1]);
                var sign = 1 - 2 * Jnp.Remainder(order + 1, 2);
                var higher = sign * Jnp.Exp(Lax.Lgamma(order + 1)) * Zeta(order + 1, v);
                var result = Jnp.Where(Jnp.Equal(order, 0), Lax.Digamma(v), higher);
                return Jnp.Where(Jnp.Less(order, 0), double.NaN, result);
            }

            private static NDArray HurwitzZeta(NDArray x, NDArray q)
            {
                var terms = x.DType == DType.Float64 ? 16 : 8;
                var inDomain = Jnp.Greater(x, 1) & Jnp.Greater(q, 0);
                // Safe arguments outside the domain, so that its derivatives there are 0, not NaN.
                var (s, a) = (Jnp.Where(inDomain, x, 2), Jnp.Where(inDomain, q, 1));
                NDArray sum = Jnp.ZerosLike(s * a);
                for (var k = 0; k < terms; k++) sum = sum + Jnp.Power(a + k, -s);
                var w = a + terms;
                var tail = Jnp.Power(w, 1 - s) / (s - 1);
                // The corrections B_2j / (2j)! s (s + 1) ... (s + 2j - 2) w^(-s - 2j + 1), the rising products kept
                // below the dtype's largest value (they are then multiplied by the tiny w^-s).
                var largest = s.DType == DType.Float64 ? double.MaxValue : float.MaxValue;
                var rising = s / w;
                var corrections = 0.5 + rising / BernoulliRatios[0];
                for (var j = 1; j < terms; j++)
                {
                    rising = Jnp.Minimum(rising * (s + (2 * j - 1)) * (s + 2 * j) / (w * w), largest);
                    corrections = corrections + rising / BernoulliRatios[j];
                }
                var value = sum + tail + Jnp.Power(w, -s) * corrections;
                var pole = (Jnp.Equal(x, 1) & Jnp.Greater(q, 0)) | (Jnp.LessEqual(q, 0) & Jnp.Equal(q, Jnp.Floor(q)) & Jnp.GreaterEqual(x, 1));
                return Jnp.Where(inDomain, value, Jnp.Where(pole, double.PositiveInfinity, double.NaN));
            }

            // (2j)! / B_2j for j = 1 ... 16.
            private static readonly double[] BernoulliRatios =
            [
                12.0, -720.0, 30240.0, -1209600.0, 47900160.0, -1892437580.3183792, 74724249600.0, -2950130727918.164,
                116467828143500.67, -4597978722407473.0, 1.8152105401943546e+17, -7.166165256175667e+18, 2.82908877253043e+20,
                -1.1168794925000445e+22, 4.4092635141854666e+23, -1.7407074646225822e+25,
            ];
        }
    }
}
