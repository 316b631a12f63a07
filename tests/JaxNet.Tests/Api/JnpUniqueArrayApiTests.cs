using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>The array API's unique_all and unique_values (each NaN its own value), expected values from NumPy 1.24's
/// np.unique(..., return_index, return_inverse, return_counts, equal_nan=False); static sizes under Jit.</summary>
public class JnpUniqueArrayApiTests
{
    private static NDArray X() => Jnp.Array(new[,] { { 3, 1, 2 }, { 1, 3, 5 } });

    [Fact]
    public void UniqueAllGivesFirstIndicesInverseAndCounts()
    {
        var (values, indices, inverse, counts) = Jnp.UniqueAll(X());
        Ints([1, 2, 3, 5], values);
        Ints([1, 2, 0, 5], indices);
        Ints([2, 0, 1, 0, 2, 3], inverse, [2, 3]);
        Ints([2, 1, 2, 1], counts);
        (values, indices, inverse, counts) = Jnp.UniqueAll(F(2, float.NaN, 1, float.NaN, 2));
        Values([1, 2, double.NaN, double.NaN], values);
        Ints([2, 0, 1, 3], indices);
        Ints([1, 2, 0, 3, 1], inverse);
        Ints([1, 2, 1, 1], counts);
    }

    [Fact]
    public void UniqueAllAndValuesWithASizeUnderJit()
    {
        var all = Jax.Jit((NDArray x) =>
        {
            var u = Jnp.UniqueAll(x, size: 6, fillValue: -1);
            return Jnp.Stack([u.Values, u.Indices, u.Counts]);
        })(X());
        Ints([1, 2, 3, 5, -1, -1, 1, 2, 0, 5, 1, 1, 2, 1, 2, 1, 0, 0], all, [3, 6]);
        Ints([1, 2], Jax.Jit((NDArray x) => Jnp.UniqueValues(x, size: 2))(X()));
        Values([1, 2, double.NaN, double.NaN], Jnp.UniqueValues(F(2, float.NaN, 1, float.NaN)));
        Assert.Throws<ConcretizationTypeError>(() => Jax.Jit((NDArray x) => Jnp.UniqueValues(x))(X()));
        Assert.Throws<ConcretizationTypeError>(() => Jax.Jit((NDArray x) => Jnp.UniqueAll(x).Counts)(X()));
    }

    [Fact]
    public void UniqueAllOfEmptyInput()
    {
        var (values, indices, inverse, counts) = Jnp.UniqueAll(Jnp.Zeros([0]));
        Values([], values, shape: [0]);
        Ints([], indices, [0]);
        Ints([], inverse, [0]);
        Ints([], counts, [0]);
        (values, indices, _, counts) = Jnp.UniqueAll(Jnp.Zeros([0]), size: 2, fillValue: 4f);
        Values([4, 4], values);
        Ints([0, 0], indices);
        Ints([0, 0], counts);
        Assert.Throws<ArgumentException>(() => Jnp.UniqueValues(Jnp.Zeros([0]), size: 2));
        Assert.Throws<ArgumentException>(() => Jnp.UniqueAll(X(), size: -1));
    }
}
