using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// column_stack, dstack, block and atleast_3d: stacking helpers that first raise each array to a common rank as
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
    public static NDArray Block(NDArray[] arrays) => Block([arrays], depth: 1);

    /// <summary>numpy.block of nested rows: each row joined along the last axis, then the rows along the one
    /// before; every array is first given leading 1s up to rank max(2, the largest rank).</summary>
    public static NDArray Block(NDArray[][] rows) => Block(rows, depth: 2);

    private static NDArray Block(NDArray[][] rows, int depth)
    {
        if (rows.Length == 0 || rows.Any(r => r.Length == 0))
            throw new ArgumentException("block: lists must not be empty", nameof(rows));
        var rank = Math.Max(depth, rows.SelectMany(r => r).Max(a => a.Ndim));
        NDArray Raise(NDArray a) => a.Ndim == rank ? a : Lax.Reshape(a, Enumerable.Repeat(1, rank - a.Ndim).Concat(a.Aval.Shape).ToArray());
        var joined = rows.Select(r => Concatenate(r.Select(Raise).ToArray(), rank - 1)).ToArray();
        return depth == 1 ? joined[0] : Concatenate(joined, rank - 2);
    }

    /// <summary>The arrays broadcast against each other to their common shape (NumPy's rules).</summary>
    public static NDArray[] BroadcastArrays(params NDArray[] arrays)
    {
        var shape = BroadcastShapes(arrays.Select(a => a.Aval.Shape).ToArray());
        return arrays.Select(a => Shapes.Equal(a.Aval.Shape, shape) ? a : BroadcastTo(a, shape)).ToArray();
    }

    /// <summary>The shape that arrays of these shapes broadcast to; a ShapeException when they do not.</summary>
    public static int[] BroadcastShapes(params int[][] shapes)
    {
        var shape = System.Array.Empty<int>();
        foreach (var s in shapes) shape = Shapes.Broadcast("broadcast_shapes", shape, s);
        return shape;
    }
}
