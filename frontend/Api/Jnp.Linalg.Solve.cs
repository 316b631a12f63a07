using JaxNet.Core;

namespace JaxNet;

public static partial class Jnp
{
    public static partial class Linalg
    {
        /// <summary>
        /// numpy.linalg.solve: x with a x = b, through <see cref="Jax.Scipy.Linalg.Solve"/> (LU with partial pivoting,
        /// JAX's derivative). NumPy 2's rule, which JAX follows: b is a vector [n] only when it has one axis (the result
        /// is then [..., n]); otherwise a (batch of) matrix [..., n, k], batch shapes broadcasting. A singular a gives
        /// infinities or NaNs.
        /// </summary>
        /// <exception cref="ShapeException">a is not a (batch of) square matrix, or b does not fit it; a b [..., n] with
        /// one axis fewer than a, which NumPy 1 (and JAX before 0.5) read as a batch of vectors, is refused with a hint.</exception>
        public static NDArray Solve(NDArray a, NDArray b)
        {
            if (b.Ndim > 1 && a.Ndim == b.Ndim + 1 && a.Shape[^1] == b.Shape[^1] && a.Shape[^1] != b.Shape[^2])
                throw new ShapeException($"solve: b of shape {Shapes.Format(b.Shape)} is not a batch of matrices for a of shape " +
                    $"{Shapes.Format(a.Shape)}; as in NumPy 2 only a b with one axis is a vector. For a batch of vectors, solve " +
                    "with Jnp.ExpandDims(b, -1) and squeeze the last axis of the result");
            return Jax.Scipy.Linalg.Solve(a, b);
        }

        /// <summary>numpy.linalg.inv: the inverse of each square matrix [..., n, n] (<see cref="Jax.Scipy.Linalg.Inv"/>);
        /// a singular matrix gives infinities or NaNs.</summary>
        /// <exception cref="ShapeException">a is not a (batch of) square matrix.</exception>
        public static NDArray Inv(NDArray a) => Jax.Scipy.Linalg.Inv(a);

        /// <summary>
        /// numpy.linalg.tensorsolve: x with tensordot(a, x, x.ndim) = b. The axes <paramref name="axes"/> of a (in that
        /// order) are first moved to the end; then a's leading axes must have b's shape and the rest are x's, with as
        /// many elements as b. Solved as one square system of b.size unknowns.
        /// </summary>
        /// <exception cref="ShapeException">a's leading shape is not b's, or the sizes differ.</exception>
        public static NDArray TensorSolve(NDArray a, NDArray b, int[]? axes = null)
        {
            var p = PromoteInexact(a, b);
            var (x, y) = (p[0], p[1]);
            if (axes is not null)
            {
                var moved = axes.Select(d => Shapes.Axis(d, x.Ndim, "tensorsolve")).ToArray();
                x = Transpose(x, [.. Enumerable.Range(0, x.Ndim).Except(moved), .. moved]);
            }
            if (x.Ndim < y.Ndim || !x.Shape[..y.Ndim].SequenceEqual(y.Shape))
                throw new ShapeException($"tensorsolve: the leading axes of a (shape {Shapes.Format(x.Shape)} after moving axes) must have b's shape {Shapes.Format(y.Shape)}");
            var solutionShape = x.Shape[y.Ndim..];
            var unknowns = solutionShape.Aggregate(1, (s, d) => s * d);
            if (unknowns != y.Size)
                throw new ShapeException($"tensorsolve: a of shape {Shapes.Format(x.Shape)} needs as many unknowns ({unknowns}) as b has elements ({y.Size})");
            return Jax.Scipy.Linalg.Solve(x.Reshape((int)y.Size, unknowns), Ravel(y)).Reshape(solutionShape);
        }

        /// <summary>
        /// numpy.linalg.tensorinv: the inverse of a with respect to tensordot(·, ·, <paramref name="ind"/>): a's first
        /// ind axes and the others, flattened, make a square matrix, whose inverse is returned with the shape
        /// a.shape[ind:] + a.shape[:ind].
        /// </summary>
        /// <exception cref="ArgumentException">ind is not positive.</exception>
        /// <exception cref="ShapeException">the first ind axes have a different size from the others.</exception>
        public static NDArray TensorInv(NDArray a, int ind = 2)
        {
            if (ind <= 0) throw new ArgumentException($"tensorinv: ind must be a positive integer, got {ind}", nameof(ind));
            var x = PromoteInexact(a)[0];
            var split = Math.Min(ind, x.Ndim);
            var (contracted, remaining) = (x.Shape[..split], x.Shape[split..]);
            var (rows, columns) = (contracted.Aggregate(1, (s, d) => s * d), remaining.Aggregate(1, (s, d) => s * d));
            if (rows != columns)
                throw new ShapeException($"tensorinv: the first {ind} axes of a (shape {Shapes.Format(x.Shape)}) have {rows} elements and the others {columns}; they must match");
            return Jax.Scipy.Linalg.Inv(x.Reshape(rows, columns)).Reshape([.. remaining, .. contracted]);
        }
    }
}
