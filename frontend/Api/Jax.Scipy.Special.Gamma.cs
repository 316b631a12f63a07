using static JaxNet.SpecialSeries;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Special
        {
            /// <summary>scipy.special.gammaln: log |Γ(x)| (lax.lgamma); +inf at the poles 0, −1, −2, …. Its derivative is
            /// <see cref="Digamma"/>.</summary>
            public static NDArray Gammaln(NDArray x) => Lax.Lgamma(Promote("gammaln", x)[0]);

            /// <summary>scipy.special.digamma: ψ(x) = d/dx log Γ(x) (lax.digamma); NaN at the poles. Its derivative is
            /// the trigamma function ψ₁.</summary>
            public static NDArray Digamma(NDArray x) => Lax.Digamma(Promote("digamma", x)[0]);

            /// <summary>
            /// scipy.special.gammasgn: the sign of Γ(x), +1 or −1: −1 between the negative odd and even integers
            /// (−1 &lt; x &lt; 0, −3 &lt; x &lt; −2, …) and at −0.0; NaN at the negative integers (the sign depends on the
            /// side), at −inf and at NaN.
            /// </summary>
            public static NDArray Gammasgn(NDArray x) => Sign(Promote("gammasgn", x)[0]);

            /// <summary>scipy.special.gamma: Γ(x) as <see cref="Gammasgn"/> times exp(<see cref="Gammaln"/>), as in JAX:
            /// ±inf at ±0, NaN at the negative integers, overflowing to inf above 171.6 in float64 (35.0 in
            /// float32).</summary>
            public static NDArray Gamma(NDArray x)
            {
                var v = Promote("gamma", x)[0];
                return Sign(v) * Jnp.Exp(Lax.Lgamma(v));
            }

            /// <summary>scipy.special.factorial: n! as Γ(n + 1), a float (JAX has no exact factorial), 0 for n &lt; 0.</summary>
            public static NDArray Factorial(NDArray n)
            {
                var v = Promote("factorial", n)[0];
                return Jnp.Where(Jnp.Less(v, 0), 0, Jnp.Exp(Lax.Lgamma(v + 1)));
            }

            /// <summary>
            /// scipy.special.betaln: log |B(a, b)| = log |Γ(a) Γ(b) / Γ(a + b)|. With b = max(a, b) ≥ 8 and a &gt; 0 the
            /// difference log Γ(b) − log Γ(a + b) comes from Stirling's series, where the three log-gammas would
            /// cancel (betaln(1e6, 1e6) keeps its digits), as JAX's (SciPy's algdiv) does.
            /// </summary>
            public static NDArray Betaln(NDArray a, NDArray b)
            {
                var p = Promote("betaln", a, b);
                var (small, large) = (Jnp.Minimum(p[0], p[1]), Jnp.Maximum(p[0], p[1]));
                var useStirling = Jnp.GreaterEqual(large, 8) & Jnp.Greater(small, 0);
                var direct = Lax.Lgamma(small) + (Lax.Lgamma(large) - Lax.Lgamma(small + large));
                // The Stirling branch reads safe arguments where it is not taken, so its gradient there is 0, not NaN.
                var (x, y) = (Jnp.Where(useStirling, small, 1), Jnp.Where(useStirling, large, 8));
                return Jnp.Where(useStirling, Lax.Lgamma(x) + LogGammaDifference(x, y), direct);
            }

            /// <summary>scipy.special.beta: B(a, b) = Γ(a) Γ(b) / Γ(a + b), its sign from <see cref="Gammasgn"/> and its
            /// magnitude exp(<see cref="Betaln"/>).</summary>
            public static NDArray Beta(NDArray a, NDArray b) =>
                Binary("beta", (x, y) => Sign(x) * Sign(y) * Sign(x + y) * Jnp.Exp(Betaln(x, y)), a, b);

            /// <summary>
            /// scipy.special.multigammaln: log of the multivariate gamma function of dimension d,
            /// d(d − 1)/4 log π + Σᵢ₌₀^{d−1} log Γ(a − i/2).
            /// </summary>
            /// <exception cref="ArgumentException">d is not positive.</exception>
            public static NDArray Multigammaln(NDArray a, int d)
            {
                if (d < 1) throw new ArgumentException($"multigammaln: d must be a positive integer (the dimension), got {d}", nameof(d));
                var v = Promote("multigammaln", a)[0];
                var half = Jnp.Arange(d).Astype(v.DType) / 2;
                var terms = Lax.Lgamma(Jnp.ExpandDims(v, -1) - half);
                return Jnp.Sum(terms, -1) + 0.25 * d * (d - 1) * Math.Log(Math.PI);
            }

            // The sign of gamma: NaN at the poles of the negative axis (and at -inf, NaN), -1 on the intervals
            // (-2k - 1, -2k) and at -0.0, else 1.
            private static NDArray Sign(NDArray x)
            {
                var floor = Jnp.Floor(x);
                var negative = Jnp.Less(x, 0);
                var pole = (negative & Jnp.Equal(x, floor)) | Jnp.IsNan(x);
                var negativeZero = Jnp.Equal(x, 0) & Jnp.Less(1 / x, 0);
                var minus = (negative & Jnp.NotEqual(Jnp.Remainder(floor, 2), 0)) | negativeZero;
                return Jnp.Where(pole, double.NaN, Jnp.Where(minus, -1, Jnp.OnesLike(x)));
            }

            // log Gamma(y) - log Gamma(x + y) for y >= 8, x >= 0, by Stirling's formula with the log-gammas' common
            // terms cancelled by hand: -x log y - (x + y - 1/2) log1p(x / y) + x + delta(y) - delta(x + y).
            private static NDArray LogGammaDifference(NDArray x, NDArray y) =>
                -x * Jnp.Log(y) - (x + y - 0.5) * Jnp.Log1p(x / y) + x + StirlingCorrection(y) - StirlingCorrection(x + y);

            // delta(z) = log Gamma(z) - ((z - 1/2) log z - z + log(2 pi)/2) for z >= 8: the Stirling series
            // sum B_2k / (2k (2k - 1) z^(2k - 1)) to k = 7, whose next term is below 1e-15 at z = 8.
            private static NDArray StirlingCorrection(NDArray z)
            {
                var inverse = 1 / z;
                var inverse2 = inverse * inverse;
                return inverse * Horner(inverse2, StirlingCoefficients);
            }

            private static readonly double[] StirlingCoefficients =
                [1.0 / 156, -691.0 / 360360, 1.0 / 1188, -1.0 / 1680, 1.0 / 1260, -1.0 / 360, 1.0 / 12];
        }
    }
}
