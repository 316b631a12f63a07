using static JaxNet.SpecialSeries;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Special
        {
            /// <summary>Both parameters at least this large take <see cref="LargeBetaPrefactorLog"/> (the range of
            /// <see cref="StirlingCorrection"/>).</summary>
            private const double LargeBetaParameters = 8;

            /// <summary>
            /// log(x^a (1−x)^b / B(a, b)) for a, b ≥ 8, without the cancellation of a log x + b log(1−x) − log B(a, b),
            /// three terms that grow like a and b while their sum stays small near the mode x0 = a / (a + b) (in float32
            /// that cancellation cost 5e−6 relative at a, b of a few hundred). With λ = (a + b) x − a, x / x0 = 1 + λ/a
            /// and (1−x) / (1−x0) = 1 − λ/b, Stirling's formula for the three gammas of B leaves
            /// −a·r(λ/a) − b·r(−λ/b) + ½ log(a b / (2π (a + b))) + δ(a + b) − δ(a) − δ(b), with r(e) = e − log(1 + e) ≥ 0:
            /// the linear terms λ and −λ cancel exactly on paper, so no large terms are subtracted (DiDonato and
            /// Morris's brcomp does the same).
            /// </summary>
            private static NDArray LargeBetaPrefactorLog(NDArray a, NDArray b, NDArray x)
            {
                var lambda = x * b - (1 - x) * a;
                var spread = 0.5 * (Jnp.Log(a) + Jnp.Log(b / (a + b))) - 0.5 * Math.Log(2 * Math.PI);
                // Far from the mode (|λ/a| or |λ/b| over 1/2) n·r(e) = n·e − n·log(x/x0) takes log(x/x0) as log x + log(1/x0)
                // rather than from 1 + e, which has lost its digits where x ≪ x0.
                var byA = Remainder(a, lambda, Jnp.Log(x) + Jnp.Log1p(b / a));
                var byB = Remainder(b, -lambda, Jnp.Log1p(-x) + Jnp.Log1p(a / b));
                return -(byA + byB) + spread + StirlingCorrection(a + b) - StirlingCorrection(a) - StirlingCorrection(b);
            }

            /// <summary>n·r(e) for e = <paramref name="scaled"/> / n, given log(1 + e) computed apart for |e| &gt; 1/2.</summary>
            private static NDArray Remainder(NDArray n, NDArray scaled, NDArray logOnePlus)
            {
                var e = scaled / n;
                var near = Jnp.LessEqual(Jnp.Abs(e), 0.5);
                return Jnp.Where(near, n * LogOnePlusRemainder(Jnp.Where(near, e, Jnp.ZerosLike(e))), scaled - n * logOnePlus);
            }

            /// <summary>
            /// r(e) = e − log(1 + e) for |e| ≤ 1/2, to full relative precision near 0 where the difference cancels: with
            /// t = e / (2 + e), log(1 + e) = 2 atanh t = 2(t + t³/3 + t⁵/5 + ...) and e − 2t = e·t, so
            /// r = e·t − 2t³ (1/3 + t²/5 + t⁴/7 + ...), where e·t ≥ 0 dominates (|t| ≤ 1/3; the series to t^28 is below
            /// float64's rounding).
            /// </summary>
            private static NDArray LogOnePlusRemainder(NDArray e)
            {
                var t = e / (2 + e);
                var t2 = t * t;
                return e * t - 2 * t * t2 * Horner(t2, AtanhTail);
            }

            /// <summary>1/(2k + 3) for k = 13 down to 0: atanh's series after its first term, over t³.</summary>
            private static readonly double[] AtanhTail = [.. Enumerable.Range(0, 14).Reverse().Select(k => 1.0 / (2 * k + 3))];
        }
    }
}
