using static JaxNet.SpecialSeries;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Special
        {
            /// <summary>
            /// scipy.special.expi: the exponential integral Ei(x), the principal value of ∫₋∞ˣ eᵗ/t dt; −inf at 0,
            /// −E₁(−x) for x &lt; 0, +inf at +inf and 0 at −inf. For 0 &lt; x ≤ 40 it sums the power series about Ei's
            /// zero x₀ = 0.3725… (log(x/x₀) + Σ (xᵏ − x₀ᵏ)/(k·k!), whose terms all share one sign, so the result keeps
            /// its relative accuracy next to the zero), beyond 40 the asymptotic series eˣ/x Σ k!/xᵏ, formed as
            /// e^(x/2)·(e^(x/2)/x) so that it stays finite up to where Ei itself overflows (x ≈ 716 in float64, 92 in
            /// float32). Its derivative is JAX's rule eˣ/x.
            /// </summary>
            public static NDArray Expi(NDArray x) => ExpiWithRule(RealArgument("expi", x));

            /// <summary>
            /// scipy.special.exp1: the exponential integral E₁(x) = ∫ₓ^∞ e⁻ᵗ/t dt for x ≥ 0 (+inf at 0, NaN for x &lt; 0,
            /// as in JAX and SciPy); <see cref="Expn"/> with n = 1. Its derivative is JAX's rule −e⁻ˣ/x.
            /// </summary>
            public static NDArray Exp1(NDArray x) => Exp1WithRule(RealArgument("exp1", x));

            /// <summary>
            /// scipy.special.expn: the generalized exponential integral Eₙ(x) = ∫₁^∞ e^(−xt)/tⁿ dt for integer n ≥ 0 and
            /// x ≥ 0. n is truncated toward zero as SciPy's floating-point loop does; n &lt; 0, x &lt; 0, an infinite n and
            /// NaN give NaN; Eₙ(0) is +inf for n ≤ 1 and 1/(n − 1) above; E₀(x) = e⁻ˣ/x. For x ≤ 1 it sums the power
            /// series (with the ψ(n) − log x term of the missing power), for x &gt; 1 the continued fraction
            /// e⁻ˣ/(x + n − 1·n/(x + n + 2 − 2(n + 1)/(x + n + 4 − …))) by Lentz's method, each in a while loop until every
            /// element has converged. The arguments broadcast. The derivative in x is JAX's −Eₙ₋₁(x) (for n = 0, where
            /// JAX's rule reads E₋₁ = NaN, the derivative of e⁻ˣ/x); n has none (a tangent in n contributes 0).
            /// </summary>
            public static NDArray Expn(NDArray n, NDArray x)
            {
                var p = Promote("expn", n, x);
                if (p[1].DType.IsComplex()) throw new ArgumentException($"expn: complex arguments are not supported, got {p[1].DType.NumpyName()}", nameof(x));
                return ExpnWithRule(p[0], p[1]);
            }

            private static readonly Func<NDArray, NDArray> ExpiWithRule = CustomJvp(x => Widened(x, ExpiValue),
                (x, t) => (ExpiWithRule!(x), t * (Jnp.Exp(x) / x)));

            private static readonly Func<NDArray, NDArray> Exp1WithRule = CustomJvp(x => Widened(x, v => ExpnValue(Jnp.OnesLike(v), v)),
                (x, t) => (Exp1WithRule!(x), t * (-Jnp.Exp(-x) / x)));

            private static readonly Func<NDArray, NDArray, NDArray> ExpnWithRule = CustomJvp(
                (n, x) => Widened(n, x, ExpnValue),
                (primals, tangents) =>
                {
                    var (n, x) = (primals[0], primals[1]);
                    var order = Jnp.Trunc(n);
                    // E₀ = e⁻ˣ/x has the derivative −e⁻ˣ (x + 1)/x²; the recurrence would ask for E₋₁, which is NaN.
                    var belowZero = -ExpnWithRule!(Jnp.Maximum(order - 1, 0), x);
                    var ofZero = -Jnp.Exp(-x) * (x + 1) / (x * x);
                    return (ExpnWithRule!(n, x), tangents[1] * Jnp.Where(Jnp.Equal(order, 0), ofZero, belowZero));
                });

            private static NDArray ExpiValue(NDArray x)
            {
                var positive = Jnp.Greater(x, 0);
                var large = Jnp.Greater(x, ExpiAsymptoticFrom);
                // Each branch reads an argument where it converges at once wherever another one is taken.
                var series = ExpiSeries(Jnp.Where(positive & ~large, x, 1));
                var asymptotic = ExpiAsymptotic(Jnp.Where(large, x, 2 * ExpiAsymptoticFrom));
                var ofNegative = -ExpnValue(Jnp.OnesLike(x), Jnp.Where(positive, 1, -x));
                var value = Jnp.Where(large, asymptotic, Jnp.Where(positive, series, ofNegative));
                value = Jnp.Where(Jnp.Equal(x, 0), double.NegativeInfinity, value);
                value = Jnp.Where(Jnp.IsPosInf(x), double.PositiveInfinity, value);
                return Jnp.Where(Jnp.IsNan(x), double.NaN, value);
            }

            private static NDArray ExpnValue(NDArray n, NDArray x)
            {
                var order = Jnp.Trunc(n);
                var invalid = Jnp.Less(order, 0) | Jnp.Less(x, 0) | Jnp.IsInf(order) | AnyNan(order, x);
                var inside = Jnp.Greater(x, 0) & Jnp.IsFinite(x) & ~invalid;
                var useFraction = Jnp.Greater(x, 1);
                // The loops need n ≥ 1; E₀ is closed-form. Elsewhere they read arguments where they converge at once.
                var loopOrder = Jnp.Where(inside, Jnp.Maximum(order, 1), 1);
                var series = ExpnSeries(loopOrder, Jnp.Where(inside & ~useFraction, x, 0.5));
                var fraction = ExpnFraction(loopOrder, Jnp.Where(inside & useFraction, x, 2));
                var value = Jnp.Where(useFraction, fraction, series);
                value = Jnp.Where(Jnp.Equal(order, 0), Jnp.Exp(-x) / x, value);
                value = Jnp.Where(Jnp.Equal(x, 0), Jnp.Where(Jnp.LessEqual(order, 1), double.PositiveInfinity, 1 / Jnp.Maximum(order - 1, 1)), value);
                value = Jnp.Where(Jnp.IsPosInf(x), 0, value);
                return Jnp.Where(invalid, double.NaN, value);
            }
        }
    }
}
