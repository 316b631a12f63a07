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
            /// scipy.special.hyp1f1: Kummer's confluent hypergeometric function ₁F₁(a; b; x) = Σₖ (a)ₖ/((b)ₖ k!) xᵏ for real
            /// a, b and x. For x &lt; 0 it uses Kummer's transformation eˣ ₁F₁(b − a; b; −x), whose terms do not alternate
            /// (for b − a ≥ 0). It sums the series while x is below 50 + (|b − a| + |1 − a|)² (a, the parameter after the
            /// transformation), the terms rescaled as they grow so that eˣ can bring a large sum back; beyond, the
            /// asymptotic series Γ(b)/Γ(a) eˣ x^(a−b) Σ (b − a)ₖ (1 − a)ₖ/(k! xᵏ). Edges as JAX: 1 at a = 0, eˣ at a = b,
            /// +inf at b = 0 (here at every non-positive integer b, where the series has a pole); NaN propagates.
            /// Relative accuracy degrades where the series alternates with large terms (a non-integer parameter well below
            /// 0 after the transformation), as in JAX. The derivative in x is JAX's a/b ₁F₁(a + 1; b + 1; x); those in a
            /// and b are the forward-mode derivatives of the loops (first order in reverse mode).
            /// </summary>
            public static NDArray Hyp1f1(NDArray a, NDArray b, NDArray x) => RealWidened("hyp1f1", Promote("hyp1f1", a, b, x), Hyp1f1WithRule);

            private static NDArray Hyp1f1WithRule(NDArray[] abx) => CustomDerivatives.CallCustomJvp(v => [Hyp1f1Value(v[0], v[1], v[2])],
                (primals, tangents) => ([Hyp1f1WithRule(primals)], [Hyp1f1Tangent(primals, tangents)]), abx)[0];

            private static NDArray Hyp1f1Tangent(NDArray[] primals, NDArray[] tangents)
            {
                var (a, b, x) = (primals[0], primals[1], primals[2]);
                var byX = a / b * Hyp1f1WithRule([a + 1, b + 1, x]);
                var (_, byA) = Jax.Jvp(u => Hyp1f1Sum(u, b, x), [a], [Jnp.OnesLike(a)]);
                var (_, byB) = Jax.Jvp(u => Hyp1f1Sum(a, u, x), [b], [Jnp.OnesLike(b)]);
                return tangents[0] * byA + tangents[1] * byB + tangents[2] * byX;
            }

            private static NDArray Hyp1f1Value(NDArray a, NDArray b, NDArray x)
            {
                var poleB = Jnp.LessEqual(b, 0) & Jnp.Equal(b, Jnp.Floor(b));
                var value = Hyp1f1Sum(a, Jnp.Where(poleB, 1, b), x);
                value = Jnp.Where(poleB, double.PositiveInfinity, value);
                value = Jnp.Where(Jnp.Equal(a, b), Jnp.Exp(x), value);
                value = Jnp.Where(Jnp.Equal(a, 0), 1, value);
                return Jnp.Where(AnyNan(a, b, x), double.NaN, value);
            }

            // ₁F₁ away from the edges: Kummer's transformation for x < 0, then the series or the asymptotic expansion,
            // each reading arguments where it converges at once wherever the other is taken.
            private static NDArray Hyp1f1Sum(NDArray a, NDArray b, NDArray x)
            {
                var negative = Jnp.Less(x, 0);
                var z = Jnp.Abs(x);
                var p = Jnp.Where(negative, b - a, a);
                var polynomial = Jnp.LessEqual(p, 0) & Jnp.Equal(p, Jnp.Floor(p));
                var spread = Jnp.Abs(b - p) + Jnp.Abs(1 - p);
                var asymptotic = Jnp.Greater(z, 50 + spread * spread) & ~polynomial & Jnp.IsFinite(z);
                var (sum, logScale) = KummerSeries(Jnp.Where(asymptotic, 1, p), Jnp.Where(asymptotic, 1, b), Jnp.Where(asymptotic, 0, z));
                // eˣ (x < 0) and the series' rescalings, applied together so that neither overflows alone.
                var series = sum * Jnp.Exp(Jnp.Where(negative, x, 0) + logScale);
                var (pa, ba, za) = (Jnp.Where(asymptotic, p, 1), Jnp.Where(asymptotic, b, 1), Jnp.Where(asymptotic, z, 100));
                var logFront = Lax.Lgamma(ba) - Lax.Lgamma(pa) + Jnp.Where(negative, 0, za) + (pa - ba) * Jnp.Log(za);
                var far = Sign(ba) * Sign(pa) * Jnp.Exp(logFront) * KummerAsymptotic(pa, ba, za);
                return Jnp.Where(asymptotic, far, series);
            }

            // Σ (a)ₖ/((b)ₖ k!) zᵏ, term by term until every element's term is below the rounding; the sum and term are
            // divided by a large power of two whenever the sum passes it (the count comes back as a logarithm).
            private static (NDArray Sum, NDArray LogScale) KummerSeries(NDArray a, NDArray b, NDArray z)
            {
                var eps = Epsilon(z.DType);
                var scale = z.DType == DType.Float64 ? Math.ScaleB(1, 900) : Math.ScaleB(1, 100);
                var outs = Lax.WhileLoop(
                    s => Jnp.Less(s[0], KummerTerms) & Jnp.Any(Jnp.Greater(Jnp.Abs(s[1]), eps * Jnp.Abs(s[2]))),
                    s =>
                    {
                        var k = s[0];
                        var term = s[1] * (a + k) / (b + k) * z / (k + 1);
                        var sum = s[2] + term;
                        var large = Jnp.Greater(Jnp.Abs(sum), scale);
                        var shrink = Jnp.Where(large, 1 / scale, Jnp.OnesLike(z));
                        return [k + 1, term * shrink, sum * shrink, s[3] + Jnp.Where(large, Math.Log(scale), Jnp.ZerosLike(z))];
                    },
                    [Counter(z, 0), Jnp.OnesLike(z), Jnp.OnesLike(z), Jnp.ZerosLike(z)]);
                return (outs[2], outs[3]);
            }

            // Σ (b − a)ₖ (1 − a)ₖ/(k! zᵏ) for z beyond 50 + (|b − a| + |1 − a|)², where the terms fall below the rounding
            // before they start to grow.
            private static NDArray KummerAsymptotic(NDArray a, NDArray b, NDArray z)
            {
                var eps = Epsilon(z.DType);
                var outs = Lax.WhileLoop(
                    s => Jnp.Less(s[0], KummerTerms) & Jnp.Any(Jnp.Greater(Jnp.Abs(s[1]), eps * Jnp.Abs(s[2]))),
                    s =>
                    {
                        var k = s[0];
                        var term = s[1] * (b - a + k) * (1 - a + k) / ((k + 1) * z);
                        return [k + 1, term, s[2] + term];
                    },
                    [Counter(z, 0), Jnp.OnesLike(z), Jnp.OnesLike(z)]);
                return outs[2];
            }

            private const int KummerTerms = 4000;
        }
    }
}
