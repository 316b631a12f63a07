namespace JaxNet.Tests.Transforms;

/// <summary>
/// Derivatives of arrays with an empty dimension: sort's JVP gathers the tangent by the sorting permutation with
/// take_along_axis, whose gather of 1-sized slices did not fit an operand with a 0-sized dimension (found by the
/// derivative fuzzer, seeds 189, 229 and 379).
/// </summary>
public class EmptyArrayDerivativeTests
{
    [Theory]
    [InlineData(new[] { 1, 0 }, 0)]
    [InlineData(new[] { 1, 0 }, 1)]
    [InlineData(new[] { 0, 2 }, 0)]
    public void The_jvp_and_vjp_of_a_sort_of_an_empty_array_are_empty(int[] shape, int dimension)
    {
        var x = Jnp.Zeros(shape);
        NDArray Sorted(NDArray a) => Jax.Lax.Sort([a], dimension: dimension, isStable: true, numKeys: 1)[0];
        var (primal, tangent) = Jax.Jvp(Sorted, [x], [x]);
        Assert.Equal(shape, primal.Shape);
        Assert.Equal(shape, tangent.Shape);
        Assert.Equal(shape, Jax.Jit((NDArray a) => Jax.Vjp(Sorted, a).Pullback(a))(x).Shape);
    }

    [Fact]
    public void Take_along_axis_of_empty_indices_is_empty()
    {
        var x = Jnp.Zeros([1, 0]);
        var taken = Jnp.TakeAlongAxis(x, Jnp.Zeros([1, 0], DType.Int32), 0, TakeMode.Clip);
        Assert.Equal([1, 0], taken.Shape);
        Assert.Equal(DType.Float32, taken.DType);
    }
}
