using JaxRandom = JaxNet.Jax.Random;

namespace JaxNet.Tests.Api;

/// <summary>
/// Typed key arrays act on their key shape as JAX's do: indexing, reshape, stack and concatenate keep the words
/// axis last and whole, and Jit, Vmap and loops take and return typed keys.
/// </summary>
public class RandomTypedKeyShapeTests
{
    private static uint[] Words(PRNGKeyArray keys) => JaxRandom.KeyData(keys).ToArray<uint>();

    private static uint[] Row(NDArray words, int i) => words[i].ToArray<uint>();

    [Fact]
    public void Indexing_and_reshape_act_on_the_key_axes()
    {
        var keys = JaxRandom.Split(JaxRandom.Key(1), 6);
        var raw = JaxRandom.KeyData(keys);
        Assert.Equal([], keys[2].Shape);
        Assert.Equal(Row(raw, 2), Words(keys[2]));
        Assert.Equal(Row(raw, 5), Words(keys[^1]));
        Assert.Equal([3], keys[1..4].Shape);
        Assert.Equal(raw[1..4].ToArray<uint>(), Words(keys[1..4]));
        Assert.Equal([2], keys[new[] { 0, 5 }].Shape);
        Assert.Equal([.. Row(raw, 0), .. Row(raw, 5)], Words(keys[new[] { 0, 5 }]));
        Assert.Equal([2], keys[new[] { true, false, false, true, false, false }].Shape);
        var grid = keys.Reshape(2, 3);
        Assert.Equal([2, 3], grid.Shape);
        Assert.Equal(Row(raw, 5), Words(grid[1, 2]));
        Assert.Equal([2], grid[IndexItem.Ellipsis, 0].Shape);
        Assert.Equal(Row(raw, 3), Words(grid[IndexItem.Ellipsis, 0][1]));
        Assert.Equal([1, 3], grid[IndexItem.NewAxis, 1].Shape);
        Assert.Equal([3, 2], Jnp.Reshape(keys, -1, 2).Shape);
        Assert.Throws<ShapeException>(() => keys.Reshape(4));
    }

    [Fact]
    public void Stack_and_concatenate_join_key_arrays_along_key_axes()
    {
        var a = JaxRandom.Split(JaxRandom.Key(1), 3);
        var b = JaxRandom.Split(JaxRandom.Key(2), 3);
        var stacked = Jnp.Stack([a, b]);
        Assert.Equal([2, 3], stacked.Shape);
        Assert.Equal(Words(b[2]), Words(stacked[1, 2]));
        var last = Jnp.Stack([a, b], axis: -1);
        Assert.Equal([3, 2], last.Shape);
        Assert.Equal(Words(a[2]), Words(last[2, 0]));
        Assert.Equal([2], Jnp.Stack([JaxRandom.Key(0), JaxRandom.Key(1)]).Shape);
        var joined = Jnp.Concatenate([a, b]);
        Assert.Equal([6], joined.Shape);
        Assert.Equal(Words(b[0]), Words(joined[3]));
        Assert.Throws<ArgumentException>(() => Jnp.Stack(Array.Empty<PRNGKeyArray>()));
        Assert.Throws<ArgumentException>(() => Jnp.Concatenate([JaxRandom.Key(0), JaxRandom.Key(1)]));
        Assert.Throws<ShapeException>(() => Jnp.Stack([a, JaxRandom.Key(0)]));
        Assert.ThrowsAny<Exception>(() => Jnp.Concatenate([a, b], axis: 1));
    }

    [Fact]
    public void Jit_takes_and_returns_typed_keys()
    {
        var step = Jax.Jit((PRNGKeyArray key) =>
        {
            var (next, sub) = JaxRandom.Split2(key);
            return (next, JaxRandom.Normal(sub, [3]));
        });
        var (nextKey, sample) = step(JaxRandom.Key(0));
        var (eagerNext, eagerSub) = JaxRandom.Split2(JaxRandom.Key(0));
        Assert.Equal([], nextKey.Shape);
        Assert.Equal(Words(eagerNext), Words(nextKey));
        Assert.Equal(JaxRandom.Normal(eagerSub, [3]).ToArray<float>(), sample.ToArray<float>());
        var split = Jax.Jit((PRNGKeyArray key) => JaxRandom.Split(key, 4));
        Assert.Equal([4], split(JaxRandom.Key(9)).Shape);
        Assert.Equal(JaxRandom.Split(JaxRandom.PRNGKey(9), 4).ToArray<uint>(), Words(split(JaxRandom.Key(9))));
        var wrapped = Jax.Jit((NDArray w) => JaxRandom.WrapKeyData(w));
        Assert.Equal([], wrapped(JaxRandom.PRNGKey(4)).Shape);
    }

    [Fact]
    public void Vmap_maps_samplers_split_and_fold_in_over_a_batch_of_keys()
    {
        var keys = JaxRandom.Split(JaxRandom.Key(0), 5);
        var samples = Jax.Vmap((PRNGKeyArray k) => JaxRandom.Normal(k, [3]))(keys);
        Assert.Equal([5, 3], samples.Shape);
        Assert.Equal(JaxRandom.Normal(keys[3], [3]).ToArray<float>(), samples[3].ToArray<float>());
        var splits = Jax.Vmap((PRNGKeyArray k) => JaxRandom.Split(k, 2))(keys);
        Assert.Equal([5, 2], splits.Shape);
        Assert.Equal(Words(JaxRandom.Split(keys[4], 2)), Words(splits[4]));
        var folded = Jax.Vmap(((PRNGKeyArray Key, NDArray Data) a) => JaxRandom.FoldIn(a.Key, a.Data))((keys, Jnp.Arange(5)));
        Assert.Equal([5], folded.Shape);
        Assert.Equal(Words(JaxRandom.FoldIn(keys[2], 2)), Words(folded[2]));
        var fromSeeds = Jax.Vmap((NDArray seed) => JaxRandom.Key(seed))(Jnp.Arange(4));
        Assert.Equal([4], fromSeeds.Shape);
        Assert.Equal([0u, 0u, 0u, 1u, 0u, 2u, 0u, 3u], Words(fromSeeds));
    }

    [Fact]
    public void Vmap_counts_negative_axes_over_the_key_axes()
    {
        var grid = JaxRandom.Split(JaxRandom.Key(3), [2, 3]);
        var lastAxis = Jax.Vmap((PRNGKeyArray k) => Jnp.Stack([JaxRandom.Bits(k[0]), JaxRandom.Bits(k[1])]), inAxes: -1)(grid);
        Assert.Equal([3, 2], lastAxis.Shape);
        Assert.Equal(JaxRandom.Bits(grid[1, 2]).ToArray<uint>(), lastAxis[2, 1].ToArray<uint>());
        var splits = Jax.Vmap((PRNGKeyArray k) => JaxRandom.Split(k, 4), outAxes: -1)(grid[0]);
        Assert.Equal([4, 3], splits.Shape);
        Assert.Equal(Words(JaxRandom.Split(grid[0, 2], 4)[1]), Words(splits[1, 2]));
        var rows = Jax.Vmap((PRNGKeyArray k) => JaxRandom.Split(k, 4), outAxes: -2)(grid[0]);
        Assert.Equal([3, 4], rows.Shape);
    }

    [Fact]
    public void Loops_and_branches_carry_typed_keys()
    {
        var key = Jax.Lax.ForiLoop(0, 3, (i, k) => JaxRandom.Split(k)[0], JaxRandom.Key(0));
        var expected = JaxRandom.Key(0);
        for (var i = 0; i < 3; i++) expected = JaxRandom.Split(expected)[0];
        Assert.Equal([], key.Shape);
        Assert.Equal(Words(expected), Words(key));
        var (last, draws) = Jax.Lax.Scan((PRNGKeyArray k, NDArray x) =>
        {
            var (next, sub) = JaxRandom.Split2(k);
            return (next, JaxRandom.Normal(sub) + x);
        }, JaxRandom.Key(0), Jnp.Zeros([3]));
        Assert.Equal([3], draws.Shape);
        var (after1, sub1) = JaxRandom.Split2(JaxRandom.Key(0));
        Assert.Equal(JaxRandom.Normal(sub1).ToArray<float>(), draws[0].ToArray<float>());
        Assert.Equal(Words(JaxRandom.Split2(JaxRandom.Split2(after1).Item1).Item1), Words(last));
        var chosen = Jax.Lax.Cond(Jnp.Array(false), k => JaxRandom.Split(k)[0], k => JaxRandom.FoldIn(k, 1), JaxRandom.Key(2));
        Assert.Equal(Words(JaxRandom.FoldIn(JaxRandom.Key(2), 1)), Words(chosen));
    }
}
