using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>isin, intersect1d, union1d, setdiff1d and setxor1d against NumPy (numpy 1.24), with JAX's static size
/// and fill value under Jit and Vmap.</summary>
public class JnpSetRoutineTests
{
    private const float NaN = float.NaN;

    private static NDArray A() => I(5, 1, 3, 3, 7);

    [Fact]
    public void Isin()
    {
        var m = Jnp.Array(new[,] { { 1, 2 }, { 3, 4 } });
        Assert.Equal([true, false, false, true], Jnp.Isin(m, I(4, 1, 9)).ToArray<bool>());
        Assert.Equal(new[] { 2, 2 }, Jnp.Isin(m, I(4, 1, 9)).Shape);
        Assert.Equal([false, true, true, false], Jnp.Isin(m, I(4, 1, 9), invert: true).ToArray<bool>());
        // NaN is in nothing; -0.0 equals 0.0; the test elements may have any shape and dtype.
        Assert.Equal([false, false, true], Jnp.Isin(F(NaN, 1, -0f), F(NaN, 0)).ToArray<bool>());
        Assert.Equal([true, false, true], Jnp.Isin(F(2, 2.5f, 4), Jnp.Array(new[,] { { 4, 0 }, { 2, 9 } })).ToArray<bool>());
        Assert.Equal([true, false], Jnp.Isin(Jnp.Array(new[] { true, false }), Jnp.Array(new[] { true })).ToArray<bool>());
        Assert.Equal([false, false], Jnp.Isin(I(1, 2), Jnp.Zeros([0], DType.Int32)).ToArray<bool>());
        Assert.Equal([true, false], Jax.Jit((NDArray x, NDArray t) => Jnp.Isin(x, t))(I(1, 2), I(3, 1)).ToArray<bool>());
        Assert.Equal([true, false, false, true], Jax.Vmap((NDArray r) => Jnp.Isin(r, I(1, 4)))(m).ToArray<bool>());
    }

    [Fact]
    public void SetsOfValues()
    {
        Ints([3, 5, 7], Jnp.Intersect1d(A(), I(3, 7, 7, 2, 5, 0)));
        Ints([1, 5, 7], Jnp.Setdiff1d(A(), I(3, 8)));
        Ints([1, 2, 5], Jnp.Setxor1d(A(), I(3, 7, 7, 2)));
        Ints([1, 2, 3, 5], Jnp.Union1d(I(5, 1, 3), I(3, 2)));
        Ints([1, 2, 3, 5], Jnp.Union1d(Jnp.Array(new[,] { { 5, 1 }, { 3, 3 } }), I(2)));
        // Mixed dtypes promote.
        Values([3, 5], Jnp.Intersect1d(A(), F(5, 3, 3.5f)));
        Ints([], Jnp.Intersect1d(A(), I(0, 2)), [0]);
        Ints([], Jnp.Intersect1d(Jnp.Zeros([0], DType.Int32), A()), [0]);
        Ints([1, 3, 5, 7], Jnp.Setdiff1d(A(), Jnp.Zeros([0], DType.Int32)));
    }

    [Fact]
    public void NanFollowsNumpy()
    {
        Values([1], Jnp.Intersect1d(F(NaN, 1), F(NaN, 1)));
        Values([3, double.NaN], Jnp.Setdiff1d(F(NaN, 1, 1, 3), F(1)));
        Values([1, 2, double.NaN], Jnp.Union1d(F(NaN, 2, NaN), F(NaN, 1)));
        Values([1, 3, double.NaN, double.NaN], Jnp.Setxor1d(F(NaN, 1, 2), F(NaN, 2, 3)));
    }

    [Fact]
    public void StaticSizesPadAndCutUnderTransformations()
    {
        var b = I(3, 7, 7, 2, 5, 0);
        // The default fill is the smallest result (0 when there is none; 0 for setdiff1d).
        Ints([3, 5, 7, 3, 3], Jnp.Intersect1d(A(), b, size: 5));
        Ints([3, 5, 7, -1], Jax.Jit((NDArray x, NDArray y) => Jnp.Intersect1d(x, y, size: 4, fillValue: -1))(A(), b));
        Ints([3, 5], Jax.Jit((NDArray x, NDArray y) => Jnp.Intersect1d(x, y, size: 2))(A(), b));
        Ints([0, 0], Jax.Jit((NDArray x, NDArray y) => Jnp.Intersect1d(x, y, size: 2))(A(), I(4)));
        Ints([1, 5, 7, 0], Jax.Jit((NDArray x, NDArray y) => Jnp.Setdiff1d(x, y, size: 4))(A(), I(3, 8)));
        Ints([1, 2, 5, 1], Jax.Jit((NDArray x, NDArray y) => Jnp.Setxor1d(x, y, size: 4))(A(), I(3, 7, 7, 2)));
        Ints([1, 2, 3, 5, 9], Jax.Jit((NDArray x, NDArray y) => Jnp.Union1d(x, y, size: 5, fillValue: 9))(I(5, 1, 3), I(3, 2)));
        Ints([7, 7], Jnp.Setdiff1d(Jnp.Zeros([0], DType.Int32), A(), size: 2, fillValue: 7));
        // Row by row.
        var rows = Jax.Vmap((NDArray r) => Jnp.Intersect1d(r, I(1, 2, 3), size: 3, fillValue: -1))(Jnp.Array(new[,] { { 3, 1, 9 }, { 4, 5, 6 } }));
        Ints([1, 3, -1, -1, -1, -1], rows, [2, 3]);
        Assert.Throws<ConcretizationTypeError>(() => Jax.Jit((NDArray x, NDArray y) => Jnp.Intersect1d(x, y))(A(), b));
        Assert.Throws<ConcretizationTypeError>(() => Jax.Jit((NDArray x, NDArray y) => Jnp.Setxor1d(x, y))(A(), b));
        Assert.Throws<ArgumentException>(() => Jnp.Setdiff1d(A(), b, size: -1));
    }
}
