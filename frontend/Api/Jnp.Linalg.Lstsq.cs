using JaxNet.Core;
using static JaxNet.LinalgMatrices;

namespace JaxNet;

public static partial class Jnp
{
    public static partial class Linalg
    {
        /// <summary>
        /// numpy.linalg.lstsq: the x of least norm that minimises ‖a x − b‖₂, for a [m, n] and b [m] or [m, k] (real or
        /// complex), from the economic SVD of a; singular values below <paramref name="rcond"/> times the largest count as zero (by
        /// default eps·max(m, n), JAX's; a negative rcond means eps). Returns, as JAX: the solution [n] or [n, k]; the
        /// squared residual norm of each column of b ([1] for a vector b, [k] otherwise; real), always, where NumPy leaves
        /// it empty for rank-deficient or square systems; the effective rank (int32); and the singular values. Like
        /// JAX's, a takes no batch axes (use Vmap), and the derivative is that of the SVD (distinct singular values,
        /// constant rank). A zero matrix gives x = 0 and rank 0, as NumPy.
        /// </summary>
        /// <exception cref="ShapeException">a is not a matrix, b is not a vector or a matrix, or their rows differ.</exception>
        public static (NDArray X, NDArray Residuals, NDArray Rank, NDArray S) Lstsq(NDArray a, NDArray b, double? rcond = null)
        {
            var p = PromoteInexact(a, b);
            var (x, y) = (p[0], p[1]);
            if (x.Ndim != 2) throw new ShapeException($"lstsq: a must be a matrix, got shape {Shapes.Format(x.Shape)} (use Jax.Vmap for a batch)");
            if (y.Ndim is not (1 or 2)) throw new ShapeException($"lstsq: b must be a vector or a matrix, got shape {Shapes.Format(y.Shape)}");
            if (x.Shape[0] != y.Shape[0])
                throw new ShapeException($"lstsq: a and b must have the same number of rows, got shapes {Shapes.Format(x.Shape)} and {Shapes.Format(y.Shape)}");
            var vector = y.Ndim == 1;
            if (vector) y = ExpandDims(y, -1);
            var (m, n) = (x.Shape[0], x.Shape[1]);
            NDArray solution, s, rank;
            if (x.Size == 0)
            {
                s = Zeros([0], x.DType.RealPart());
                rank = Array(0);
                solution = Zeros([n, y.Shape[1]], x.DType);
            }
            else
            {
                var eps = Spectral.Matrices.Epsilon(x.DType);
                var r = rcond is { } c ? (c < 0 ? eps : c) : eps * Math.Max(m, n);
                (var u, s, var vh) = Jax.Scipy.Linalg.Svd(x, fullMatrices: false);
                var kept = LogicalAnd(GreaterEqual(s, Cutoff(s, r)), Greater(s, 0));
                rank = Sum(kept, -1).Astype(DType.Int32);
                var inverse = Where(kept, 1.0 / Where(kept, s, OnesLike(s)), ZerosLike(s));
                solution = Matmul(H(vh), ExpandDims(inverse, -1) * Matmul(H(u), y));
            }
            var residuals = Sum(SquaredModulus(y - Matmul(x, solution)), 0);
            return (vector ? Squeeze(solution, -1) : solution, residuals, rank, s);
        }
    }
}
