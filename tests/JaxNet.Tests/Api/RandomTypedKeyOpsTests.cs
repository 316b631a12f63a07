using JaxRandom = JaxNet.Jax.Random;

namespace JaxNet.Tests.Api;

/// <summary>
/// jnp.where, jnp.take and .at[] on typed key arrays give the keys that the same operation on their words gives,
/// each key's two words moving together.
/// </summary>
public class RandomTypedKeyOpsTests
{
    private static uint[] Words(PRNGKeyArray keys) => JaxRandom.KeyData(keys).ToArray<uint>();

    private static uint[] Key(NDArray words, int i) => words[i].ToArray<uint>();

    [Fact]
    public void Where_picks_whole_keys_and_broadcasts_over_key_axes()
    {
        var a = JaxRandom.Split(JaxRandom.Key(1), 4);
        var b = JaxRandom.Split(JaxRandom.Key(2), 4);
        var (wa, wb) = (JaxRandom.KeyData(a), JaxRandom.KeyData(b));
        var picked = Jnp.Where(Jnp.Array(new[] { true, false, false, true }), a, b);
        Assert.Equal([4], picked.Shape);
        Assert.Equal([.. Key(wa, 0), .. Key(wb, 1), .. Key(wb, 2), .. Key(wa, 3)], Words(picked));
        // One key against a batch, and a rank-0 condition.
        var one = JaxRandom.Key(3);
        Assert.Equal([.. Key(wa, 0), .. Words(one), .. Words(one), .. Key(wa, 3)],
            Words(Jnp.Where(Jnp.Array(new[] { true, false, false, true }), a, one)));
        Assert.Equal(Words(b), Words(Jnp.Where(Jnp.Array(false), a, b)));
        var condition = Jnp.Array(new[] { true, false, false, true });
        var jitted = Jax.Jit((PRNGKeyArray x) => Jnp.Where(condition, x, b));
        Assert.Equal(Words(picked), Words(jitted(a)));
    }

    [Fact]
    public void Where_refuses_a_condition_that_is_not_bool_and_key_shapes_that_do_not_broadcast()
    {
        var a = JaxRandom.Split(JaxRandom.Key(1), 4);
        Assert.Throws<ArgumentException>(() => Jnp.Where(Jnp.Array(new[] { 1, 0, 0, 1 }), a, a));
        Assert.Throws<ShapeException>(() => Jnp.Where(Jnp.Array(new[] { true, false, true }), a, a));
    }

    [Fact]
    public void Take_follows_the_words_along_a_key_axis_or_the_flattened_keys()
    {
        var grid = JaxRandom.Split(JaxRandom.Key(5), 6).Reshape(2, 3);
        var flat = JaxRandom.KeyData(grid.Reshape(6));
        var taken = Jnp.Take(grid, Jnp.Array(new[] { 5, 0 }));
        Assert.Equal([2], taken.Shape);
        Assert.Equal([.. Key(flat, 5), .. Key(flat, 0)], Words(taken));
        var columns = Jnp.Take(grid, Jnp.Array(new[] { 2, 2, 1 }), axis: -1);
        Assert.Equal([2, 3], columns.Shape);
        Assert.Equal(Words(grid[IndexItem.Ellipsis, 2]), Words(columns[IndexItem.Ellipsis, 0]));
        // Out of range: clamped with Clip; with Fill the key's words are uint32's fill.
        Assert.Equal(Key(flat, 5), Words(Jnp.Take(grid, Jnp.Array(new[] { 9 }), mode: TakeMode.Clip)));
        Assert.Equal([uint.MaxValue, uint.MaxValue], Words(Jnp.Take(grid, Jnp.Array(new[] { 9 }))));
        Assert.Throws<ShapeException>(() => Jnp.Take(grid, Jnp.Array(new[] { 0 }), axis: 2));
    }

    [Fact]
    public void At_set_replaces_whole_keys_and_leaves_the_array_unchanged()
    {
        var keys = JaxRandom.Split(JaxRandom.Key(7), 4);
        var before = Words(keys);
        var fresh = JaxRandom.Key(8);
        var updated = keys.At[new[] { 1, 3 }].Set(fresh);
        Assert.Equal(before, Words(keys));
        var raw = JaxRandom.KeyData(keys);
        Assert.Equal([.. Key(raw, 0), .. Words(fresh), .. Key(raw, 2), .. Words(fresh)], Words(updated));
        Assert.Equal(Words(keys[2]), Words(keys.At[2].Get()));
        // Dropped out of range by default, clamped on request; and the same under Jit.
        Assert.Equal(before, Words(keys.At[7].Set(fresh)));
        Assert.Equal([.. before[..6], .. Words(fresh)], Words(keys.At[7].Set(fresh, TakeMode.Clip)));
        var jitted = Jax.Jit((PRNGKeyArray k) => k.At[new[] { 1, 3 }].Set(fresh));
        Assert.Equal(Words(updated), Words(jitted(keys)));
        Assert.Throws<ShapeException>(() => keys.At[1..3].Set(JaxRandom.Split(JaxRandom.Key(9), 3)));
    }
}
