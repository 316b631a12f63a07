using JaxRandom = JaxNet.Jax.Random;

namespace JaxNet.Tests.Api;

/// <summary>
/// Typed key arrays (jax.random.key, key&lt;fry&gt;): a key of shape () over the words PRNGKey gives, samples and
/// splits bit-identical to the raw-key path, key_data/wrap_key_data round trips, and refusal of what is not a key.
/// </summary>
public class RandomTypedKeyTests
{
    [Fact]
    public void Key_is_a_scalar_of_dtype_key_fry_over_the_prngkey_words()
    {
        var key = JaxRandom.Key(42);
        Assert.Equal([], key.Shape);
        Assert.Equal(0, key.Ndim);
        Assert.Equal(1, key.Size);
        Assert.Equal("key<fry>", key.DType.ToString());
        Assert.Equal("threefry2x32", JaxRandom.KeyImpl(key));
        Assert.Equal([0u, 42u], JaxRandom.KeyData(key).ToArray<uint>());
        Assert.Equal([2], JaxRandom.KeyData(key).Shape);
        Assert.Equal([0u, 4294967295u], JaxRandom.KeyData(JaxRandom.Key(-1)).ToArray<uint>());
        Assert.Equal([1u, 2u], JaxRandom.KeyData(JaxRandom.Key((1L << 32) + 2)).ToArray<uint>());
        Assert.Equal("Array((), dtype=key<fry>) overlaying:\n[ 0 42]", key.ToString());
        Assert.Equal("Array((2,), dtype=key<fry>) overlaying:\n[[0 1]\n [0 2]]",
            JaxRandom.WrapKeyData(Jnp.FromHost<uint>([0, 1, 0, 2], [2, 2])).ToString());
    }

    [Fact]
    public void Key_from_an_array_seed_matches_the_integer_seed()
    {
        Assert.Equal(JaxRandom.PRNGKey(-1).ToArray<uint>(), JaxRandom.KeyData(JaxRandom.Key(Jnp.Array(-1))).ToArray<uint>());
        Assert.Equal(JaxRandom.PRNGKey(7).ToArray<uint>(), JaxRandom.KeyData(JaxRandom.Key(Jnp.Scalar(7u))).ToArray<uint>());
    }

    [Fact]
    public void Key_dtype_is_a_prng_key_and_no_numpy_class()
    {
        var dtype = JaxRandom.Key(0).DType;
        Assert.True(Jnp.Issubdtype(dtype, DTypeClass.PRNGKey));
        Assert.True(Jnp.Issubdtype(dtype, DTypeClass.Extended));
        Assert.False(Jnp.Issubdtype(dtype, DTypeClass.Generic));
        Assert.False(Jnp.Issubdtype(dtype, DTypeClass.UnsignedInteger));
        Assert.False(Jnp.Issubdtype(DType.UInt32, DTypeClass.PRNGKey));
        Assert.False(Jnp.Issubdtype(DTypeClass.PRNGKey, DTypeClass.Number));
    }

    [Fact]
    public void Samplers_draw_from_a_typed_key_exactly_what_they_draw_from_its_raw_key()
    {
        var typed = JaxRandom.Key(0);
        var raw = JaxRandom.PRNGKey(0);
        Assert.Equal(JaxRandom.Normal(raw, [5]).ToArray<float>(), JaxRandom.Normal(typed, [5]).ToArray<float>());
        Assert.Equal(JaxRandom.Uniform(raw, [4], minval: -2f, maxval: 3f).ToArray<float>(),
            JaxRandom.Uniform(typed, [4], minval: -2f, maxval: 3f).ToArray<float>());
        Assert.Equal(JaxRandom.Bits(raw, [3]).ToArray<uint>(), JaxRandom.Bits(typed, [3]).ToArray<uint>());
        Assert.Equal(JaxRandom.RandInt(raw, [6], 0, 10).ToArray<int>(), JaxRandom.RandInt(typed, [6], 0, 10).ToArray<int>());
        Assert.Equal(JaxRandom.Permutation(raw, 8).ToArray<int>(), JaxRandom.Permutation(typed, 8).ToArray<int>());
        Assert.Equal(JaxRandom.Gamma(raw, Jnp.Array(new[] { 0.5f, 2f })).ToArray<float>(),
            JaxRandom.Gamma(typed, Jnp.Array(new[] { 0.5f, 2f })).ToArray<float>());
        Assert.Equal(JaxRandom.Normal(raw, [2], DType.Complex64).ToArray<System.Numerics.Complex>(),
            JaxRandom.Normal(typed, [2], DType.Complex64).ToArray<System.Numerics.Complex>());
    }

    [Fact]
    public void Initializers_and_kde_resampling_take_typed_keys()
    {
        var init = Jax.Nn.Initializers.GlorotUniform();
        Assert.Equal(init(JaxRandom.PRNGKey(2), [3, 4]).ToArray<float>(), init(JaxRandom.Key(2), [3, 4]).ToArray<float>());
        var kde = new Jax.Scipy.Stats.GaussianKde(Jnp.Array(new[] { 0f, 1f, 3f }));
        Assert.Equal(kde.Resample(JaxRandom.PRNGKey(1), [4]).ToArray<float>(), kde.Resample(JaxRandom.Key(1), [4]).ToArray<float>());
    }

    [Fact]
    public void Split_and_fold_in_of_a_typed_key_give_typed_keys_over_the_raw_words()
    {
        var keys = JaxRandom.Split(JaxRandom.Key(0), 3);
        Assert.Equal([3], keys.Shape);
        Assert.Equal("key<fry>", keys.DType.Name);
        Assert.Equal(JaxRandom.Split(JaxRandom.PRNGKey(0), 3).ToArray<uint>(), JaxRandom.KeyData(keys).ToArray<uint>());
        var grid = JaxRandom.Split(JaxRandom.Key(5), [2, 3]);
        Assert.Equal([2, 3], grid.Shape);
        Assert.Equal(JaxRandom.Split(JaxRandom.PRNGKey(5), [2, 3]).ToArray<uint>(), JaxRandom.KeyData(grid).ToArray<uint>());
        var (first, second) = JaxRandom.Split2(JaxRandom.Key(0));
        Assert.Equal([], second.Shape);
        Assert.Equal(JaxRandom.KeyData(keys[1]).ToArray<uint>(), JaxRandom.KeyData(JaxRandom.Split(JaxRandom.Key(0))[1]).ToArray<uint>());
        Assert.Equal(JaxRandom.Split(JaxRandom.PRNGKey(0))[0].ToArray<uint>(), JaxRandom.KeyData(first).ToArray<uint>());
        var folded = JaxRandom.FoldIn(JaxRandom.Key(3), 17);
        Assert.Equal([], folded.Shape);
        Assert.Equal(JaxRandom.FoldIn(JaxRandom.PRNGKey(3), 17).ToArray<uint>(), JaxRandom.KeyData(folded).ToArray<uint>());
        Assert.Same(folded, JaxRandom.Clone(folded));
        Assert.Equal([0], JaxRandom.Split(JaxRandom.Key(0), 0).Shape);
    }

    [Fact]
    public void Wrap_and_unwrap_round_trip_arrays_of_keys()
    {
        var words = JaxRandom.Split(JaxRandom.PRNGKey(0), 3);
        var wrapped = JaxRandom.WrapKeyData(words);
        Assert.Equal([3], wrapped.Shape);
        Assert.Equal(words.ToArray<uint>(), JaxRandom.KeyData(wrapped).ToArray<uint>());
        Assert.Equal(JaxRandom.Normal(words[1], [2]).ToArray<float>(), JaxRandom.Normal(wrapped[1], [2]).ToArray<float>());
        Assert.Equal(words.ToArray<uint>(), JaxRandom.KeyData(words).ToArray<uint>());
        Assert.Equal([0], JaxRandom.WrapKeyData(Jnp.Zeros([0, 2], DType.UInt32)).Shape);
    }

    [Fact]
    public void Anything_but_uint32_key_words_or_a_single_key_is_refused()
    {
        Assert.Throws<ArgumentException>(() => JaxRandom.WrapKeyData(Jnp.Array(new[] { 1, 2 })));
        Assert.Throws<ArgumentException>(() => JaxRandom.WrapKeyData(Jnp.FromHost<uint>([1, 2, 3], [3])));
        Assert.Throws<ArgumentException>(() => JaxRandom.WrapKeyData(Jnp.Scalar(1u)));
        Assert.Throws<ArgumentException>(() => JaxRandom.WrapKeyData(Jnp.Zeros([2, 3], DType.UInt32)));
        Assert.Throws<ArgumentException>(() => JaxRandom.KeyData(Jnp.Scalar(1u)));
        Assert.Throws<ArgumentException>(() => JaxRandom.KeyData(Jnp.Array(new[] { float.NaN, 1f })));
        Assert.Contains("'rbg'", Assert.Throws<ArgumentException>(() => JaxRandom.Key(0, impl: "philox4x32")).Message);
        Assert.Throws<ArgumentException>(() => JaxRandom.WrapKeyData(JaxRandom.PRNGKey(0), impl: "unsafe_rbg"));
        Assert.Throws<ArgumentException>(() => JaxRandom.Key(Jnp.Array(1.5f)));
        Assert.Throws<ArgumentException>(() => JaxRandom.Key(Jnp.Array(new[] { 1, 2 })));
        var batch = JaxRandom.Split(JaxRandom.Key(0), 3);
        Assert.Contains("single key", Assert.Throws<ArgumentException>(() => JaxRandom.Normal(batch, [2])).Message);
        Assert.Contains("single key", Assert.Throws<ArgumentException>(() => JaxRandom.Split(batch)).Message);
        Assert.Contains("single key", Assert.Throws<ArgumentException>(() => JaxRandom.FoldIn(batch, 1)).Message);
        Assert.Throws<ArgumentException>(() => JaxRandom.Normal(JaxRandom.Split(JaxRandom.PRNGKey(0), 3), [2]));
    }

    [Fact]
    public void Keys_have_no_path_into_arithmetic()
    {
        // key + 1, Jnp.Add(key, x) and Jnp.Sin(key) do not compile: the key type declares no operators and nothing
        // converts it to an array. This guards that (a conversion added later would let keys be used as numbers).
        var keyType = typeof(PRNGKeyArray);
        Assert.DoesNotContain(keyType.GetMethods(), m => m.IsSpecialName && m.Name.StartsWith("op_", StringComparison.Ordinal));
        var conversions = typeof(NDArray).GetMethods().Where(m => m.Name is "op_Implicit" or "op_Explicit");
        Assert.DoesNotContain(conversions, m => m.GetParameters()[0].ParameterType == keyType);
        Assert.False(typeof(NDArray).IsAssignableFrom(keyType));
    }
}
