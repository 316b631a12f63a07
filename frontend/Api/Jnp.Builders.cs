using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>Arrays built from others: diag, tri, kron, meshgrid, rot90.</summary>
public static partial class Jnp
{
    /// <summary>For a vector, the square matrix with it on diagonal <paramref name="k"/>; for a matrix, its diagonal
    /// k as a vector (jnp.diag).</summary>
    public static NDArray Diag(NDArray v, int k = 0)
    {
        if (v.Ndim == 2) return Diagonal(v, k);
        if (v.Ndim != 1) throw new ShapeException($"diag: input must be one- or two-dimensional, got shape {Shapes.Format(v.Aval.Shape)}");
        var n = v.Aval.Shape[0] + Math.Abs(k);
        // Entry (i, i + k) is v[min(i, i + k)]: v padded to n at the end, along the rows for k >= 0, else the columns.
        var padded = Lax.Pad(v, 0, [(0, Math.Abs(k), 0)]);
        var values = Lax.BroadcastInDim(padded, [n, n], [k >= 0 ? 0 : 1]);
        return Where(Eye(n, n, k, DType.Bool), values, ZerosLike(values));
    }

    /// <summary>The square matrix with the flattened input on diagonal <paramref name="k"/>.</summary>
    public static NDArray Diagflat(NDArray v, int k = 0) => Diag(Ravel(v), k);

    /// <summary>An n x m matrix with ones at and below diagonal k, zeros elsewhere.</summary>
    public static NDArray Tri(int n, int? m = null, int k = 0, DType dtype = DType.Float32)
    {
        var cols = m ?? n;
        var rows = Lax.BroadcastedIota(DType.Int32, [n, cols], 0);
        var columns = Lax.BroadcastedIota(DType.Int32, [n, cols], 1);
        return Lax.ConvertElementType(LessEqual(columns, rows + k), dtype);
    }

    /// <summary>The Kronecker product: blocks x[i, j] * y, for inputs of any rank (the smaller padded with
    /// leading ones).</summary>
    public static NDArray Kron(NDArray x, NDArray y)
    {
        var p = Promote(x, y);
        (x, y) = (p[0], p[1]);
        var rank = Math.Max(x.Ndim, y.Ndim);
        var xs = Enumerable.Repeat(1, rank - x.Ndim).Concat(x.Aval.Shape).ToArray();
        var ys = Enumerable.Repeat(1, rank - y.Ndim).Concat(y.Aval.Shape).ToArray();
        // x at the even axes, y at the odd ones of [x0, y0, x1, y1, ...], then merged pairwise.
        var a = Lax.Reshape(x, xs.SelectMany(d => new[] { d, 1 }).ToArray());
        var b = Lax.Reshape(y, ys.SelectMany(d => new[] { 1, d }).ToArray());
        return Lax.Reshape(Multiply(a, b), xs.Select((d, i) => d * ys[i]).ToArray());
    }

    /// <summary>Coordinate matrices from coordinate vectors (flattened first). Cartesian <paramref name="indexing"/>
    /// "xy" (the default) swaps the first two output axes; "ij" is matrix indexing. With sparse, each output keeps
    /// only its own axis.</summary>
    public static NDArray[] Meshgrid(NDArray[] xi, string indexing = "xy", bool sparse = false)
    {
        if (indexing is not ("xy" or "ij")) throw new ArgumentException($"meshgrid: indexing must be 'xy' or 'ij', got '{indexing}'", nameof(indexing));
        var vectors = xi.Select(Ravel).ToArray();
        var shape = vectors.Select(v => (int)v.Size).ToArray();
        var count = vectors.Length;
        // Output axis of input i.
        int AxisOf(int i) => indexing == "xy" && count >= 2 && i < 2 ? 1 - i : i;
        if (indexing == "xy" && count >= 2) (shape[0], shape[1]) = (shape[1], shape[0]);
        return vectors.Select((v, i) =>
        {
            var axis = AxisOf(i);
            if (!sparse) return Lax.BroadcastInDim(v, shape, [axis]);
            var own = Enumerable.Repeat(1, count).ToArray();
            own[axis] = shape[axis];
            return Lax.Reshape(v, own);
        }).ToArray();
    }

    /// <summary>Rotates by 90 degrees <paramref name="k"/> times in the plane of two axes, from the first towards
    /// the second (counterclockwise for the default axes of a matrix).</summary>
    public static NDArray Rot90(NDArray x, int k = 1, int axis1 = 0, int axis2 = 1)
    {
        if (x.Ndim < 2) throw new ShapeException($"rot90: the array must have at least two dimensions, got shape {Shapes.Format(x.Aval.Shape)}");
        var (a, b) = (Shapes.Axis(axis1, x.Ndim, "rot90"), Shapes.Axis(axis2, x.Ndim, "rot90"));
        if (a == b) throw new ShapeException($"rot90: the axes must differ, got {axis1} and {axis2}");
        return (((k % 4) + 4) % 4) switch
        {
            0 => x,
            1 => Swapaxes(Lax.Rev(x, [b]), a, b),
            2 => Lax.Rev(x, [a, b]),
            _ => Lax.Rev(Swapaxes(x, a, b), [b]),
        };
    }
}
