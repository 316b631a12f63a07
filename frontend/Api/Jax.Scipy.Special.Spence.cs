using static JaxNet.SpecialSeries;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Special
        {
            private const double PiSquaredOverSix = 1.6449340668482264;

            /// <summary>
            /// scipy.special.spence: Spence's function ∫₁ˣ log t / (1 − t) dt, the dilogarithm Li₂(1 − x), for x ≥ 0:
            /// π²/6 at 0, 0 at 1, −inf at +inf, and NaN for x &lt; 0 (JAX's real-only domain) and NaN. For ½ ≤ x ≤ 2 it is
            /// the series Li₂ = Σ Bₖ uᵏ⁺¹/(k + 1)! in u = −log x (|u| ≤ log 2, ten terms); below ½ and above 2 the reflection
            /// Li₂(y) = π²/6 − log y log(1 − y) − Li₂(1 − y) and the inversion Li₂(y) = −π²/6 − ½ log²(−y) − Li₂(1/y)
            /// bring the argument back to that series. So it keeps its relative accuracy next to its zero at 1. Its
            /// derivative is log(x)/(1 − x) (−1 at 1, from that quotient's series there, so higher orders work too).
            /// </summary>
            public static NDArray Spence(NDArray x) => SpenceWithRule(RealArgument("spence", x));

            private static readonly Func<NDArray, NDArray> SpenceWithRule = CustomJvp(x => Widened(x, SpenceValue),
                (x, t) => (SpenceWithRule!(x), t * SpenceSlope(x)));

            private static NDArray SpenceValue(NDArray x)
            {
                var low = Jnp.Less(x, 0.5);
                var high = Jnp.Greater(x, 2);
                // Each form reads an argument inside its own range where another is taken.
                var xl = Jnp.Where(low & Jnp.Greater(x, 0), x, 0.25);
                var xm = Jnp.Where(low | high, 1, x);
                var xh = Jnp.Where(high, x, 4);
                var middle = DilogSeries(-Jnp.Log1p(xm - 1));
                var lowForm = PiSquaredOverSix - Jnp.Log1p(-xl) * Jnp.Log(xl) - DilogSeries(-Jnp.Log1p(-xl));
                var logShifted = Jnp.Log(xh - 1);
                var highForm = -PiSquaredOverSix - 0.5 * logShifted * logShifted - DilogSeries(Jnp.Log1p(-1 / xh));
                var value = Jnp.Where(low, lowForm, Jnp.Where(high, highForm, middle));
                value = Jnp.Where(Jnp.Equal(x, 0), PiSquaredOverSix, value);
                value = Jnp.Where(Jnp.IsPosInf(x), double.NegativeInfinity, value);
                return Jnp.Where(Jnp.Less(x, 0) | Jnp.IsNan(x), double.NaN, value);
            }

            // Li₂ in u = −log(1 − y): u − u²/4 + Σₖ B₂ₖ u²ᵏ⁺¹/(2k + 1)!; for |u| ≤ log 2 each term is about (u/2π)² of the
            // last, so the B₁₈ term is below 1e−18.
            private static NDArray DilogSeries(NDArray u) => u - 0.25 * u * u + u * Horner(u * u, DilogCoefficients);

            // log(x)/(1 − x); within 10⁻³ of 1, where the quotient is 0/0 at 1, its series −1 + v/2 − v²/3 + … in v = x − 1.
            private static NDArray SpenceSlope(NDArray x)
            {
                var v = x - 1;
                var near = Jnp.Less(Jnp.Abs(v), 1e-3);
                var vn = Jnp.Where(near, v, 0);
                var xf = Jnp.Where(near, 2, x);
                return Jnp.Where(near, Horner(vn, SlopeNearOne), Jnp.Log(xf) / (1 - xf));
            }

            // B₂ₖ/(2k + 1)! for k = 9 down to 1, then 0 (Horner's constant term).
            private static readonly double[] DilogCoefficients =
            [
                43867.0 / 798 / 121645100408832000, -3617.0 / 510 / 355687428096000, 7.0 / 6 / 1307674368000, -691.0 / 2730 / 6227020800,
                5.0 / 66 / 39916800, -1.0 / 30 / 362880, 1.0 / 42 / 5040, -1.0 / 30 / 120, 1.0 / 6 / 6, 0,
            ];

            private static readonly double[] SlopeNearOne = [1.0 / 6, -1.0 / 5, 1.0 / 4, -1.0 / 3, 1.0 / 2, -1];
        }
    }
}
