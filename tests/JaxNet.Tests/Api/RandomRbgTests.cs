using JaxRandom = JaxNet.Jax.Random;

namespace JaxNet.Tests.Api;

/// <summary>
/// JAX's 'rbg' and 'unsafe_rbg' PRNG implementations: four-word keys, bits from lax.rng_bit_generator, and split and
/// fold_in defined as JAX defines them (rbg: Threefry on each two-word half; unsafe_rbg: the bit generator itself),
/// checked against those definitions built from the threefry and rng_bit_generator functions they are made of.
/// </summary>
public class RandomRbgTests
{
    private static uint[] Words(PRNGKeyArray keys) => JaxRandom.KeyData(keys).ToArray<uint>();

    private static NDArray Raw(params uint[] words) => Jnp.FromHost<uint>(words, [words.Length]);

    [Fact]
    public void Keys_have_four_words_the_threefry_seed_twice_and_their_own_dtype()
    {
        var rbg = JaxRandom.Key(42, impl: "rbg");
        Assert.Equal("key<rbg>", rbg.DType.ToString());
        Assert.Equal("rbg", JaxRandom.KeyImpl(rbg));
        Assert.Equal(4, rbg.DType.WordsPerKey);
        Assert.Equal([0u, 42u, 0u, 42u], Words(rbg));
        var unsafeKey = JaxRandom.Key((3L << 32) + 5, impl: "unsafe_rbg");
        Assert.Equal("key<urbg>", unsafeKey.DType.ToString());
        Assert.Equal([3u, 5u, 3u, 5u], Words(unsafeKey));
        Assert.Equal([0u, 7u, 0u, 7u], JaxRandom.PRNGKey(7, impl: "rbg").ToArray<uint>());
        Assert.Equal([0u, 4294967295u, 0u, 4294967295u], Words(JaxRandom.Key(Jnp.Array(-1), impl: "rbg")));
        Assert.Same(PRNGKeyDType.Rbg, PRNGKeyDType.Of("rbg"));
        Assert.Equal("Array((), dtype=key<rbg>) overlaying:\n[ 0 42  0 42]", rbg.ToString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rbg_split_is_threefry_split_of_each_half_side_by_side(bool partitionable)
    {
        using var scope = JaxRandom.Config.UseThreefryPartitionable(partitionable);
        var key = JaxRandom.WrapKeyData(Raw(11, 22, 33, 44), impl: "rbg");
        var split = JaxRandom.KeyData(JaxRandom.Split(key, [2, 3])).ToArray<uint>();
        var first = JaxRandom.Split(Raw(11, 22), [2, 3]).ToArray<uint>();
        var second = JaxRandom.Split(Raw(33, 44), [2, 3]).ToArray<uint>();
        Assert.Equal([2, 3, 4], JaxRandom.KeyData(JaxRandom.Split(key, [2, 3])).Shape);
        for (var i = 0; i < 6; i++)
            Assert.Equal([first[2 * i], first[2 * i + 1], second[2 * i], second[2 * i + 1]], split[(4 * i)..(4 * i + 4)]);
    }

    [Fact]
    public void Rbg_fold_in_folds_each_half_with_threefry()
    {
        var key = JaxRandom.WrapKeyData(Raw(1, 2, 3, 4), impl: "rbg");
        var folded = Words(JaxRandom.FoldIn(key, 99));
        Assert.Equal([.. JaxRandom.FoldIn(Raw(1, 2), 99).ToArray<uint>(), .. JaxRandom.FoldIn(Raw(3, 4), 99).ToArray<uint>()], folded);
        Assert.NotEqual(folded, Words(JaxRandom.FoldIn(key, 100)));
    }

    [Fact]
    public void Unsafe_split_takes_every_tenth_generated_key_and_fold_in_xors_bits_seeded_by_the_data()
    {
        var words = Raw(5, 6, 7, 8);
        var key = JaxRandom.WrapKeyData(words, impl: "unsafe_rbg");
        var (_, generated) = Jax.Lax.RngBitGenerator(words, [30, 4]);
        var rows = generated.ToArray<uint>();
        var split = JaxRandom.KeyData(JaxRandom.Split(key, 3)).ToArray<uint>();
        for (var i = 0; i < 3; i++) Assert.Equal(rows[(40 * i)..(40 * i + 4)], split[(4 * i)..(4 * i + 4)]);
        Assert.Equal([0, 4], JaxRandom.KeyData(JaxRandom.Split(key, 0)).Shape);

        var (_, mask) = Jax.Lax.RngBitGenerator(Raw(0, 9, 0, 9), [4]);
        var expected = words.ToArray<uint>().Zip(mask.ToArray<uint>(), (a, b) => a ^ b).ToArray();
        Assert.Equal(expected, Words(JaxRandom.FoldIn(key, 9)));
    }

    [Theory]
    [InlineData("rbg")]
    [InlineData("unsafe_rbg")]
    public void Bits_come_from_the_bit_generator_at_every_width(string impl)
    {
        var words = Raw(1, 2, 3, 4);
        var key = JaxRandom.WrapKeyData(words, impl);
        Assert.Equal(Jax.Lax.RngBitGenerator(words, [5]).Bits.ToArray<uint>(), JaxRandom.Bits(key, [5]).ToArray<uint>());
        Assert.Equal(Jax.Lax.RngBitGenerator(words, [7], DType.UInt8).Bits.ToArray<byte>(), JaxRandom.Bits(key, [7], DType.UInt8).ToArray<byte>());
        Assert.Equal(Jax.Lax.RngBitGenerator(words, [3], DType.UInt16).Bits.ToArray<ushort>(), JaxRandom.Bits(key, [3], DType.UInt16).ToArray<ushort>());
        var wide = JaxRandom.Bits(key, [3], DType.UInt64);
        Assert.Equal(DType.UInt64, wide.DType);
        Assert.Equal(Jax.Lax.RngBitGenerator(words, [3], DType.UInt64).Bits.ToArray<ulong>(), wide.ToArray<ulong>());
        Assert.Equal(wide.ToArray<ulong>().Select(v => (long)v), JaxRandom.Bits(key, [3], DType.Int64).ToArray<long>());
    }

    [Fact]
    public void Rng_bit_generator_packs_narrow_and_wide_types_from_the_same_blocks()
    {
        var key = Raw(9, 8, 7, 6);
        var (next32, u32) = Jax.Lax.RngBitGenerator(key, [6]);
        var words = u32.ToArray<uint>();
        var (next16, u16) = Jax.Lax.RngBitGenerator(key, [6], DType.UInt16);
        Assert.Equal(words.Select(w => (ushort)(w & 0xFFFF)), u16.ToArray<ushort>());
        var (next64, u64) = Jax.Lax.RngBitGenerator(key, [3], DType.UInt64);
        // Six uint32 values use three blocks (first words, then second words); three uint64 values use the same three.
        Assert.Equal(Enumerable.Range(0, 3).Select(i => ((ulong)words[i] << 32) | words[3 + i]), u64.ToArray<ulong>());
        Assert.Equal(next32.ToArray<uint>(), next16.ToArray<uint>());
        Assert.Equal(next32.ToArray<uint>(), next64.ToArray<uint>());
        Assert.Equal([9u, 8u, 7u, 9u], next64.ToArray<uint>());
        Assert.Throws<ArgumentException>(() => Jax.Lax.RngBitGenerator(key, [2], DType.Int32));
    }

    [Theory]
    [InlineData("rbg")]
    [InlineData("unsafe_rbg")]
    public void Samplers_draw_plausible_values_from_four_word_keys(string impl)
    {
        var key = JaxRandom.Key(3, impl);
        var u = JaxRandom.Uniform(key, [20000]).ToArray<float>();
        Assert.All(u, v => Assert.InRange(v, 0f, 1f - 1e-7f));
        Assert.InRange(u.Average(), 0.49, 0.51);
        var z = JaxRandom.Normal(key, [20000]).ToArray<float>();
        Assert.InRange(z.Average(), -0.03, 0.03);
        Assert.InRange(Math.Sqrt(z.Select(v => (double)v * v).Average()), 0.97, 1.03);
        var g = JaxRandom.Gamma(key, Jnp.Full([4000], 2f)).ToArray<float>();
        Assert.InRange(g.Average(), 1.9, 2.1);
        var permutation = JaxRandom.Permutation(key, 50).ToArray<int>();
        Assert.Equal(Enumerable.Range(0, 50), permutation.Order());
        Assert.NotEqual(Enumerable.Range(0, 50), permutation);
        var counts = JaxRandom.Binomial(key, Jnp.Full([2000], 10f), 0.3f).ToArray<float>();
        Assert.InRange(counts.Average(), 2.85, 3.15);
        var complexNormal = JaxRandom.Normal(key, [4], DType.Complex64);
        Assert.Equal([4], complexNormal.Shape);
        Assert.All(JaxRandom.Choice(key, 5, [100]).ToArray<int>(), v => Assert.InRange(v, 0, 4));
        Assert.All(JaxRandom.RandInt(key, [100], 2, 9).ToArray<int>(), v => Assert.InRange(v, 2, 8));
    }

    [Fact]
    public void Split_keys_are_distinct_and_draw_different_numbers()
    {
        foreach (var impl in new[] { "rbg", "unsafe_rbg" })
        {
            var keys = JaxRandom.KeyData(JaxRandom.Split(JaxRandom.Key(0, impl), 64)).ToArray<uint>();
            var distinct = Enumerable.Range(0, 64).Select(i => string.Join(",", keys[(4 * i)..(4 * i + 4)])).Distinct().Count();
            Assert.Equal(64, distinct);
            var (a, b) = JaxRandom.Split2(JaxRandom.Key(0, impl));
            Assert.NotEqual(JaxRandom.Bits(a, [8]).ToArray<uint>(), JaxRandom.Bits(b, [8]).ToArray<uint>());
        }
    }

    [Fact]
    public void Raw_keys_follow_the_configured_implementation()
    {
        var threefryDraw = JaxRandom.Normal(JaxRandom.PRNGKey(5), [3]).ToArray<float>();
        using (JaxRandom.Config.UsePrngImpl("rbg"))
        {
            Assert.Equal("rbg", JaxRandom.Config.PrngImpl);
            var raw = JaxRandom.PRNGKey(5);
            Assert.Equal([4], raw.Shape);
            var typed = JaxRandom.Key(5);
            Assert.Equal("rbg", JaxRandom.KeyImpl(typed));
            Assert.Equal(JaxRandom.Normal(typed, [6]).ToArray<float>(), JaxRandom.Normal(raw, [6]).ToArray<float>());
            Assert.Equal(Words(JaxRandom.Split(typed, 3)), JaxRandom.Split(raw, 3).ToArray<uint>());
            Assert.Equal(Words(JaxRandom.FoldIn(typed, 4)), JaxRandom.FoldIn(raw, 4).ToArray<uint>());
            var (first, _) = JaxRandom.Split2(raw);
            Assert.Equal([4], first.Shape);
            Assert.Equal(raw.ToArray<uint>(), JaxRandom.KeyData(raw).ToArray<uint>());
            // A threefry raw key is not an rbg key: refused, not reinterpreted.
            Assert.Contains("UsePrngImpl", Assert.Throws<ArgumentException>(() => JaxRandom.Normal(Raw(0, 5), [2])).Message);
            Assert.Throws<ArgumentException>(() => JaxRandom.KeyData(Raw(0, 5)));
            // Typed keys keep their own implementation whatever the setting.
            Assert.Equal(threefryDraw, JaxRandom.Normal(JaxRandom.Key(5, "threefry2x32"), [3]).ToArray<float>());
            Assert.Equal([2], JaxRandom.PRNGKey(5, "threefry2x32").Shape);
        }
        Assert.Equal("threefry2x32", JaxRandom.Config.PrngImpl);
        Assert.Contains("threefry2x32", Assert.Throws<ArgumentException>(() => JaxRandom.Normal(Raw(0, 0, 0, 5), [2])).Message);
    }

    [Fact]
    public void Unknown_implementations_and_mixed_keys_are_refused()
    {
        Assert.Contains("'unsafe_rbg'", Assert.Throws<ArgumentException>(() => JaxRandom.Key(0, impl: "philox")).Message);
        Assert.Throws<ArgumentException>(() => JaxRandom.PRNGKey(0, impl: "RBG"));
        Assert.Throws<ArgumentException>(() => JaxRandom.Config.UsePrngImpl("mt19937"));
        Assert.Throws<ArgumentException>(() => JaxRandom.Config.DefaultPrngImpl = "");
        Assert.Throws<ArgumentException>(() => JaxRandom.WrapKeyData(Raw(1, 2), impl: "rbg"));
        Assert.Throws<ArgumentException>(() => JaxRandom.WrapKeyData(Jnp.Zeros([4], DType.Int32), impl: "rbg"));
        var fry = JaxRandom.Split(JaxRandom.Key(0), 2);
        var rbg = JaxRandom.Split(JaxRandom.Key(0, "rbg"), 2);
        Assert.Throws<ArgumentException>(() => Jnp.Stack([fry, rbg]));
        Assert.Throws<ArgumentException>(() => Jnp.Concatenate([rbg, fry]));
        Assert.Throws<ArgumentException>(() => Jnp.Where(Jnp.Array(new[] { true, false }), fry, rbg));
        Assert.Throws<ArgumentException>(() => rbg.At[0].Set(fry[0]));
        Assert.Contains("key<rbg>", Assert.Throws<ArgumentException>(() => JaxRandom.Normal(rbg, [2])).Message);
    }

    [Fact]
    public void Jit_vmap_and_key_array_operations_keep_the_implementation()
    {
        var keys = JaxRandom.Split(JaxRandom.Key(1, "unsafe_rbg"), 4);
        var samples = Jax.Vmap((PRNGKeyArray k) => JaxRandom.Normal(k, [3]))(keys);
        for (var i = 0; i < 4; i++) Assert.Equal(JaxRandom.Normal(keys[i], [3]).ToArray<float>(), samples[i].ToArray<float>());
        var splits = Jax.Vmap((PRNGKeyArray k) => JaxRandom.Split(k, 2))(keys);
        Assert.Equal("key<urbg>", splits.DType.ToString());
        Assert.Equal(Words(JaxRandom.Split(keys[2], 2)), Words(splits[2]));

        var step = Jax.Jit((PRNGKeyArray k) => JaxRandom.Split(k, 3)[1]);
        var key = JaxRandom.Key(8, "rbg");
        var stepped = step(key);
        Assert.Equal("key<rbg>", stepped.DType.ToString());
        Assert.Equal(Words(JaxRandom.Split(key, 3)[1]), Words(stepped));
        Assert.Equal("PyTreeDef(key<rbg>(*))", Jax.TreeUtil.TreeStructure(key).ToString());
        Assert.NotEqual(Jax.TreeUtil.TreeStructure(key), Jax.TreeUtil.TreeStructure(JaxRandom.Key(8)));

        var seeds = Jax.Vmap((NDArray s) => JaxRandom.KeyData(JaxRandom.Key(s, "rbg")))(Jnp.Array(new[] { 1, 2 }));
        Assert.Equal([0u, 1u, 0u, 1u, 0u, 2u, 0u, 2u], seeds.ToArray<uint>());
        Assert.Equal([6], Jnp.Take(JaxRandom.Split(key, [2, 3]), Jnp.Arange(6)).Shape);
        Assert.Equal("key<rbg>", JaxRandom.Split(key, [2, 3]).Reshape(6).DType.ToString());
    }

    [Fact]
    public void Threefry_bits_of_sixteen_and_sixty_four_bits_are_the_truncated_and_joined_words()
    {
        var key = JaxRandom.Key(12);
        var words = JaxRandom.Bits(key, [5]).ToArray<uint>();
        Assert.Equal(words.Select(w => (ushort)w), JaxRandom.Bits(key, [5], DType.UInt16).ToArray<ushort>());
        Assert.Equal(JaxRandom.Bits(key, [5], DType.Int64).ToArray<long>().Select(v => (ulong)v),
            JaxRandom.Bits(key, [5], DType.UInt64).ToArray<ulong>());
        Assert.Throws<ArgumentException>(() => JaxRandom.Bits(key, [2], DType.Int32));
    }
}
