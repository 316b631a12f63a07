using JaxRandom = JaxNet.Jax.Random;

namespace JaxNet.Tests.Api;

/// <summary>
/// jax.random.randint beyond int32: 64-bit types drawn from two 64-bit draws reduced as JAX reduces them (checked on
/// the host with wrapping ulong arithmetic against the draws Bits gives), 8- and 16-bit types drawn as int32 and cast.
/// </summary>
public class RandomRandIntDTypeTests
{
    /// <summary>JAX's reduction of two draws modulo the span, with its wrapping square for spans above 2^32.</summary>
    private static ulong[] Offsets(NDArray key, int n, ulong span)
    {
        var keys = JaxRandom.Split(key, 2);
        var higher = JaxRandom.Bits(keys[0], [n], DType.UInt64).ToArray<ulong>();
        var lower = JaxRandom.Bits(keys[1], [n], DType.UInt64).ToArray<ulong>();
        var multiplier = (1UL << 32) % span;
        multiplier = unchecked(multiplier * multiplier) % span;
        return [.. higher.Zip(lower, (h, l) => unchecked(h % span * multiplier + l % span) % span)];
    }

    [Theory]
    [InlineData(-3_000_000_000_000L, 5_000_000_000_000_000L)]
    [InlineData(-7L, 1000L)]
    [InlineData(long.MinValue, long.MaxValue)]
    public void Int64_draws_reduce_two_64_bit_draws_as_jax(long min, long max)
    {
        var key = JaxRandom.PRNGKey(4);
        var drawn = JaxRandom.RandInt(key, [64], Jnp.FromHost<long>([min], [], DType.Int64), Jnp.FromHost<long>([max], [], DType.Int64), DType.Int64);
        Assert.Equal(DType.Int64, drawn.DType);
        var expected = Offsets(key, 64, unchecked((ulong)(max - min))).Select(o => unchecked(min + (long)o)).ToArray();
        Assert.Equal(expected, drawn.ToArray<long>());
        Assert.All(drawn.ToArray<long>(), v => Assert.InRange(v, min, max - 1));
    }

    [Fact]
    public void Uint64_draws_reach_above_two_to_the_63()
    {
        var key = JaxRandom.PRNGKey(9);
        var min = (1UL << 63) + 5;
        var max = ulong.MaxValue - 2;
        var drawn = JaxRandom.RandInt(key, [40], Jnp.FromHost<ulong>([min], [], DType.UInt64), Jnp.FromHost<ulong>([max], [], DType.UInt64), DType.UInt64);
        Assert.Equal(Offsets(key, 40, max - min).Select(o => min + o), drawn.ToArray<ulong>());
        Assert.All(drawn.ToArray<ulong>(), v => Assert.InRange(v, min, max - 1));
    }

    [Fact]
    public void Narrow_types_are_int32_draws_cast_and_clip_their_bounds()
    {
        var key = JaxRandom.PRNGKey(2);
        var wide = JaxRandom.RandInt(key, [500], -128, 128).ToArray<int>();
        var int8 = JaxRandom.RandInt(key, [500], -128, 128, DType.Int8);
        Assert.Equal(DType.Int8, int8.DType);
        Assert.Equal(wide.Select(v => (sbyte)v), int8.ToArray<sbyte>());
        Assert.Contains((sbyte)-128, int8.ToArray<sbyte>());
        // Bounds beyond the type clip to it, so 1000 behaves as 128 and -1000 as -128.
        Assert.Equal(int8.ToArray<sbyte>(), JaxRandom.RandInt(key, [500], -1000, 1000, DType.Int8).ToArray<sbyte>());
        var uint16 = JaxRandom.RandInt(key, [500], 0, 65536, DType.UInt16);
        Assert.Equal(JaxRandom.RandInt(key, [500], 0, 65536).ToArray<int>().Select(v => (ushort)v), uint16.ToArray<ushort>());
        var int16 = JaxRandom.RandInt(key, [300], -300, 300, DType.Int16).ToArray<short>();
        Assert.All(int16, v => Assert.InRange(v, (short)-300, (short)299));
    }

    [Fact]
    public void Empty_ranges_give_the_minimum_and_float_bounds_are_refused_as_dtype()
    {
        var key = JaxRandom.PRNGKey(0);
        Assert.All(JaxRandom.RandInt(key, [5], Jnp.FromHost<long>([10], [], DType.Int64), Jnp.FromHost<long>([10], [], DType.Int64), DType.Int64).ToArray<long>(), v => Assert.Equal(10L, v));
        Assert.All(JaxRandom.RandInt(key, [5], 7, 3, DType.UInt16).ToArray<ushort>(), v => Assert.Equal((ushort)7, v));
        Assert.Equal([0], JaxRandom.RandInt(key, [0], Jnp.FromHost<long>([0], [], DType.Int64), Jnp.FromHost<long>([5], [], DType.Int64), DType.Int64).Shape);
        Assert.Throws<ArgumentException>(() => JaxRandom.RandInt(key, [2], 0, 5, DType.Float32));
    }
}
