namespace JaxNet.Tests.Api;

/// <summary>jax.tree: TreeUtil's functions under their new names, and reductions over leaves.</summary>
public class TreeModuleTests
{
    private sealed record Layer(NDArray W, NDArray B);

    [Fact]
    public void MapLeavesStructureAndRoundTrip()
    {
        var layer = new Layer(Jnp.Ones([2, 2]), Jnp.Array(new[] { 1f, 2f }));
        var doubled = Jax.Tree.Map(x => x * 2f, layer);
        Assert.Equal(new[] { 2f, 4f }, doubled.B.ToArray<float>());
        var summed = Jax.Tree.Map((x, y) => x + y, layer, doubled);
        Assert.Equal(new[] { 3f, 6f }, summed.B.ToArray<float>());
        Assert.Equal(2, Jax.Tree.Leaves(layer).Count);
        Assert.Equal(Jax.TreeUtil.TreeStructure(layer), Jax.Tree.Structure(doubled));
        var (leaves, def) = Jax.Tree.Flatten(layer);
        Assert.Equal(layer.B.ToArray<float>(), Jax.Tree.Unflatten<Layer>(def, leaves).B.ToArray<float>());
    }

    [Fact]
    public void ReduceAndAll()
    {
        var tree = (Jnp.Array(1f), new[] { Jnp.Array(2f), Jnp.Array(4f) });
        Assert.Equal(7f, Jax.Tree.Reduce((a, b) => a + b, tree).Item<float>());
        Assert.Equal(3, Jax.Tree.Reduce((int n, NDArray _) => n + 1, tree, 0));
        Assert.Equal(0, Jax.Tree.Reduce((int n, NDArray _) => n + 1, Array.Empty<NDArray>(), 0));
        Assert.Throws<ArgumentException>(() => Jax.Tree.Reduce((a, b) => a + b, Array.Empty<NDArray>()));
        Assert.True(Jax.Tree.All((Jnp.Array(true), Jnp.Ones([3]))));
        Assert.False(Jax.Tree.All((Jnp.Array(true), Jnp.Array(new[] { 1f, 0f }))));
        Assert.True(Jax.Tree.All(Array.Empty<NDArray>()));
    }
}
