using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>append, delete and insert against NumPy 1.24's values, with out-of-range positions refused and the
/// gradient reaching the kept values and the inserted ones.</summary>
public class JnpArrayEditTests
{
    private static NDArray M() => Jnp.Arange(6).Reshape(2, 3);

    [Fact]
    public void AppendFlattensWithoutAnAxis()
    {
        var a = Jnp.Array(new[,] { { 1, 2 }, { 3, 4 } });
        Ints([1, 2, 3, 4, 5, 6], Jnp.Append(a, I(5, 6)));
        Ints([1, 2, 3, 4, 5, 6], Jnp.Append(a, Jnp.Array(new[,] { { 5, 6 } }), axis: 0), [3, 2]);
        Assert.Throws<ShapeException>(() => Jnp.Append(a, I(5, 6), axis: 0));
        Assert.Equal(DType.Float32, Jnp.Append(I(1), F(0.5f)).DType);
    }

    [Fact]
    public void DeleteByPositions()
    {
        Ints([1, 3, 4], Jnp.Delete(Jnp.Arange(6), [0, -1, 2, 2]));
        Ints([0, 2, 3, 5], Jnp.Delete(M(), 1, axis: 1), [2, 2]);
        Ints([0, 2, 3, 4, 5], Jnp.Delete(M(), 1));
        Ints([], Jnp.Delete(Jnp.Arange(2), [0, 1]), [0]);
        Assert.Throws<IndexOutOfRangeException>(() => Jnp.Delete(Jnp.Arange(3), 3));
        Assert.Throws<IndexOutOfRangeException>(() => Jnp.Delete(Jnp.Arange(3), [-4]));
        Assert.Throws<IndexOutOfRangeException>(() => Jnp.Delete(Jnp.Zeros([0]), 0));
        Values([1, 0, 1], Jax.Grad((NDArray x) => Jnp.Sum(Jnp.Delete(x, 1)))(F(5, 6, 7)));
        JitAndVmapAgree(r => Jnp.Delete(r, [0, 2]), Matrix(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }));
    }

    [Fact]
    public void InsertAtOnePosition()
    {
        Ints([0, 1, 9, 2, 3, 4], Jnp.Insert(Jnp.Arange(5), 2, 9));
        // A scalar position moves the values' first axis to the insertion axis: [7, 8] becomes a column.
        Ints([0, 7, 1, 2, 3, 8, 4, 5], Jnp.Insert(M(), 1, I(7, 8), axis: 1), [2, 4]);
        Ints([0, 1, 2, 7, 3, 4, 5, 8], Jnp.Insert(M(), 3, I(7, 8), axis: 1), [2, 4]);
        Ints([0, 1, 2, 3, 4, 5, 9], Jnp.Insert(Jnp.Arange(6), 6, 9));
        // Values take x's dtype (9.7 truncates to 9, as NumPy casts) and broadcast along the other axes.
        Ints([9, 9, 9, 0, 1, 2, 3, 4, 5], Jnp.Insert(M(), 0, 9.7, axis: 0), [3, 3]);
        Assert.Throws<IndexOutOfRangeException>(() => Jnp.Insert(Jnp.Arange(3), 4, 1));
        Assert.Throws<ShapeException>(() => Jnp.Insert(M(), 1, I(7, 8, 9), axis: 1));
        Ints([5], Jnp.Insert(Jnp.Zeros([0], DType.Int32), 0, 5));
    }

    [Fact]
    public void InsertAtSeveralPositions()
    {
        Ints([13, 0, 10, 11, 1, 2, 3, 12, 4, 14], Jnp.Insert(Jnp.Arange(5), [1, 1, 4, 0, 5], I(10, 11, 12, 13, 14)));
        Ints([0, 7, 1, 2, 3, 8, 4, 5], Jnp.Insert(M(), [1], Jnp.Array(new[,] { { 7 }, { 8 } }), axis: 1), [2, 4]);
        Ints([0, 1, 9, 9, 2], Jnp.Insert(Jnp.Arange(3), [2, -1], 9));
        Assert.Throws<IndexOutOfRangeException>(() => Jnp.Insert(Jnp.Arange(3), [0, 5], 1));
        // The gradient reaches x's entries and each inserted value.
        var g = Jax.Grad((NDArray x, NDArray v) => Jnp.Sum(Jnp.Insert(x, [0, 2], v) * Jnp.Arange(5)), argnums: [0, 1])(F(1, 2, 3), F(7, 8));
        Values([1, 2, 4], g[0]);
        Values([0, 3], g[1]);
    }
}
