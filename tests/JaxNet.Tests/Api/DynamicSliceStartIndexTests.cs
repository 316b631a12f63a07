using static JaxNet.Tests.Api.RandomDistributionX64Tests;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Api;

/// <summary>
/// Start indices of lax.dynamic_slice and dynamic_update_slice as JAX reads them: a negative start counts from the end
/// (allow_negative_indices), then the start is clamped so the window lies in bounds, whatever the index dtype (a
/// uint32 start above 2^31 or an int64 one outside int32 is clamped, not wrapped); rank-0 operands take no starts.
/// Eagerly, under Jit and Vmap, and through Grad. In the X64 collection for the int64 starts.
/// </summary>
[Collection(nameof(X64Collection))]
public class DynamicSliceStartIndexTests
{
    private static readonly NDArray X = Jnp.Arange(5).Astype(DType.Float32);

    private static NDArray U32(uint v) => Jnp.Array(new[] { v }).Reshape([]);

    private static NDArray U8(byte v) => Jnp.Array(new[] { v }).Reshape([]);

    /// <summary>Eagerly and under Jit.</summary>
    private static void BothWays(Func<NDArray, NDArray> f, float[] expected)
    {
        Assert.Equal(expected, f(X).ToArray<float>());
        Assert.Equal(expected, Jax.Jit(f)(X).ToArray<float>());
    }

    [Fact]
    public void A_negative_start_counts_from_the_end_and_is_then_clamped()
    {
        BothWays(x => Lax.DynamicSlice(x, [Jnp.Array(-1)], [1]), [4]);
        BothWays(x => Lax.DynamicSlice(x, [Jnp.Array(-2)], [2]), [3, 4]);
        // -7 + 5 = -2 is still negative: clamped to 0.
        BothWays(x => Lax.DynamicSlice(x, [Jnp.Array(-7)], [2]), [0, 1]);
        BothWays(x => Lax.DynamicSlice(x, [Jnp.Array(-1)], [1], allowNegativeIndices: false), [0]);
        BothWays(x => Lax.DynamicUpdateSlice(Jnp.ZerosLike(x), Jnp.Ones([2]), [Jnp.Array(-1)]), [0, 0, 0, 1, 1]);
        BothWays(x => Lax.DynamicUpdateSlice(Jnp.ZerosLike(x), Jnp.Ones([2]), [Jnp.Array(-4)]), [0, 1, 1, 0, 0]);
    }

    [Fact]
    public void Wide_and_unsigned_starts_are_clamped_not_wrapped()
    {
        BothWays(x => Lax.DynamicSlice(x, [U32(uint.MaxValue)], [2]), [3, 4]);
        BothWays(x => Lax.DynamicSlice(x, [U8(255)], [2]), [3, 4]);
        BothWays(x => Lax.DynamicUpdateSlice(Jnp.ZerosLike(x), Jnp.Ones([2]), [U32(0x8000_0001)]), [0, 0, 0, 1, 1]);
        WithX64(() =>
        {
            BothWays(x => Lax.DynamicSlice(x, [Jnp.Array((1L << 32) + 1)], [2]), [3, 4]);
            BothWays(x => Lax.DynamicSlice(x, [Jnp.Array(-(1L << 32) + 3)], [2]), [0, 1]);
        });
    }

    [Fact]
    public void Rank_zero_operands_take_no_starts()
    {
        var seven = Jnp.Array(7f);
        Assert.Equal(7f, Lax.DynamicSlice(seven, [], []).Item<float>());
        Assert.Equal(7f, Jax.Jit((NDArray s) => Lax.DynamicSlice(s, [], []))(seven).Item<float>());
        Assert.Equal(9f, Jax.Jit((NDArray s) => Lax.DynamicUpdateSlice(s, Jnp.Array(9f), []))(seven).Item<float>());
    }

    [Fact]
    public void Batched_starts_count_from_the_end_and_clamp_too()
    {
        var pairs = Jax.Vmap((NDArray s) => Lax.DynamicSlice(X, [s], [2]));
        Assert.Equal(new float[] { 3, 4, 0, 1, 0, 1, 3, 4 }, pairs(Jnp.Array(new[] { -1, 0, -5, 7 })).ToArray<float>());
        Assert.Equal(new float[] { 3, 4, 1, 2 }, pairs(Jnp.Array(new[] { uint.MaxValue, 1u })).ToArray<float>());
        var written = Jax.Jit(Jax.Vmap((NDArray s) => Lax.DynamicUpdateSlice(Jnp.ZerosLike(X), Jnp.Ones([2]), [s])));
        Assert.Equal(new float[] { 0, 0, 0, 1, 1, 1, 1, 0, 0, 0 }, written(Jnp.Array(new[] { -1, 0 })).ToArray<float>());
    }

    [Fact]
    public void Gradients_land_where_the_slice_was_read()
    {
        Assert.Equal(new float[] { 0, 0, 0, 1, 0 }, Jax.Grad((NDArray x) => Jnp.Sum(Lax.DynamicSlice(x, [Jnp.Array(-2)], [1])))(X).ToArray<float>());
        // The transpose must not count a start from the end twice: -7 reads element 0.
        Assert.Equal(new float[] { 1, 0, 0, 0, 0 }, Jax.Grad((NDArray x) => Jnp.Sum(Lax.DynamicSlice(x, [Jnp.Array(-7)], [1])))(X).ToArray<float>());
        var update = Jax.Grad((NDArray u) => Jnp.Sum(Lax.DynamicUpdateSlice(Jnp.ZerosLike(X), u, [Jnp.Array(-6)]) * X));
        Assert.Equal(new float[] { 0, 1 }, update(Jnp.Ones([2])).ToArray<float>());
    }
}
