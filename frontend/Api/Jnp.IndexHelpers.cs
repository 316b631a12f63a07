using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// Index builders: diag_indices, tril/triu_indices (and their *_from forms), indices and ix_. Their sizes follow
/// from static shapes, so the index arrays are computed on the host (int32, JAX's default int) and enter a traced
/// program as constants; ix_ of boolean masks needs concrete masks, as in JAX.
/// </summary>
public static partial class Jnp
{
    /// <summary>The indices of the main diagonal of an n x n x ... array: <paramref name="ndim"/> copies of
    /// 0..n-1.</summary>
    public static NDArray[] DiagIndices(int n, int ndim = 2)
    {
        if (n < 0) throw new ArgumentException($"diag_indices: n must be non-negative, got {n}", nameof(n));
        if (ndim < 0) throw new ArgumentException($"diag_indices: ndim must be non-negative, got {ndim}", nameof(ndim));
        return Enumerable.Range(0, ndim).Select(_ => Arange(n)).ToArray();
    }

    /// <summary>The main diagonal's indices of an array whose axes (at least two) all have one length.</summary>
    public static NDArray[] DiagIndicesFrom(NDArray x)
    {
        if (x.Ndim < 2) throw new ShapeException($"diag_indices_from: input array must be at least 2-d, got shape {Shapes.Format(x.Aval.Shape)}");
        if (x.Aval.Shape.Distinct().Count() != 1)
            throw new ShapeException($"diag_indices_from: all dimensions of input must be of equal length, got shape {Shapes.Format(x.Aval.Shape)}");
        return DiagIndices(x.Aval.Shape[0], x.Ndim);
    }

    /// <summary>
    /// numpy.mask_indices: the (row, column) indices where <paramref name="maskFunc"/> of an n x n matrix of ones
    /// (and <paramref name="k"/>) is nonzero, e.g. <c>MaskIndices(3, Jnp.Triu, 1)</c>. Under a transformation a
    /// static <paramref name="size"/> is needed, as for <see cref="Nonzero"/> (padding with index 0).
    /// </summary>
    public static (NDArray Rows, NDArray Cols) MaskIndices(int n, Func<NDArray, int, NDArray> maskFunc, int k = 0, int? size = null)
    {
        if (n < 0) throw new ArgumentException($"mask_indices: n must be non-negative, got {n}", nameof(n));
        var mask = maskFunc(Ones([n, n]), k);
        if (mask.Ndim != 2) throw new ShapeException($"mask_indices: the mask function must return a matrix, got shape {Shapes.Format(mask.Aval.Shape)}");
        var nz = Nonzero(mask, size);
        return (nz[0], nz[1]);
    }

    /// <summary>Row and column indices of the lower triangle (on and below diagonal k) of an n x m matrix, row by
    /// row.</summary>
    public static (NDArray Rows, NDArray Cols) TrilIndices(int n, int k = 0, int? m = null) =>
        TriangleIndices(n, m ?? n, (i, j) => j - i <= k, "tril_indices");

    /// <summary>Row and column indices of the upper triangle (on and above diagonal k) of an n x m matrix.</summary>
    public static (NDArray Rows, NDArray Cols) TriuIndices(int n, int k = 0, int? m = null) =>
        TriangleIndices(n, m ?? n, (i, j) => j - i >= k, "triu_indices");

    public static (NDArray Rows, NDArray Cols) TrilIndicesFrom(NDArray x, int k = 0) =>
        TrilIndices(MatrixShape(x, "tril_indices_from").Rows, k, x.Aval.Shape[1]);

    public static (NDArray Rows, NDArray Cols) TriuIndicesFrom(NDArray x, int k = 0) =>
        TriuIndices(MatrixShape(x, "triu_indices_from").Rows, k, x.Aval.Shape[1]);

    /// <summary>A grid of indices: shape [len(dimensions), *dimensions], entry [d, ...] the index along axis d.</summary>
    public static NDArray Indices(int[] dimensions, DType dtype = DType.Int32)
    {
        if (!dtype.IsInteger()) throw new ArgumentException($"indices: dtype must be an integer type, got {dtype.NumpyName()}", nameof(dtype));
        if (dimensions.Any(d => d < 0)) throw new ShapeException($"indices: negative dimension in {Shapes.Format(dimensions)}");
        var axes = Enumerable.Range(0, dimensions.Length).Select(d => Lax.ExpandDims(Lax.BroadcastedIota(dtype, dimensions, d), [0])).ToArray();
        return axes.Length == 0 ? Zeros([0], dtype) : Lax.Concatenate(axes, 0);
    }

    /// <summary>
    /// numpy.ix_: open-mesh index arrays from 1-d sequences, the k-th of shape [1, .., n_k, .., 1], so that
    /// <c>x[Jnp.Ix(rows, cols)]</c> picks the cross product. A boolean sequence stands for its nonzero indices.
    /// </summary>
    public static NDArray[] Ix(params NDArray[] sequences)
    {
        var result = new NDArray[sequences.Length];
        for (var k = 0; k < sequences.Length; k++)
        {
            var s = sequences[k];
            if (s.Ndim != 1) throw new ShapeException($"ix_: cross index must be 1 dimensional, argument {k} has shape {Shapes.Format(s.Aval.Shape)}");
            if (s.DType == DType.Bool) s = Nonzero(s)[0];
            else if (!s.DType.IsInteger()) throw new ArgumentException($"ix_: index arrays must be integers or booleans, argument {k} is {s.DType.NumpyName()}");
            var shape = Enumerable.Repeat(1, sequences.Length).ToArray();
            shape[k] = s.Aval.Shape[0];
            result[k] = Lax.Reshape(s, shape);
        }
        return result;
    }

    private static (NDArray Rows, NDArray Cols) TriangleIndices(int n, int m, Func<int, int, bool> inside, string op)
    {
        if (n < 0 || m < 0) throw new ArgumentException($"{op}: sizes must be non-negative, got {n} x {m}");
        var rows = new List<int>();
        var cols = new List<int>();
        for (var i = 0; i < n; i++)
            for (var j = 0; j < m; j++)
                if (inside(i, j)) { rows.Add(i); cols.Add(j); }
        return (Array(rows.ToArray()), Array(cols.ToArray()));
    }

    private static (int Rows, int Cols) MatrixShape(NDArray x, string op) => x.Ndim == 2
        ? (x.Aval.Shape[0], x.Aval.Shape[1])
        : throw new ShapeException($"{op}: input array must be 2-d, got shape {Shapes.Format(x.Aval.Shape)}");
}
