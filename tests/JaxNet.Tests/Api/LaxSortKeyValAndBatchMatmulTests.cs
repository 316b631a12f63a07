using JaxNet.Core;
using static JaxNet.Tests.Api.Expect;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Api;

/// <summary>lax.sort_key_val and lax.batch_matmul: values against host computations, shapes, bad input, Jit and
/// Vmap.</summary>
public class LaxSortKeyValAndBatchMatmulTests
{
    [Fact]
    public void Sort_key_val_carries_values_with_their_keys()
    {
        var (keys, values) = Lax.SortKeyVal(F(3, float.NaN, -1, 2, -0f, 0f), I(0, 1, 2, 3, 4, 5));
        Assert.Equal([-1f, -0f, 0f, 2f, 3f, float.NaN], keys.ToArray<float>());
        Ints([2, 4, 5, 3, 0, 1], values);
        var grid = Jnp.Reshape(F(4, 1, 3, 2, 9, 0), [2, 3]);
        var (byColumn, carried) = Lax.SortKeyVal(grid, Jnp.Reshape(I(0, 1, 2, 3, 4, 5), [2, 3]), dimension: 0);
        Assert.Equal([2f, 1, 0, 4, 9, 3], byColumn.ToArray<float>());
        Ints([3, 1, 5, 0, 4, 2], carried);
        var jitted = Jax.Jit((NDArray k, NDArray v) => Lax.SortKeyVal(k, v).Values)(F(2, 1), F(20, 10));
        Assert.Equal([10f, 20], jitted.ToArray<float>());
    }

    [Fact]
    public void Sort_key_val_refuses_mismatched_shapes_and_scalars()
    {
        Assert.Throws<ShapeException>(() => Lax.SortKeyVal(F(1, 2), F(1, 2, 3)));
        Assert.Throws<ShapeException>(() => Lax.SortKeyVal(Jnp.Array(1f), Jnp.Array(2f)));
        Assert.Throws<ShapeException>(() => Lax.SortKeyVal(F(1, 2), F(1, 2), dimension: 1));
    }

    [Fact]
    public void Batch_matmul_multiplies_each_batch_member()
    {
        var rng = new Random(5);
        var a = Enumerable.Range(0, 2 * 3 * 4).Select(_ => (float)rng.Next(-5, 5)).ToArray();
        var b = Enumerable.Range(0, 2 * 4 * 5).Select(_ => (float)rng.Next(-5, 5)).ToArray();
        var product = Lax.BatchMatmul(Jnp.FromHost<float>(a, [2, 3, 4]), Jnp.FromHost<float>(b, [2, 4, 5]));
        Assert.Equal([2, 3, 5], product.Shape);
        var expected = new double[2 * 3 * 5];
        for (var n = 0; n < 2; n++)
            for (var i = 0; i < 3; i++)
                for (var j = 0; j < 5; j++)
                    for (var p = 0; p < 4; p++)
                        expected[(n * 3 + i) * 5 + j] += a[(n * 3 + i) * 4 + p] * b[(n * 4 + p) * 5 + j];
        Values(expected, product);
        var mapped = Jax.Vmap((NDArray x, NDArray y) => Lax.BatchMatmul(x, y))(Jnp.FromHost<float>(a, [2, 3, 4]), Jnp.FromHost<float>(b, [2, 4, 5]));
        Values(expected, mapped);
        Assert.Equal([4, 2], Lax.BatchMatmul(Jnp.Ones([4, 3]), Jnp.Ones([3, 2])).Shape);
    }

    [Fact]
    public void Batch_matmul_refuses_bad_ranks_and_dimensions()
    {
        Assert.Throws<ShapeException>(() => Lax.BatchMatmul(Jnp.Ones([2, 3, 4]), Jnp.Ones([4, 5])));
        Assert.Throws<ShapeException>(() => Lax.BatchMatmul(Jnp.Ones([3]), Jnp.Ones([3])));
        Assert.Throws<ShapeException>(() => Lax.BatchMatmul(Jnp.Ones([2, 3, 4]), Jnp.Ones([3, 4, 5])));
        Assert.Throws<ShapeException>(() => Lax.BatchMatmul(Jnp.Ones([2, 3, 4]), Jnp.Ones([2, 3, 5])));
    }
}
