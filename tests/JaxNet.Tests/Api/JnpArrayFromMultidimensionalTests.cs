namespace JaxNet.Tests.Api;

/// <summary>Jnp.Array of C# rectangular arrays: row-major elements, and empty arrays of any zero dimension.</summary>
public class JnpArrayFromMultidimensionalTests
{
    [Fact]
    public void Rectangular_arrays_keep_their_shape_and_row_major_order()
    {
        var two = Jnp.Array(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal([2, 3], two.Shape);
        Assert.Equal([1f, 2, 3, 4, 5, 6], two.ToArray<float>());
        var three = Jnp.Array(new int[,,] { { { 1, 2 }, { 3, 4 } }, { { 5, 6 }, { 7, 8 } } });
        Assert.Equal([2, 2, 2], three.Shape);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], three.ToArray<int>());
    }

    [Fact]
    public void Empty_arrays_with_a_zero_dimension_anywhere_are_empty_arrays()
    {
        Assert.Equal([0, 4], Jnp.Array(new double[0, 4], DType.Float64).Shape);
        Assert.Equal([3, 0], Jnp.Array(new float[3, 0]).Shape);
        Assert.Equal([2, 0, 5], Jnp.Array(new int[2, 0, 5]).Shape);
        Assert.Empty(Jnp.Array(new float[0, 0]).ToArray<float>());
    }
}
