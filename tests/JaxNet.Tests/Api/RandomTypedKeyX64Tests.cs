using JaxRandom = JaxNet.Jax.Random;

namespace JaxNet.Tests.Api;

/// <summary>Typed keys from 64-bit seeds: the high word of an int64 seed, as JAX's threefry_seed with x64.</summary>
[Collection(nameof(X64Collection))]
public class RandomTypedKeyX64Tests
{
    [Fact]
    public void Int64_array_seeds_give_both_words() => RandomDistributionX64Tests.WithX64(() =>
    {
        Assert.Equal([1u, 2u], JaxRandom.KeyData(JaxRandom.Key(Jnp.Array((1L << 32) + 2, DType.Int64))).ToArray<uint>());
        Assert.Equal(JaxRandom.PRNGKey(-1).ToArray<uint>(), JaxRandom.KeyData(JaxRandom.Key(Jnp.Array(-1L, DType.Int64))).ToArray<uint>());
        Assert.Equal([uint.MaxValue, uint.MaxValue], JaxRandom.KeyData(JaxRandom.Key(-1)).ToArray<uint>());
        Assert.Equal([0u, uint.MaxValue], JaxRandom.KeyData(JaxRandom.Key(Jnp.Array(-1, DType.Int32))).ToArray<uint>());
        var seeds = Jax.Vmap((NDArray s) => JaxRandom.Key(s))(Jnp.Array(new[] { 5L, (3L << 32) + 1 }, DType.Int64));
        Assert.Equal([0u, 5u, 3u, 1u], JaxRandom.KeyData(seeds).ToArray<uint>());
    });
}
