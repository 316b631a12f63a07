using JaxNet.Core;
using JaxNet.Transforms;
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
            /// scipy.special.betainc: the regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b) for
            /// a &gt; 0, b &gt; 0 and 0 ≤ x ≤ 1 (NaN elsewhere, as SciPy). It evaluates the continued fraction of
            /// I_x(a, b) (DLMF 8.17.22) by Lentz's method in a
            /// <see cref="Lax.WhileLoop(Func{NDArray[], NDArray}, Func{NDArray[], NDArray[]}, NDArray[])"/> until every
            /// element has converged (at most 1000 steps), using I_x(a, b) = 1 − I_{1−x}(b, a) where x &gt; (a + 1) /
            /// (a + b + 2), where the fraction would converge slowly. Float64 agrees with SciPy to about 1e−13 relative;
            /// float32 to 52 ulps for a, b ≤ 1,000 and 0.001 ≤ x ≤ 0.999 (the fraction's own rounding; the prefactor
            /// x^a (1−x)^b / B(a, b) is formed without cancellation for a, b ≥ 8), more in the far tails; half precision
            /// computes in float32. The derivative in x is x^(a−1) (1−x)^(b−1) / B(a, b);
            /// those in a and b, which JAX leaves undefined, carry the fraction's derivatives through the same
            /// recurrences until they too have converged. Reverse mode gives first derivatives only (the loops).
            /// </summary>
            public static NDArray Betainc(NDArray a, NDArray b, NDArray x)
            {
                // Half precision is computed in float32, whose range the fraction's terms need.
                return RealWidened("betainc", Promote("betainc", a, b, x), BetaincWithRule);
            }

            private static NDArray BetaincWithRule(NDArray[] abx) => CustomDerivatives.CallCustomJvp(v => [IncompleteBeta(v[0], v[1], v[2])],
                (primals, tangents) => ([BetaincWithRule(primals)], [IncompleteBetaTangent(primals, tangents)]), abx)[0];

            private static NDArray IncompleteBetaTangent(NDArray[] primals, NDArray[] tangents)
            {
                var (a, b, x) = (primals[0], primals[1], primals[2]);
                var byX = Jnp.Exp(Xlogy(a - 1, x) + Xlog1py(b - 1, -x) - Betaln(a, b));
                var (byA, byB) = IncompleteBetaParameterSlopes(a, b, x);
                return tangents[0] * byA + tangents[1] * byB + tangents[2] * byX;
            }

            private const int IncompleteBetaSteps = 1000;

            private static NDArray IncompleteBeta(NDArray a, NDArray b, NDArray x)
            {
                var (invalid, end, p, q, y, swap) = Reflected(a, b, x);
                var fraction = Front(p, q, y) * BetaFraction(p, q, y);
                var value = Jnp.Where(swap, 1 - fraction, fraction);
                value = Jnp.Where(end, x, value);
                return Jnp.Where(invalid, double.NaN, value);
            }

            // ∂I/∂a and ∂I/∂b: those of x^p (1−x)^q / (p B(p, q)) times the fraction, with the fraction's own derivatives
            // carried beside it (a loop stopped where only the value has converged would miss them: for an integer b
            // the fraction ends after b steps, its derivative in b does not).
            private static (NDArray ByA, NDArray ByB) IncompleteBetaParameterSlopes(NDArray a, NDArray b, NDArray x)
            {
                var (invalid, end, p, q, y, swap) = Reflected(a, b, x);
                var (f, fp, fq) = BetaFractionWithSlopes(p, q, y);
                var front = Front(p, q, y);
                var bothDigamma = Lax.Digamma(p + q);
                var byP = front * ((Jnp.Log(y) - Lax.Digamma(p) + bothDigamma - 1 / p) * f + fp);
                var byQ = front * ((Jnp.Log1p(-y) - Lax.Digamma(q) + bothDigamma) * f + fq);
                NDArray Clean(NDArray v) => Jnp.Where(invalid, double.NaN, Jnp.Where(end, 0, v));
                return (Clean(Jnp.Where(swap, -byQ, byP)), Clean(Jnp.Where(swap, -byP, byQ)));
            }

            // NaN arguments, the ends x = 0 and 1, and where the fraction is evaluated: I_y(p, q) with (p, q, y) = (a, b, x), or
            // (b, a, 1 − x) where x > (a + 1) / (a + b + 2) and the fraction would converge slowly. Elsewhere the fraction reads
            // arguments where it converges at once.
            private static (NDArray Invalid, NDArray End, NDArray P, NDArray Q, NDArray Y, NDArray Swap) Reflected(NDArray a, NDArray b, NDArray x)
            {
                var invalid = Jnp.LessEqual(a, 0) | Jnp.LessEqual(b, 0) | Jnp.Less(x, 0) | Jnp.Greater(x, 1) | AnyNan(a, b, x);
                var end = Jnp.Equal(x, 0) | Jnp.Equal(x, 1);
                var safe = invalid | end;
                (a, b, x) = (Jnp.Where(safe, 1, a), Jnp.Where(safe, 1, b), Jnp.Where(safe, 0.5, x));
                var swap = Jnp.Greater(x, (a + 1) / (a + b + 2));
                return (invalid, end, Jnp.Where(swap, b, a), Jnp.Where(swap, a, b), Jnp.Where(swap, 1 - x, x), swap);
            }

            // x^a (1−x)^b / (a B(a, b)), its log from LargeBetaPrefactorLog where a and b are large (each branch reads safe
            // arguments where it is not taken).
            private static NDArray Front(NDArray a, NDArray b, NDArray x)
            {
                var large = Jnp.GreaterEqual(a, LargeBetaParameters) & Jnp.GreaterEqual(b, LargeBetaParameters);
                var (la, lb) = (Jnp.Where(large, a, LargeBetaParameters), Jnp.Where(large, b, LargeBetaParameters));
                var direct = Xlogy(a, x) + Xlog1py(b, -x) - Betaln(a, b);
                return Jnp.Exp(Jnp.Where(large, LargeBetaPrefactorLog(la, lb, x), direct)) / a;
            }

            // 1 / (1 + d1 / (1 + d2 / (1 + ...))) with d_2m+1 = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)) and
            // d_2m = m (b − m) x / ((a + 2m − 1)(a + 2m)), evaluated forward by the modified Lentz method (Numerical
            // Recipes' betacf), two partial numerators per step; tiny denominators are nudged off zero.
            private static NDArray BetaFraction(NDArray a, NDArray b, NDArray x)
            {
                var tolerance = 4 * Spectral.Matrices.Epsilon(x.DType);
                var d = Guarded(1 - (a + b) * x / (a + 1));
                // s[5] is 1 where an element has converged: its h is left alone from then on (another element's slower
                // convergence would otherwise keep multiplying it by factors within rounding of 1, a drift of up to a
                // thousand steps' roundings in float32, and a result that depends on what it is batched with).
                var init = new[] { Jnp.Array(0), Jnp.OnesLike(x), Jnp.OnesLike(x), 1 / d, 1 / d, Jnp.ZerosLike(x) };
                var outs = Lax.WhileLoop(s => Jnp.Less(s[0], IncompleteBetaSteps) & Jnp.Any(Jnp.Equal(s[5], 0)), s =>
                {
                    var (m, c, dd, h, done) = (s[1], s[2], s[3], s[4], Jnp.NotEqual(s[5], 0));
                    var even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
                    dd = 1 / Guarded(1 + even * dd);
                    c = Guarded(1 + even / c);
                    h = h * dd * c;
                    var odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
                    dd = 1 / Guarded(1 + odd * dd);
                    c = Guarded(1 + odd / c);
                    var delta = dd * c;
                    var converged = done | Jnp.LessEqual(Jnp.Abs(delta - 1), tolerance);
                    return [s[0] + 1, m + 1, c, dd, Jnp.Where(done, h, h * delta), Jnp.Where(converged, 1, Jnp.ZerosLike(x))];
                }, init);
                return outs[4];
            }

            // The fraction and its derivatives in a and b, each partial numerator's derivatives pushed through Lentz's
            // recurrences by hand, until the value and both derivatives have converged.
            private static (NDArray F, NDArray ByA, NDArray ByB) BetaFractionWithSlopes(NDArray a, NDArray b, NDArray x)
            {
                var tolerance = 4 * Spectral.Matrices.Epsilon(x.DType);
                var zero = Jnp.ZerosLike(x);
                var v = Guarded(1 - (a + b) * x / (a + 1));
                var (d, vA, vB) = (1 / v, (a + b) * x / ((a + 1) * (a + 1)) - x / (a + 1), -x / (a + 1));
                var (dA, dB) = (-d * d * vA, -d * d * vB);
                // Carry: step, m, then (value, ∂/∂a, ∂/∂b) of c, d and h, and the last step's relative changes.
                // As in BetaFraction, an element's h is frozen once it has converged (s[11] = 1).
                NDArray[] init = [Jnp.Array(0), Jnp.OnesLike(x), Jnp.OnesLike(x), zero, zero, d, dA, dB, d, dA, dB, zero];
                var outs = Lax.WhileLoop(s => Jnp.Less(s[0], IncompleteBetaSteps) & Jnp.Any(Jnp.Equal(s[11], 0)), s =>
                {
                    var done = Jnp.NotEqual(s[11], 0);
                    var m = s[1];
                    var (c, d, h) = ((s[2], s[3], s[4]), (s[5], s[6], s[7]), (s[8], s[9], s[10]));
                    var (e0, e1) = (a + 2 * m - 1, a + 2 * m);
                    var even = m * (b - m) * x / (e0 * e1);
                    (c, d) = LentzStep((even, -even * (1 / e0 + 1 / e1), m * x / (e0 * e1)), c, d);
                    var h1 = Times(Times(h, d), c);
                    var (o0, o1) = (a + 2 * m, a + 2 * m + 1);
                    var odd = -(a + m) * (a + b + m) * x / (o0 * o1);
                    (c, d) = LentzStep((odd, odd * (1 / (a + m) + 1 / (a + b + m) - 1 / o0 - 1 / o1), odd / (a + b + m)), c, d);
                    var h2 = Times(Times(h1, d), c);
                    var change = Jnp.Maximum(Relative(h2.Item1, h.Item1),
                        Jnp.Maximum(Relative(h2.Item2, h.Item2), Relative(h2.Item3, h.Item3)));
                    var converged = done | Jnp.LessEqual(change, tolerance);
                    NDArray Kept(NDArray next, NDArray previous) => Jnp.Where(done, previous, next);
                    return [s[0] + 1, m + 1, c.Item1, c.Item2, c.Item3, d.Item1, d.Item2, d.Item3, Kept(h2.Item1, h.Item1), Kept(h2.Item2, h.Item2),
                        Kept(h2.Item3, h.Item3), Jnp.Where(converged, 1, zero)];
                }, init);
                return (outs[8], outs[9], outs[10]);
            }

            // One partial numerator e (with its derivatives) applied to Lentz's c and d (each with derivatives):
            // d ← 1 / (1 + e d), c ← 1 + e / c.
            private static ((NDArray, NDArray, NDArray) C, (NDArray, NDArray, NDArray) D) LentzStep((NDArray V, NDArray A, NDArray B) e,
                (NDArray V, NDArray A, NDArray B) c, (NDArray V, NDArray A, NDArray B) d)
            {
                var dn = 1 / Guarded(1 + e.V * d.V);
                var cn = Guarded(1 + e.V / c.V);
                return ((cn, e.A / c.V - e.V * c.A / (c.V * c.V), e.B / c.V - e.V * c.B / (c.V * c.V)),
                    (dn, -dn * dn * (e.A * d.V + e.V * d.A), -dn * dn * (e.B * d.V + e.V * d.B)));
            }

            // The product of two values with their derivatives.
            private static (NDArray, NDArray, NDArray) Times((NDArray V, NDArray A, NDArray B) u, (NDArray V, NDArray A, NDArray B) w) =>
                (u.V * w.V, u.A * w.V + u.V * w.A, u.B * w.V + u.V * w.B);

            private static NDArray Relative(NDArray next, NDArray previous) =>
                Jnp.Where(Jnp.Equal(next, previous), 0, Jnp.Abs(next - previous) / Jnp.Abs(next));

            private static NDArray Guarded(NDArray v) => Jnp.Where(Jnp.Less(Jnp.Abs(v), 1e-30), 1e-30, v);
        }
    }
}
