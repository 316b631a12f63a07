using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// column_stack, dstack, block (nested to any depth) and atleast_3d: stacking helpers that first raise each array to a common rank as
/// NumPy does, then concatenate (so dtypes promote as in <see cref="Concatenate"/>).
/// </summary>
public static partial class Jnp
{
    /// <summary>Rank 3 at least: a scalar becomes [1, 1, 1], a vector [N] becomes [1, N, 1], a matrix [M, N]
    /// becomes [M, N, 1].</summary>
    public static NDArray Atleast3d(NDArray x) => x.Ndim switch
    {
        0 => Lax.Reshape(x, [1, 1, 1]),
        1 => Lax.Reshape(x, [1, x.Aval.Shape[0], 1]),
        2 => Lax.Reshape(x, [x.Aval.Shape[0], x.Aval.Shape[1], 1]),
        _ => x,
    };

    /// <summary>Vectors (and scalars) become columns, matrices stay, then all are joined along axis 1.</summary>
    public static NDArray ColumnStack(NDArray[] arrays)
    {
        if (arrays.Length == 0) throw new ArgumentException("column_stack: need at least one array", nameof(arrays));
        return Concatenate(arrays.Select(a => a.Ndim < 2 ? Lax.Reshape(a, [(int)a.Size, 1]) : a).ToArray(), 1);
    }

    /// <summary>Joins along the third axis after <see cref="Atleast3d"/>.</summary>
    public static NDArray Dstack(NDArray[] arrays)
    {
        if (arrays.Length == 0) throw new ArgumentException("dstack: need at least one array", nameof(arrays));
        return Concatenate(arrays.Select(Atleast3d).ToArray(), 2);
    }

    /// <summary>numpy.block of one row: the arrays (raised to a common rank by leading 1s) joined along the last
    /// axis.</summary>
    public static NDArray Block(NDArray[] arrays) => Block((object[])arrays);

    /// <summary>numpy.block of nested rows: each row joined along the last axis, then the rows along the one
    /// before; every array is first given leading 1s up to rank max(2, the largest rank).</summary>
    public static NDArray Block(NDArray[][] rows) => Block((object[])rows);

    /// <summary>numpy.block three levels deep (<c>[[[a, b]], [[c, d]]]</c>); see <see cref="Block(object[])"/>.</summary>
    public static NDArray Block(NDArray[][][] blocks) => Block((object[])blocks);

    /// <summary>
    /// numpy.block of lists nested to any depth D (<c>NDArray[][][]</c>, or <c>object[]</c> whose entries are
    /// arrays or lists): every array is given leading 1s up to rank max(D, the largest rank), then the innermost
    /// lists are joined along the last axis, the lists of those along the axis before, and so on out to axis
    /// rank - D. All arrays must sit at the same depth, and no list may be empty.
    /// </summary>
    public static NDArray Block(object[] nested)
    {
        var depth = BlockDepth(nested, "arrays");
        var rank = Math.Max(depth, BlockLeaves(nested).Max(a => a.Ndim));
        return BlockJoin(nested, depth, rank);
    }

    // The nesting depth of a list of lists ... of arrays, checked to be the same everywhere.
    private static int BlockDepth(object item, string path) => item switch
    {
        NDArray => 0,
        object[] { Length: 0 } => throw new ArgumentException($"block: lists must not be empty ({path} is)", "nested"),
        object[] list => list.Select((e, i) => BlockDepth(e, $"{path}[{i}]")).Distinct().ToArray() switch
        {
            [var d] => d + 1,
            _ => throw new ArgumentException($"block: list depths are mismatched within {path}; every array must be nested equally deep", "nested"),
        },
        _ => throw new ArgumentException($"block: {path} is a {item?.GetType().Name ?? "null"}, neither an NDArray nor a list of them", "nested"),
    };

    private static IEnumerable<NDArray> BlockLeaves(object item) =>
        item is NDArray a ? [a] : ((object[])item).SelectMany(BlockLeaves);

    // A list of depth d joins its (depth d - 1) parts along axis rank - d.
    private static NDArray BlockJoin(object item, int depth, int rank)
    {
        if (item is NDArray a)
            return a.Ndim == rank ? a : Lax.Reshape(a, Enumerable.Repeat(1, rank - a.Ndim).Concat(a.Aval.Shape).ToArray());
        return Concatenate(((object[])item).Select(part => BlockJoin(part, depth - 1, rank)).ToArray(), rank - depth);
    }

    /// <summary>The arrays broadcast against each other to their common shape (NumPy's rules): every result has that
    /// shape, rank-0 arrays included; a ShapeException listing every shape when they do not broadcast.</summary>
    public static NDArray[] BroadcastArrays(params NDArray[] arrays) => BroadcastArrays("broadcast_arrays", arrays);

    /// <summary>The shape that arrays of these shapes broadcast to; a ShapeException listing every shape when they do
    /// not.</summary>
    public static int[] BroadcastShapes(params int[][] shapes) => Shapes.BroadcastAll("broadcast_shapes", shapes);
}
