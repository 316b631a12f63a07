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
            /// scipy.special.gammainc: the regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a), for
            /// a ≥ 0 and x ≥ 0 (NaN elsewhere; P(0, x &gt; 0) = 1). Where x ≤ 1 or x ≤ a it sums the power series, elsewhere
            /// it evaluates the continued fraction of Q = 1 − P (Cephes' igam and igamc), each in a
            /// <see cref="Lax.WhileLoop(Func{NDArray[], NDArray}, Func{NDArray[], NDArray[]}, NDArray[])"/> until every
            /// element has converged to the dtype's precision (at most 2000 terms, XLA's limit). The derivative in x is
            /// exp(−x) x^(a−1) / Γ(a); the one in a is the forward-mode derivative of the loop, as XLA's
            /// igamma_grad_a, so first derivatives work in both modes.
            /// </summary>
            public static NDArray Gammainc(NDArray a, NDArray x) => Binary("gammainc", GammaincWithRule, a, x);

            /// <summary>scipy.special.gammaincc: the regularized upper incomplete gamma function Q(a, x) = 1 − P(a, x),
            /// computed so that it keeps its relative accuracy where P is close to 1 (see <see cref="Gammainc"/>).</summary>
            public static NDArray Gammaincc(NDArray a, NDArray x) => Binary("gammaincc", GammainccWithRule, a, x);

            private static readonly Func<NDArray, NDArray, NDArray> GammaincWithRule = CustomJvp(
                (a, x) => Widened(a, x, (u, v) => IncompleteGamma(u, v, upper: false)),
                (primals, tangents) => (GammaincWithRule!(primals[0], primals[1]), IncompleteGammaTangent(primals, tangents, upper: false)));

            private static readonly Func<NDArray, NDArray, NDArray> GammainccWithRule = CustomJvp(
                (a, x) => Widened(a, x, (u, v) => IncompleteGamma(u, v, upper: true)),
                (primals, tangents) => (GammainccWithRule!(primals[0], primals[1]), IncompleteGammaTangent(primals, tangents, upper: true)));

            // d/dx P = x^(a-1) exp(-x) / Gamma(a) (xlogy, so that a = 1 gives exp(-x) at x = 0); d/da from a JVP of the
            // loops with a tangent of ones, which, the function being elementwise, is each element's own partial.
            private static NDArray IncompleteGammaTangent(NDArray[] primals, NDArray[] tangents, bool upper)
            {
                var (a, x) = (primals[0], primals[1]);
                var density = Jnp.Exp(Xlogy(a - 1, x) - x - Lax.Lgamma(a));
                var (_, byA) = Jax.Jvp(u => Widened(u, x, (v, w) => IncompleteGamma(v, w, upper)), [a], [Jnp.OnesLike(a)]);
                var byX = upper ? -density : density;
                return tangents[0] * byA + tangents[1] * byX;
            }

            /// <summary>∂P(a, x)/∂a, elementwise: the forward-mode derivative of <see cref="Gammainc"/>'s loops in a
            /// (lax.igamma_grad_a's value), NaN where P is (a NaN constant's tangent would be 0).</summary>
            internal static NDArray GammaincGradA(NDArray a, NDArray x)
            {
                var (value, byA) = Jax.Jvp(u => Widened(u, x, (v, w) => IncompleteGamma(v, w, upper: false)), [a], [Jnp.OnesLike(a)]);
                return Jnp.Where(Jnp.IsNan(value), double.NaN, byA);
            }

            private const int IncompleteGammaTerms = 2000;

            private static NDArray IncompleteGamma(NDArray a, NDArray x, bool upper)
            {
                var shape = Shapes.Broadcast("gammainc", a.Shape, x.Shape);
                (a, x) = (Jnp.BroadcastTo(a, shape), Jnp.BroadcastTo(x, shape));
                var useFraction = Jnp.Greater(x, 1) & Jnp.Greater(x, a);
                // Each method reads arguments where it converges at once wherever the other one is used.
                var lower = LowerSeries(Jnp.Where(useFraction, 1, a), Jnp.Where(useFraction, 0.5, x));
                var fraction = UpperFraction(Jnp.Where(useFraction, a, 1), Jnp.Where(useFraction, x, 2));
                var value = upper ? Jnp.Where(useFraction, fraction, 1 - lower) : Jnp.Where(useFraction, 1 - fraction, lower);
                var (zero, one) = upper ? (1.0, 0.0) : (0.0, 1.0);
                value = Jnp.Where(Jnp.Equal(x, 0), zero, value);
                value = Jnp.Where(Jnp.IsPosInf(x) | (Jnp.Equal(a, 0) & Jnp.Greater(x, 0)), one, value);
                return Jnp.Where(Jnp.Less(a, 0) | Jnp.Less(x, 0) | AnyNan(a, x), double.NaN, value);
            }

            // P(a, x) = x^a exp(-x) / Gamma(a + 1) * sum_n x^n / ((a + 1) ... (a + n)).
            private static NDArray LowerSeries(NDArray a, NDArray x)
            {
                var eps = Epsilon(a.DType);
                var outs = Lax.WhileLoop(c => Jnp.Less(c[0], IncompleteGammaTerms) & Jnp.Any(Jnp.Greater(c[2], c[3] * eps)), c =>
                {
                    var r = c[1] + 1;
                    var term = c[2] * x / r;
                    return [c[0] + 1, r, term, c[3] + term];
                }, [Jnp.Array(0), a, Jnp.OnesLike(a), Jnp.OnesLike(a)]);
                return Jnp.Exp(Xlogy(a, x) - x - Lax.Lgamma(a + 1)) * outs[3];
            }

            // Q(a, x) = x^a exp(-x) / Gamma(a) times the continued fraction 1/(x + 1 - a - 1(1 - a)/(x + 3 - a - ...)),
            // by its convergents p_k / q_k, rescaled when they grow large (Cephes' igamc).
            private static NDArray UpperFraction(NDArray a, NDArray x)
            {
                const double big = 4.503599627370496e15, bigInverse = 2.22044604925031308085e-16;
                var eps = Epsilon(a.DType);
                var y = 1 - a;
                var z = x + y + 1;
                var (pkm2, qkm2, pkm1, qkm1) = (Jnp.OnesLike(x), x, x + 1, z * x);
                var outs = Lax.WhileLoop(c => Jnp.Less(c[0], IncompleteGammaTerms) & Jnp.Any(Jnp.Greater(c[9], eps)), c =>
                {
                    var (k, yk, zk) = (c[1] + 1, c[2] + 1, c[3] + 2);
                    var yc = yk * k;
                    var pk = c[6] * zk - c[4] * yc;
                    var qk = c[7] * zk - c[5] * yc;
                    var nonzero = Jnp.NotEqual(qk, 0);
                    var r = pk / Jnp.Where(nonzero, qk, 1);
                    var change = Jnp.Where(nonzero, Jnp.Abs((c[8] - r) / r), 1);
                    var answer = Jnp.Where(nonzero, r, c[8]);
                    var scale = Jnp.Where(Jnp.Greater(Jnp.Abs(pk), big), bigInverse, 1);
                    return [c[0] + 1, k, yk, zk, c[6] * scale, c[7] * scale, pk * scale, qk * scale, answer, change];
                }, [Jnp.Array(0), Jnp.ZerosLike(x), y, z, pkm2, qkm2, pkm1, qkm1, pkm1 / qkm1, Jnp.OnesLike(x)]);
                return Jnp.Exp(Xlogy(a, x) - x - Lax.Lgamma(a)) * outs[8];
            }

            private static double Epsilon(DType dtype) => dtype == DType.Float64 ? 1.1102230246251565e-16 : 5.9604644775390625e-8;
        }
    }
}
