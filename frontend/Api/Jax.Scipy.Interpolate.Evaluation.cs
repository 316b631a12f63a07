namespace JaxNet;

/// <summary>
/// The arithmetic of <see cref="Jax.Scipy.Interpolate.RegularGridInterpolator"/>: each coordinate's cell (the grid
/// interval holding it, the edge interval for points outside) and its fraction along it, then the cell's corners
/// weighted (linear) or the nearer node (nearest), gathered from the values.
/// </summary>
internal static class RegularGridEvaluation
{
    /// <summary>The values at <paramref name="points"/> [n, ndim] (coordinates of the grid's dtype): [n, trailing...].</summary>
    public static NDArray Evaluate(IReadOnlyList<NDArray> grid, NDArray values, NDArray points, string method, double? fill)
    {
        var ndim = grid.Count;
        var n = points.Aval.Shape[0];
        var trailing = values.Aval.Shape[ndim..];
        if (n == 0) return Jnp.Zeros([0, .. trailing], Jnp.ResultType(values, points));
        var cells = new Cell[ndim];
        NDArray? outside = null, nan = null;
        for (var d = 0; d < ndim; d++)
        {
            var x = points[.., d];
            var g = grid[d];
            var size = g.Aval.Shape[0];
            var beyond = Jnp.Less(x, g[0]) | Jnp.Greater(x, g[size - 1]);
            outside = outside is null ? beyond : outside | beyond;
            nan = nan is null ? Jnp.IsNan(x) : nan | Jnp.IsNan(x);
            cells[d] = CellOf(g, x);
        }

        var result = method == "linear" ? Linear(values, cells) : Nearest(values, cells);
        var perPoint = (int[])[n, .. trailing.Select(_ => 1)];
        if (fill is { } f) result = Jnp.Where(Jnp.Reshape(outside!, perPoint), f, result);
        return Jnp.Where(Jnp.Reshape(nan!, perPoint), double.NaN, result);
    }

    // The lower node's index of the cell holding x (clipped to the first and last cells, so points outside
    // extrapolate from the edge cell) and x's fraction of the way to the upper node: 0 at the lower node, 1 at the
    // upper one, outside [0, 1] beyond the grid. A single node is its own cell, at fraction 0.
    private readonly record struct Cell(NDArray Lower, NDArray Fraction);

    private static Cell CellOf(NDArray g, NDArray x)
    {
        var size = g.Aval.Shape[0];
        if (size == 1) return new Cell(Jnp.Zeros(x.Shape, DType.Int32), Jnp.ZerosLike(x));
        // searchsorted's left side puts a point on node k (k > 0) in cell k − 1 at fraction 1: the node's own value.
        var lower = Jnp.Clip(Jnp.Searchsorted(g, x) - 1, 0, size - 2);
        var low = Jnp.Take(g, lower, 0, TakeMode.Clip);
        var high = Jnp.Take(g, lower + 1, 0, TakeMode.Clip);
        return new Cell(lower, (x - low) / (high - low));
    }

    // The sum over the cell's 2^ndim corners of each corner's value times the product of its weights (1 − t at a
    // lower node, t at an upper one).
    private static NDArray Linear(NDArray values, Cell[] cells)
    {
        NDArray? result = null;
        for (var corner = 0; corner < 1 << cells.Length; corner++)
        {
            var indices = new IndexItem[cells.Length];
            NDArray? weight = null;
            for (var d = 0; d < cells.Length; d++)
            {
                var upper = (corner >> d & 1) == 1;
                indices[d] = upper ? cells[d].Lower + 1 : cells[d].Lower;
                var w = upper ? cells[d].Fraction : 1 - cells[d].Fraction;
                weight = weight is null ? w : weight * w;
            }
            var term = Broadcastable(weight!, values.Ndim - cells.Length) * values[indices];
            result = result is null ? term : result + term;
        }
        return result!;
    }

    // The node nearer the point along each axis; halfway between two nodes takes the lower one, as SciPy and JAX.
    private static NDArray Nearest(NDArray values, Cell[] cells) =>
        values[[.. cells.Select(c => (IndexItem)Jnp.Where(Jnp.LessEqual(c.Fraction, 0.5), c.Lower, c.Lower + 1))]];

    // A per-point weight [n] as [n, 1, ...], to scale the trailing value dimensions.
    private static NDArray Broadcastable(NDArray weight, int trailing) =>
        trailing == 0 ? weight : Jnp.Reshape(weight, [weight.Aval.Shape[0], .. Enumerable.Repeat(1, trailing)]);
}
