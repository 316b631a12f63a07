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
            /// scipy.special.hyp2f1: Gauss's hypergeometric function ₂F₁(a, b; c; x) = Σₖ (a)ₖ (b)ₖ/((c)ₖ k!) xᵏ for real
            /// arguments and x &lt; 1. For x &lt; 0 it uses Pfaff's transformation (1 − x)⁻ᵃ ₂F₁(a, c − b; c; x/(x − 1)), so
            /// every argument below 1 comes to z in [0, 1); there it sums the series up to z = ¾ (or when it terminates,
            /// directly or after Euler's transformation (1 − z)ᶜ⁻ᵃ⁻ᵇ ₂F₁(c − a, c − b; c; z)), and above ¾ the connection
            /// formula to two series in 1 − z, or, where c − a − b is an integer m, its limit with digamma terms
            /// (Abramowitz and Stegun 15.3.10–12, after Euler's transformation for m &lt; 0). Edges as JAX: 1 at x = 0 and at
            /// a = 0 or b = 0 (c ≠ 0), +inf at c = 0 or a negative integer c, (1 − x)⁻ᵃ at b = c and (1 − x)⁻ᵇ at a = c,
            /// Gauss's Γ(c) Γ(c − a − b)/(Γ(c − a) Γ(c − b)) at x = 1 (+inf there when c − a − b ≤ 0), +inf for x &gt; 1.
            /// NaN propagates. The derivative in x is ab/c ₂F₁(a + 1, b + 1; c + 1; x); those in a, b and c are the
            /// forward-mode derivatives of the computation, as JAX's (first order in reverse mode).
            /// </summary>
            public static NDArray Hyp2f1(NDArray a, NDArray b, NDArray c, NDArray x) =>
                RealWidened("hyp2f1", Promote("hyp2f1", a, b, c, x), Hyp2f1WithRule);

            private static NDArray Hyp2f1WithRule(NDArray[] abcx) => CustomDerivatives.CallCustomJvp(v => [Hyp2f1Value(v[0], v[1], v[2], v[3], smooth: false)],
                (primals, tangents) => ([Hyp2f1WithRule(primals)], [Hyp2f1Tangent(primals, tangents)]), abcx)[0];

            private static NDArray Hyp2f1Tangent(NDArray[] primals, NDArray[] tangents)
            {
                var (a, b, c, x) = (primals[0], primals[1], primals[2], primals[3]);
                var byX = a * b / c * Hyp2f1WithRule([a + 1, b + 1, c + 1, x]);
                var (_, byA) = Jax.Jvp(u => Hyp2f1Value(u, b, c, x, smooth: true), [a], [Jnp.OnesLike(a)]);
                var (_, byB) = Jax.Jvp(u => Hyp2f1Value(a, u, c, x, smooth: true), [b], [Jnp.OnesLike(b)]);
                var (_, byC) = Jax.Jvp(u => Hyp2f1Value(a, b, u, x, smooth: true), [c], [Jnp.OnesLike(c)]);
                return tangents[0] * byA + tangents[1] * byB + tangents[2] * byC + tangents[3] * byX;
            }

            // smooth: the digamma form's elements summed by the series in z instead (more terms, the same value), since
            // that form holds c − a − b at its integer and so has no derivative across it.
            private static NDArray Hyp2f1Value(NDArray a, NDArray b, NDArray c, NDArray x, bool smooth)
            {
                // Batched arguments arrive unbroadcast, and the loops stack the parameters: all take the common shape.
                var shape = Jnp.BroadcastArrays("hyp2f1", a, b, c, x).Select(v => v.Shape).MaxBy(v => v.Length)!;
                (a, b, c, x) = (Jnp.BroadcastTo(a, shape), Jnp.BroadcastTo(b, shape), Jnp.BroadcastTo(c, shape), Jnp.BroadcastTo(x, shape));
                var d = c - a - b;
                var s = 1 - x;
                var below = Jnp.Less(x, 1);
                var value = Hyp2f1BelowOne(a, b, c, Jnp.Where(below, x, 0), smooth);
                var gauss = GammaRatio([c, Jnp.Where(Jnp.Greater(d, 0), d, 1)], [c - a, c - b]);
                value = Jnp.Where(Jnp.Equal(x, 1), Jnp.Where(Jnp.Greater(d, 0), gauss, double.PositiveInfinity), value);
                value = Jnp.Where(Jnp.Greater(x, 1), double.PositiveInfinity, value);
                value = Jnp.Where(below & Jnp.Equal(a, c), Jnp.Exp(-b * Jnp.Log(s)), value);
                value = Jnp.Where(below & Jnp.Equal(b, c), Jnp.Exp(-a * Jnp.Log(s)), value);
                value = Jnp.Where(Jnp.LessEqual(c, 0) & Jnp.Equal(c, Jnp.Floor(c)), double.PositiveInfinity, value);
                value = Jnp.Where(Jnp.Equal(x, 0) | ((Jnp.Equal(a, 0) | Jnp.Equal(b, 0)) & Jnp.NotEqual(c, 0)), 1, value);
                return Jnp.Where(AnyNan(a, b, c, x), double.NaN, value);
            }

            // ₂F₁ for x < 1 away from the edges. Each branch reads arguments where its loop ends at once wherever another
            // branch is taken.
            private static NDArray Hyp2f1BelowOne(NDArray a, NDArray b, NDArray c, NDArray x, bool smooth)
            {
                // Pfaff for x < 0, keeping a parameter that ends the series (a non-positive integer) in front.
                var negative = Jnp.Less(x, 0);
                var swap = negative & NonPositiveInteger(b) & ~NonPositiveInteger(a);
                var p = Jnp.Where(swap, b, a);
                var r = Jnp.Where(swap, a, b);
                var front = Jnp.Where(negative, Jnp.Exp(-p * Jnp.Log1p(-x)), 1);
                r = Jnp.Where(negative, c - r, r);
                var z = Jnp.Where(negative, x / (x - 1), x);
                var w = Jnp.Where(negative, 1 / (1 - x), 1 - x);
                var logW = Jnp.Where(negative, -Jnp.Log1p(-x), Jnp.Log1p(-x));

                var d = c - p - r;
                var ends = NonPositiveInteger(p) | NonPositiveInteger(r);
                var eulerEnds = ~ends & (NonPositiveInteger(c - p) | NonPositiveInteger(c - r));
                var direct = ends | eulerEnds | Jnp.LessEqual(z, Hyp2f1SeriesUpTo);
                var m = Jnp.Round(d);
                var gap = ~direct & Jnp.Less(Jnp.Abs(d - m), IntegerTolerance(x.DType));
                if (smooth) direct |= gap;
                var integer = ~direct & gap;
                var connection = ~direct & ~gap;

                // The three Gauss series in one loop: the direct one (after Euler's transformation where that ends it) and
                // the connection formula's two in w.
                var one = Jnp.OnesLike(x);
                var dc = Jnp.Where(connection, d, 0.5);
                var sums = GaussSeries(
                    Jnp.Stack([Jnp.Where(eulerEnds, c - p, p), Jnp.Where(connection, p, one), Jnp.Where(connection, c - p, one)]),
                    Jnp.Stack([Jnp.Where(eulerEnds, c - r, r), Jnp.Where(connection, r, one), Jnp.Where(connection, c - r, one)]),
                    Jnp.Stack([c, 1 - dc, dc + 1]),
                    Jnp.Stack([Jnp.Where(direct, z, 0), Jnp.Where(connection, w, 0), Jnp.Where(connection, w, 0)]),
                    smooth ? Hyp2f1SmoothTerms : Hyp2f1Terms);
                var series = sums[0] * Jnp.Where(eulerEnds, Jnp.Exp(d * logW), 1);
                var joined = GammaRatio([c, dc], [c - p, c - r]) * sums[1]
                    + Jnp.Exp(dc * logW) * GammaRatio([c, -dc], [p, r]) * sums[2];

                // c − a − b = m: the digamma form for m ≥ 0, after Euler's transformation (c − a − b → −m) for m < 0.
                var flip = integer & Jnp.Less(m, 0);
                var lp = Jnp.Where(integer, Jnp.Where(flip, c - p, p), one);
                var lr = Jnp.Where(integer, Jnp.Where(flip, c - r, r), one);
                var logForm = Jnp.Where(flip, Jnp.Exp(d * logW), 1)
                    * Hyp2f1IntegerGap(lp, lr, Jnp.Where(integer, Jnp.Abs(m), 0), Jnp.Where(integer, w, 0.5));
                return front * Jnp.Where(direct, series, Jnp.Where(integer, logForm, joined));
            }

            // Σ (a)ₖ (b)ₖ/((c)ₖ k!) zᵏ for 0 ≤ z ≤ ¾ (or a series that ends), until every element's term is below the
            // rounding of its sum.
            private static NDArray GaussSeries(NDArray a, NDArray b, NDArray c, NDArray z, int terms)
            {
                var eps = Epsilon(z.DType);
                var outs = Lax.WhileLoop(
                    s => Jnp.Less(s[0], terms) & Jnp.Any(Jnp.Greater(Jnp.Abs(s[1]), eps * Jnp.Abs(s[2]))),
                    s =>
                    {
                        var k = s[0];
                        var term = s[1] * (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
                        return [k + 1, term, s[2] + term];
                    },
                    [Counter(z, 0), Jnp.OnesLike(z), Jnp.OnesLike(z)]);
                return outs[2];
            }

            // ₂F₁(a, b; a + b + m; 1 − w) for an integer m ≥ 0 and 0 < w < ¼ (A&S 15.3.10, 15.3.11):
            // Γ(m) Γ(c)/(Γ(a + m) Γ(b + m)) Σ_{n<m} (a)ₙ (b)ₙ/(n! (1 − m)ₙ) wⁿ
            // − (−w)ᵐ Γ(c)/(Γ(a) Γ(b)) Σₙ (a + m)ₙ (b + m)ₙ/(n! (n + m)!) wⁿ [log w − ψ(n + 1) − ψ(n + m + 1) + ψ(a + n + m) + ψ(b + n + m)],
            // the digammas carried forward by ψ(y + 1) = ψ(y) + 1/y.
            private static NDArray Hyp2f1IntegerGap(NDArray a, NDArray b, NDArray m, NDArray w)
            {
                var c = a + b + m;
                var finite = Lax.WhileLoop(
                    s => Jnp.Any(Jnp.Less(s[0], m)),
                    s =>
                    {
                        var n = s[0];
                        var next = s[1] * (a + n) * (b + n) / ((n + 1) * Jnp.Where(Jnp.Less(n + 1, m), 1 - m + n, 1)) * w;
                        return [n + 1, Jnp.Where(Jnp.Less(n + 1, m), next, 0), s[2] + Jnp.Where(Jnp.Less(n, m), s[1], 0)];
                    },
                    [Counter(w, 0), Jnp.OnesLike(w), Jnp.ZerosLike(w)])[2];
                var positive = Jnp.Greater(m, 0);
                var head = Jnp.Where(positive, GammaRatio([Jnp.Where(positive, m, 1), c], [a + m, b + m]) * finite, 0);

                var eps = Epsilon(w.DType);
                var logW = Jnp.Log(w);
                // Carry: n, the coefficient (a + m)ₙ (b + m)ₙ/(n! (n + m)!) wⁿ, ψ(n + 1), ψ(n + m + 1), ψ(a + n + m),
                // ψ(b + n + m), the last term, the sum.
                var outs = Lax.WhileLoop(
                    s => Jnp.Less(s[0], Hyp2f1Terms) & Jnp.Any(Jnp.Greater(Jnp.Abs(s[6]), eps * Jnp.Abs(s[7]))),
                    s =>
                    {
                        var n = s[0];
                        var term = s[1] * (logW - s[2] - s[3] + s[4] + s[5]);
                        var (an, bn) = (a + m + n, b + m + n);
                        return [n + 1, s[1] * an * bn / ((n + 1) * (n + m + 1)) * w, s[2] + 1 / (n + 1), s[3] + 1 / (n + m + 1),
                            s[4] + 1 / an, s[5] + 1 / bn, term, s[7] + term];
                    },
                    [Counter(w, 0), Jnp.Exp(-Lax.Lgamma(m + 1)), Jnp.FullLike(w, -EulerGamma), Lax.Digamma(m + 1), Lax.Digamma(a + m),
                        Lax.Digamma(b + m), Jnp.OnesLike(w), Jnp.ZerosLike(w)]);
                var odd = Jnp.NotEqual(Jnp.Remainder(m, 2), 0);
                var power = Jnp.Exp(m * logW);
                power = Jnp.Where(odd, -power, power);
                return head - power * GammaRatio([c], [a, b]) * outs[7];
            }

            // Πᵢ Γ(numᵢ) / Πⱼ Γ(denⱼ) from log-gammas and signs: 0 where a denominator is at a pole (1/Γ vanishes there).
            private static NDArray GammaRatio(NDArray[] numerators, NDArray[] denominators)
            {
                var log = numerators.Select(Lax.Lgamma).Aggregate((u, v) => u + v) - denominators.Select(Lax.Lgamma).Aggregate((u, v) => u + v);
                var sign = numerators.Concat(denominators).Select(Sign).Aggregate((u, v) => u * v);
                var pole = denominators.Select(v => Jnp.LessEqual(v, 0) & Jnp.Equal(v, Jnp.Floor(v))).Aggregate((u, v) => u | v);
                return Jnp.Where(pole, 0, sign * Jnp.Exp(log));
            }

            // A non-positive integer to within JAX's tolerance of 50 roundings.
            private static NDArray NonPositiveInteger(NDArray v) =>
                Jnp.LessEqual(v, 0) & Jnp.Less(Jnp.Abs(v - Jnp.Round(v)), IntegerTolerance(v.DType));

            private static double IntegerTolerance(DType dtype) => 50 * (dtype == DType.Float64 ? Math.ScaleB(1, -52) : Math.ScaleB(1, -23));

            private const double Hyp2f1SeriesUpTo = 0.75;
            private const int Hyp2f1Terms = 4000;
            // The series in z near 1 for the derivatives where c − a − b is an integer: 20000 terms reach z = 0.998.
            private const int Hyp2f1SmoothTerms = 20000;
        }
    }
}
