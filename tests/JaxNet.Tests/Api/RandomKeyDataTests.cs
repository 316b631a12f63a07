namespace JaxNet.Tests.Api;

/// <summary>jax.random.key, key_data and wrap_key_data over JaxNet's raw uint32 keys: the same words as PRNGKey, the
/// same samples, round trips for arrays of keys, and refusal of anything that is not key words.</summary>
public class RandomKeyDataTests
{
    [Fact]
    public void Key_gives_prngkey_words_and_the_same_samples()
    {
        var key = Jax.Random.Key(42);
        Assert.Equal([0u, 42u], Jax.Random.KeyData(key).ToArray<uint>());
        Assert.Equal([0u, 4294967295u], Jax.Random.KeyData(Jax.Random.Key(-1)).ToArray<uint>());
        Assert.Equal([1u, 2u], Jax.Random.KeyData(Jax.Random.Key((1L << 32) + 2)).ToArray<uint>());
        Assert.Equal(Jax.Random.Uniform(Jax.Random.PRNGKey(42), [3]).ToArray<float>(), Jax.Random.Uniform(key, [3]).ToArray<float>());
    }

    [Fact]
    public void Wrap_and_unwrap_round_trip_arrays_of_keys()
    {
        var keys = Jax.Random.Split(Jax.Random.Key(0), 3);
        var words = Jax.Random.KeyData(keys);
        Assert.Equal([3, 2], words.Shape);
        var wrapped = Jax.Random.WrapKeyData(words);
        Assert.Equal(words.ToArray<uint>(), wrapped.ToArray<uint>());
        var samples = Jax.Vmap((NDArray k) => Jax.Random.Normal(k, [2]))(wrapped);
        Assert.Equal(Jax.Random.Normal(Jax.Random.WrapKeyData(Jnp.Take(words, Jnp.Array(1), axis: 0)), [2]).ToArray<float>(),
            samples.ToArray<float>()[2..4]);
        var inJit = Jax.Jit((NDArray w) => Jax.Random.Bits(Jax.Random.WrapKeyData(w), [2]))(Jax.Random.KeyData(Jax.Random.Key(7)));
        Assert.Equal(Jax.Random.Bits(Jax.Random.Key(7), [2]).ToArray<uint>(), inJit.ToArray<uint>());
    }

    [Fact]
    public void Anything_but_uint32_key_words_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Jax.Random.WrapKeyData(Jnp.Array(new[] { 1, 2 })));
        Assert.Throws<ArgumentException>(() => Jax.Random.WrapKeyData(Jnp.FromHost<uint>([1, 2, 3], [3])));
        Assert.Throws<ArgumentException>(() => Jax.Random.KeyData(Jnp.Scalar(1u)));
        Assert.Throws<ArgumentException>(() => Jax.Random.Key(0, impl: "rbg"));
        Assert.Throws<ArgumentException>(() => Jax.Random.WrapKeyData(Jax.Random.Key(0), impl: "unsafe_rbg"));
    }
}
