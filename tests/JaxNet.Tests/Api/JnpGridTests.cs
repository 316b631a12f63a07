namespace JaxNet.Tests.Api;

/// <summary>
/// jnp.mgrid and jnp.ogrid against NumPy's values (numpy.mgrid/ogrid with the same slices): integer ranges stay
/// integral, a float bound or step or a count of points makes the grid floating, empty ranges give zero-length axes,
/// and bad ranges are refused.
/// </summary>
public class JnpGridTests
{
    [Fact]
    public void Integer_ranges_give_an_integer_dense_grid()
    {
        // np.mgrid[0:3, 0:2]
        var grid = Jnp.Mgrid(0..3, 0..2);
        Assert.Equal(new[] { 2, 3, 2 }, grid.Shape);
        Assert.Equal(DType.Int32, grid.DType);
        Assert.Equal(new[] { 0, 0, 1, 1, 2, 2, 0, 1, 0, 1, 0, 1 }, grid.ToArray<int>());
        // np.mgrid[0:2, 3:4]
        Assert.Equal(new[] { 0, 1, 3, 3 }, Jnp.Mgrid(GridRange.Range(2), GridRange.Range(3, 4)).ToArray<int>());
    }

    [Fact]
    public void One_range_gives_its_values_as_a_vector()
    {
        // np.mgrid[5:0:-2], np.mgrid[0:1:0.25], np.mgrid[-1:1:5j], np.mgrid[1.5:4]
        Assert.Equal(new[] { 5, 3, 1 }, Jnp.Mgrid(GridRange.Range(5, 0, -2)).ToArray<int>());
        var quarters = Jnp.Mgrid(GridRange.Range(0, 1, 0.25));
        Assert.Equal(DType.Float32, quarters.DType);
        Assert.Equal(new[] { 0, 0.25, 0.5, 0.75 }, quarters.ToArray<double>());
        Assert.Equal(new[] { -1, -0.5, 0, 0.5, 1 }, Jnp.Mgrid(GridRange.Points(-1, 1, 5)).ToArray<double>());
        Assert.Equal(new[] { 1.5, 2.5, 3.5 }, Jnp.Mgrid(GridRange.Range(1.5, 4)).ToArray<double>());
        Assert.Equal(new[] { 0, 0.5, 1, 1.5 }, Jnp.Ogrid(GridRange.Range(0, 2, 0.5)).ToArray<double>());
        // np.mgrid[2:3:1j]: one point is the start.
        Assert.Equal(new[] { 2.0 }, Jnp.Mgrid(GridRange.Points(2, 3, 1)).ToArray<double>());
    }

    [Fact]
    public void A_count_of_points_makes_every_axis_floating()
    {
        // np.mgrid[0:2, 0:1:3j]
        var grid = Jnp.Mgrid(0..2, GridRange.Points(0, 1, 3));
        Assert.Equal(new[] { 2, 2, 3 }, grid.Shape);
        Assert.Equal(DType.Float32, grid.DType);
        Assert.Equal(new double[] { 0, 0, 0, 1, 1, 1, 0, 0.5, 1, 0, 0.5, 1 }, grid.ToArray<double>());
    }

    [Fact]
    public void The_open_grid_broadcasts_to_the_dense_one()
    {
        // np.ogrid[0:3, 1:7:2] and np.ogrid[0:2, 0:1:2j]
        var open = Jnp.Ogrid(0..3, GridRange.Range(1, 7, 2));
        Assert.Equal(new[] { 3, 1 }, open[0].Shape);
        Assert.Equal(new[] { 1, 3 }, open[1].Shape);
        Assert.Equal(new[] { 0, 1, 2 }, open[0].ToArray<int>());
        Assert.Equal(new[] { 1, 3, 5 }, open[1].ToArray<int>());
        var dense = Jnp.Mgrid(0..3, GridRange.Range(1, 7, 2));
        Assert.Equal(dense.ToArray<int>(), Jnp.Stack(Jnp.BroadcastArrays(open)).ToArray<int>());
        var mixed = Jnp.Ogrid(0..2, GridRange.Points(0, 1, 2));
        Assert.All(mixed, a => Assert.Equal(DType.Float32, a.DType));
        Assert.Equal(new[] { 0.0, 1.0 }, mixed[1].ToArray<double>());
    }

    [Fact]
    public void Empty_ranges_give_zero_length_axes()
    {
        Assert.Equal(new[] { 0 }, Jnp.Mgrid(3..1).Shape);
        Assert.Equal(new[] { 0 }, Jnp.Mgrid(GridRange.Points(0, 0, 0)).Shape);
        // NumPy's mgrid[0:3, 5:2] fails on a negative dimension; JAX (and this) give the empty grid.
        Assert.Equal(new[] { 2, 3, 0 }, Jnp.Mgrid(0..3, 5..2).Shape);
        Assert.Equal(new[] { 1, 0 }, Jnp.Ogrid(0..3, GridRange.Range(0, 1, -0.5))[1].Shape);
        Assert.Equal(new[] { 0 }, Jnp.Mgrid().Shape);
    }

    [Fact]
    public void Bad_ranges_are_refused()
    {
        Assert.Throws<ArgumentException>(() => GridRange.Range(0, 5, 0));
        Assert.Throws<ArgumentException>(() => GridRange.Range(0, 1, 0.0));
        Assert.Throws<ArgumentException>(() => GridRange.Range(0, double.NaN, 0.5));
        Assert.Throws<ArgumentException>(() => GridRange.Points(0, 1, -1));
        Assert.Throws<ArgumentException>(() => Jnp.Mgrid(0..^1));
    }

    [Fact]
    public void A_grid_built_inside_jit_is_a_constant_of_the_program()
    {
        var f = Jax.Jit((NDArray x) => x * Jnp.Mgrid(0..2, 0..3)[1]);
        Assert.Equal(new[] { 0f, 2, 4, 0, 2, 4 }, f(Jnp.Array(2f)).ToArray<float>());
    }
}

/// <summary>jnp.mgrid's dtypes with 64-bit types: int64 and float64, as numpy.mgrid's.</summary>
[Collection(nameof(X64Collection))]
public class JnpGridX64Tests
{
    [Fact]
    public void Grids_take_the_wide_defaults() => RandomDistributionX64Tests.WithX64(() =>
    {
        Assert.Equal(DType.Int64, Jnp.Mgrid(0..3, 0..2).DType);
        var floats = Jnp.Mgrid(GridRange.Range(0, 1, 0.3));
        Assert.Equal(DType.Float64, floats.DType);
        // np.mgrid[0:1:0.3]: start + i * step, so the last value is 0.8999999999999999.
        Assert.Equal(new[] { 0, 0.3, 0.6, 0.8999999999999999 }, floats.ToArray<double>());
    });
}
