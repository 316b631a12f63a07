using static JaxNet.LinalgMatrices;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jnp
{
    public static partial class Linalg
    {
        /// <summary>
        /// numpy.linalg.cond: the condition number of each matrix [..., m, n] in the norm <paramref name="p"/>: for
        /// null, 2 and −2 the ratio of the largest and smallest singular values (the smallest to the largest for −2),
        /// any shape; for 1, −1, inf and −inf (square matrices) ‖x‖·‖x⁻¹‖. A singular matrix gives inf, as JAX (a NaN
        /// only where x has one).
        /// </summary>
        /// <exception cref="ShapeException">x has fewer than 2 dimensions, or is not square for p other than ±2.</exception>
        /// <exception cref="ArgumentException">p is not one of those orders.</exception>
        public static NDArray Cond(NDArray x, double? p = null)
        {
            var a = PromoteInexact(x)[0];
            CheckMatrix("cond", a, square: false);
            if (p is null or 2 or -2)
            {
                var s = Jax.Scipy.Linalg.Svdvals(a);
                var axis = s.Ndim - 1;
                var (largest, smallest) = (Squeeze(Lax.SliceInDim(s, 0, 1, axis: axis), -1), Squeeze(Lax.SliceInDim(s, s.Shape[^1] - 1, s.Shape[^1], axis: axis), -1));
                return InfinityForNaN(a, p == -2 ? smallest / largest : largest / smallest);
            }
            return Cond(a, p.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), m => MatrixNormOf(m, p.Value, "cond"));
        }

        /// <summary>numpy.linalg.cond with <paramref name="p"/> "fro" (Frobenius) or "nuc" (nuclear norm, the sum of
        /// the singular values): ‖x‖·‖x⁻¹‖ of each square matrix.</summary>
        /// <exception cref="ArgumentException">p is not "fro" or "nuc".</exception>
        public static NDArray Cond(NDArray x, string p)
        {
            var a = PromoteInexact(x)[0];
            CheckMatrix("cond", a, square: false);
            return Cond(a, p, m => MatrixNormOf(m, p, "cond"));
        }

        private static NDArray Cond(NDArray a, string p, Func<NDArray, NDArray> norm)
        {
            if (a.Shape[^1] != a.Shape[^2])
                throw new ShapeException($"cond: for p={p} the matrix must be square, got shape {Core.Shapes.Format(a.Shape)}");
            return InfinityForNaN(a, norm(a) * norm(Jax.Scipy.Linalg.Inv(a)));
        }

        // NaN from a singular matrix (0/0, inf·0) becomes inf; a NaN in the input stays NaN.
        private static NDArray InfinityForNaN(NDArray a, NDArray r) =>
            Where(LogicalAnd(IsNan(r), LogicalNot(Any(Any(IsNan(a), -1), -1))), FullLike(r, double.PositiveInfinity), r);
    }
}
