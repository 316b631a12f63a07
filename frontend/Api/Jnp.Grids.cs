using JaxNet.Core;

namespace JaxNet;

/// <summary>
/// numpy.mgrid and numpy.ogrid (jnp.mgrid, jnp.ogrid): coordinate grids from ranges, written in C# as calls with one
/// <see cref="GridRange"/> per axis instead of NumPy's slice syntax. The axes share one dtype: the default int when
/// every range is integral, else the default float. An empty range gives a grid with a zero-length axis (NumPy's
/// mgrid refuses a range whose stop lies before its start next to another axis; JAX and this give the empty grid).
/// </summary>
public static partial class Jnp
{
    /// <summary>jnp.mgrid[r]: the values of one range, as a 1-d array.</summary>
    public static NDArray Mgrid(GridRange range) => range.Values(GridType([range]));

    /// <summary>jnp.mgrid[r0, r1, ...]: the dense grid, shape [len(ranges), n0, n1, ...], whose slice k holds range k's
    /// values along axis k (matrix indexing). No ranges give an empty int array, as JAX.</summary>
    public static NDArray Mgrid(params GridRange[] ranges)
    {
        if (ranges.Length == 0) return Arange(0);
        return Stack(Meshgrid(AxisValues(ranges), indexing: "ij"), 0);
    }

    /// <summary>jnp.ogrid[r]: the values of one range, as a 1-d array.</summary>
    public static NDArray Ogrid(GridRange range) => Mgrid(range);

    /// <summary>jnp.ogrid[r0, r1, ...]: the open grid, one array per range, the k-th of shape [1, .., n_k, .., 1], which
    /// broadcast together to <see cref="Mgrid(GridRange[])"/>'s slices.</summary>
    public static NDArray[] Ogrid(params GridRange[] ranges) => Meshgrid(AxisValues(ranges), indexing: "ij", sparse: true);

    private static NDArray[] AxisValues(GridRange[] ranges)
    {
        var dtype = GridType(ranges);
        return ranges.Select(r => r.Values(dtype)).ToArray();
    }

    private static DType GridType(GridRange[] ranges) =>
        ranges.Any(r => r.IsFloating) ? TypePromotion.DefaultFloat : TypePromotion.DefaultInt;
}
