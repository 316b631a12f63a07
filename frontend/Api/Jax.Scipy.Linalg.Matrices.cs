using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// Pieces shared by the triangular family of <see cref="Jax.Scipy.Linalg"/> (triangular solves, Cholesky, LU):
/// argument checks and helpers that act on the last two axes, so that every leading axis is a batch axis.
/// A loop step reads a whole row or column at the loop index (one dynamic slice over every batch element), which
/// keeps each step a few kernels.
/// </summary>
internal static class LinalgMatrices
{
    /// <summary>Checks that <paramref name="a"/> is a (batch of) matrix, square when <paramref name="square"/>.</summary>
    public static void CheckMatrix(string function, NDArray a, bool square = true)
    {
        if (a.Ndim < 2)
            throw new ShapeException($"{function}: expected a matrix (at least 2 dimensions), got shape {Shapes.Format(a.Aval.Shape)}");
        if (square && a.Aval.Shape[^1] != a.Aval.Shape[^2])
            throw new ShapeException($"{function}: expected a square matrix (or a batch of them), got shape {Shapes.Format(a.Aval.Shape)}");
    }

    /// <summary>
    /// The right-hand side of <c>a x = b</c> as a batch of matrices broadcast against <paramref name="a"/>'s batch.
    /// b is a vector when it has one axis, or, with <paramref name="stackedVectors"/> (JAX's solve_triangular), a
    /// batch of vectors when it has one axis fewer than a; otherwise a (batch of) matrix, as NumPy 2's solve.
    /// Returns a and b with equal batch shapes and whether b was a vector.
    /// </summary>
    public static (NDArray A, NDArray B, bool Vector) RightHandSide(string function, NDArray a, NDArray b, bool stackedVectors)
    {
        if (b.Ndim == 0) throw new ShapeException($"{function}: b must be a vector or a matrix, got a scalar");
        var vector = b.Ndim == 1 || (stackedVectors && b.Ndim == a.Ndim - 1);
        if (vector) b = Jnp.ExpandDims(b, -1);
        var n = a.Aval.Shape[^1];
        if (b.Aval.Shape[^2] != n)
            throw new ShapeException($"{function}: b's leading dimension must match a's size: a has shape {Shapes.Format(a.Aval.Shape)}, " +
                $"b has shape {Shapes.Format(vector ? b.Aval.Shape[..^1] : b.Aval.Shape)}");
        var batch = Shapes.Broadcast(function, a.Aval.Shape[..^2], b.Aval.Shape[..^2]);
        return (Jnp.BroadcastTo(a, [.. batch, n, n]), Jnp.BroadcastTo(b, [.. batch, .. b.Aval.Shape[^2..]]), vector);
    }

    /// <summary>The transpose of each matrix (the last two axes swapped).</summary>
    public static NDArray T(NDArray x) => Jnp.Swapaxes(x, -1, -2);

    /// <summary>The conjugate transpose of each matrix (the transpose, for real ones).</summary>
    public static NDArray H(NDArray x) => Jnp.Conj(T(x));

    /// <summary>The main diagonal of each matrix: [..., m, n] to [..., min(m, n)].</summary>
    public static NDArray Diagonal(NDArray x) => Jnp.Diagonal(x, 0, -2, -1);

    /// <summary>An identity matrix of <paramref name="like"/>'s dtype, broadcast over its batch shape.</summary>
    public static NDArray Identity(NDArray like)
    {
        var n = like.Aval.Shape[^1];
        return Jnp.BroadcastTo(Jnp.Eye(n, dtype: like.DType), like.Shape);
    }

    /// <summary><paramref name="count"/> rows of each matrix starting at the (traced) index <paramref name="start"/>.</summary>
    public static NDArray Rows(NDArray x, NDArray start, int count = 1) => Lax.DynamicSlice(x, Starts(x, start, x.Ndim - 2),
        [.. x.Aval.Shape[..^2], count, x.Aval.Shape[^1]]);

    /// <summary><paramref name="count"/> columns of each matrix starting at the (traced) index <paramref name="start"/>.</summary>
    public static NDArray Columns(NDArray x, NDArray start, int count = 1) => Lax.DynamicSlice(x, Starts(x, start, x.Ndim - 1),
        [.. x.Aval.Shape[..^1], count]);

    /// <summary>Each matrix with its rows from <paramref name="start"/> replaced by <paramref name="rows"/>.</summary>
    public static NDArray SetRows(NDArray x, NDArray rows, NDArray start) => Lax.DynamicUpdateSlice(x, rows, Starts(x, start, x.Ndim - 2));

    /// <summary>Each matrix with its columns from <paramref name="start"/> replaced by <paramref name="columns"/>.</summary>
    public static NDArray SetColumns(NDArray x, NDArray columns, NDArray start) =>
        Lax.DynamicUpdateSlice(x, columns, Starts(x, start, x.Ndim - 1));

    /// <summary>The rows of each matrix permuted: row i of the result is row <c>perm[..., i]</c> of x.</summary>
    public static NDArray PermuteRows(NDArray x, NDArray perm)
    {
        // Gather's one-element slices do not fit an empty array (which has nothing to move).
        if (x.Size == 0) return x;
        // A gather rather than a product with a permutation matrix: it moves values exactly (0 * inf is no issue).
        var indices = Jnp.BroadcastTo(Jnp.ExpandDims(perm, -1), x.Shape);
        return Jnp.TakeAlongAxis(x, indices, -2, TakeMode.Clip);
    }

    /// <summary>An int32 index of the loop (iota along <paramref name="dimension"/> of <paramref name="shape"/>).</summary>
    public static NDArray Iota(int[] shape, int dimension) => Lax.BroadcastedIota(DType.Int32, shape, dimension);

    private static NDArray[] Starts(NDArray x, NDArray start, int axis) =>
        Enumerable.Range(0, x.Ndim).Select(d => d == axis ? start : Zero).ToArray();

    private static NDArray Zero => NDArray.FromScalar(Scalar.Of(DType.Int32, 0), false);
}
