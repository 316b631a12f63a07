using static JaxNet.Tests.Api.RandomDistributionX64Tests;

namespace JaxNet.Tests.Api;

/// <summary>
/// int64 and uint32 index arrays whose values lie outside int32's range: they are out of range for any axis, so an
/// update drops them and a read clamps them, as JAX does. They were converted to int32 by wrapping, so long.MinValue
/// read as 0 and its update landed on element 0 (indexing fuzzer seed 244). In the X64 collection for int64.
/// </summary>
[Collection(nameof(X64Collection))]
public class WideIndexArrayTests
{
    private static readonly float[] Data = [1, 2, 3, 4];

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData((long)int.MinValue - 1)]
    [InlineData(1L << 32)]
    [InlineData(long.MaxValue)]
    public void An_int64_index_past_int32_is_dropped_by_an_update_and_clamped_by_a_read(long index) => WithX64(() =>
    {
        var indices = Jnp.Array(new[] { index, 1L });
        var x = Jnp.Array(Data);
        var clamped = index < 0 ? 1f : 4f;
        foreach (var jit in new[] { false, true })
        {
            Func<NDArray, NDArray, NDArray> set = (a, i) => a.At[i].Set(Jnp.Array(new[] { 9f, 8f }));
            Func<NDArray, NDArray, NDArray> get = (a, i) => a[i];
            var (s, g) = jit ? (Jax.Jit(set), Jax.Jit(get)) : (set, get);
            Assert.Equal([1f, 8, 3, 4], s(x, indices).ToArray<float>());
            Assert.Equal([clamped, 2f], g(x, indices).ToArray<float>());
        }
    });

    [Fact]
    public void A_uint32_index_past_int32_is_dropped_by_an_update()
    {
        var indices = Jnp.Array(new[] { uint.MaxValue, 0x80000000u, 2u });
        Assert.Equal([1f, 2, 7, 4], Jnp.Array(Data).At[indices].Add(Jnp.Array(new[] { 5f, 6f, 4f })).ToArray<float>());
        Assert.Equal([4f, 4, 3], Jnp.Array(Data)[indices].ToArray<float>());
    }
}
