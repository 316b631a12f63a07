using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>Which insertion point <see cref="Jnp.Searchsorted"/> returns among equal values (jnp's <c>side</c>).</summary>
public enum SearchSide
{
    /// <summary>The first suitable index: a[i-1] &lt; v &lt;= a[i].</summary>
    Left,

    /// <summary>The last suitable index: a[i-1] &lt;= v &lt; a[i].</summary>
    Right,
}

/// <summary>
/// searchsorted and digitize, as JAX computes them by default: a binary search of ceil(log2(n + 1)) unrolled steps,
/// each a gather of the midpoints for every query at once, so they work under Jit and Vmap. Comparisons use the
/// sort order, in which NaN is larger than everything (a NaN query goes after the last non-NaN value with Left, at
/// the end with Right). Indices are int32.
/// </summary>
public static partial class Jnp
{
    /// <summary>Indices at which <paramref name="v"/>'s values would be inserted into the sorted vector
    /// <paramref name="a"/> to keep it sorted (<paramref name="sorter"/>: indices that sort a, when it is not).</summary>
    public static NDArray Searchsorted(NDArray a, NDArray v, SearchSide side = SearchSide.Left, NDArray? sorter = null)
    {
        if (a.Ndim != 1) throw new ShapeException($"searchsorted: a must be one-dimensional, got shape {Shapes.Format(a.Aval.Shape)}");
        if (sorter is not null) a = Take(a, sorter, 0, TakeMode.Clip);
        var p = Promote(a, v);
        (a, v) = (p[0], p[1]);
        var n = a.Aval.Shape[0];
        var low = Zeros(v.Shape, DType.Int32);
        var high = Full(v.Shape, n, DType.Int32);
        if (n == 0) return high;
        var levels = (int)Math.Ceiling(Math.Log2(n + 1.0));
        for (var level = 0; level < levels; level++)
        {
            var mid = low + Lax.Div(high - low, Full([], 2, DType.Int32));
            var pivot = Take(a, mid, 0, TakeMode.Clip);
            var goLeft = side == SearchSide.Left ? SortLessEqual(v, pivot) : SortLess(v, pivot);
            (low, high) = (Lax.Select(goLeft, low, mid), Lax.Select(goLeft, mid, high));
        }
        return high;
    }

    /// <summary>The index of the bin of <paramref name="bins"/> (monotonic, increasing or decreasing) each value
    /// falls in: i with bins[i-1] &lt;= x &lt; bins[i] for increasing bins (bins[i-1] &lt; x &lt;= bins[i] with
    /// <paramref name="right"/>).</summary>
    public static NDArray Digitize(NDArray x, NDArray bins, bool right = false)
    {
        if (bins.Ndim != 1) throw new ShapeException($"digitize: bins must be one-dimensional, got shape {Shapes.Format(bins.Aval.Shape)}");
        var n = bins.Aval.Shape[0];
        if (n == 0) return Zeros(x.Shape, DType.Int32);
        var side = right ? SearchSide.Left : SearchSide.Right;
        var increasing = GreaterEqual(Lax.SliceInDim(bins, n - 1, n), Lax.SliceInDim(bins, 0, 1));
        var up = Searchsorted(bins, x, side);
        var down = n - Searchsorted(Flip(bins), x, side);
        return Where(Lax.Reshape(increasing, []), up, down);
    }

    // The sort order's x < y and x <= y: NaN above everything, equal to itself.
    private static NDArray SortLess(NDArray x, NDArray y) =>
        x.DType.IsFloat() ? LogicalOr(Less(x, y), LogicalAnd(IsNan(y), LogicalNot(IsNan(x)))) : Less(x, y);

    private static NDArray SortLessEqual(NDArray x, NDArray y) =>
        x.DType.IsFloat() ? LogicalOr(LessEqual(x, y), IsNan(y)) : LessEqual(x, y);
}
