using JaxNet.Abstractions;
using JaxNet.Parallel;

namespace JaxNet.Tests.Parallel;

/// <summary>
/// What a 2 x 4 mesh of cpu devices asks of the backend: a collective over a tuple of axes is one call of the backend's
/// collectives over all the devices of its group, not one per axis; over one axis, one call per group. And a
/// shard_map argument split over one axis reaches the devices along the other as shared blocks, not as a broadcast
/// of every device's copy.
/// </summary>
public sealed class MeshTupleCollectiveCallTests(EightCountedCpuDevices cpu) : IClassFixture<EightCountedCpuDevices>
{
    private Mesh Mesh => new(cpu.Devices, [2, 4], ["data", "model"]);

    private static readonly PartitionSpec PerDevice = new("data", "model");

    private IReadOnlyList<(CollectiveKind Kind, int Devices)> CallsOf(Func<NDArray, NDArray> f, PartitionSpec outSpec, NDArray x)
    {
        var mapped = Jax.ShardMap(f, Mesh, PerDevice, outSpec);
        mapped(x).ToArray<float>();
        cpu.Counted.Reset();
        mapped(x).ToArray<float>();
        return cpu.Counted.Calls;
    }

    [Fact]
    public void ATupleOfAxesIsOneCollectiveOverItsGroup()
    {
        var x = Jnp.Arange(8 * 3).Astype(DType.Float32).Reshape([2, 4, 3]);
        Assert.Equal([(CollectiveKind.AllReduce, 8)], CallsOf(v => Jax.Lax.Psum(v, ("data", "model")), new PartitionSpec(), x));
        Assert.Equal([(CollectiveKind.AllReduce, 8)], CallsOf(v => Jax.Lax.Pmax(v, ("model", "data")), new PartitionSpec(), x));
        Assert.Equal([(CollectiveKind.AllGather, 8)], CallsOf(v => Jax.Lax.AllGather(v, ("data", "model")), new PartitionSpec(), x));
        var ring = Enumerable.Range(0, 8).Select(i => (i, (i + 1) % 8)).ToArray();
        Assert.Equal([(CollectiveKind.Permute, 8)], CallsOf(v => Jax.Lax.Ppermute(v, ("model", "data"), ring), PerDevice, x));
        var wide = Jnp.Arange(8 * 8).Astype(DType.Float32).Reshape([2, 4, 8]);
        Assert.Equal([(CollectiveKind.AllToAll, 8)], CallsOf(v => Jax.Lax.AllToAll(v, ("data", "model"), 2, 2, tiled: true), PerDevice, wide));
        Assert.Equal([(CollectiveKind.ReduceScatter, 8)], CallsOf(v => Jax.Lax.PsumScatter(v, ("data", "model"), 2, tiled: true), PerDevice, wide));
        // Over one axis of the two: one call per group, two groups of four along 'model'.
        Assert.Equal([(CollectiveKind.AllReduce, 4), (CollectiveKind.AllReduce, 4)],
            CallsOf(v => Jax.Lax.Psum(v, "model"), new PartitionSpec("data", null), x));
        // A tuple of one axis is that axis.
        Assert.Equal([(CollectiveKind.AllReduce, 2), (CollectiveKind.AllReduce, 2), (CollectiveKind.AllReduce, 2), (CollectiveKind.AllReduce, 2)],
            CallsOf(v => Jax.Lax.Psum(v, new AxisNames("data")), new PartitionSpec(null, "model"), x));
    }

    [Fact]
    public void AnArgumentSplitOverOneAxisIsCutOncePerBlock()
    {
        var x = Jnp.Arange(2 * 3).Astype(DType.Float32).Reshape([2, 3]);
        var rows = new ShardLayout(Mesh, new PartitionSpec("data", null), "test").Scatter(x, "x");
        Assert.Equal([8, 1, 3], rows.Shape);
        var shards = rows.Shards ?? throw new Xunit.Sdk.XunitException("the rows were stacked on one device");
        for (var member = 0; member < 8; member++)
        {
            Assert.Equal(Mesh.Devices[member], shards[member].ResidentDevice);
            var d = member / 4;
            Assert.Equal(new[] { 3f * d, 3f * d + 1, 3f * d + 2 }, shards[member].ToArray<float>());
        }
        // Split over 'model' only: device (d, m) holds column block m whatever d.
        var columns = new ShardLayout(Mesh, new PartitionSpec(null, "model"), "test").Scatter(Jnp.Arange(2 * 8).Astype(DType.Float32).Reshape([2, 8]), "x");
        for (var member = 0; member < 8; member++)
        {
            var m = member % 4;
            Assert.Equal(new[] { 2f * m, 2f * m + 1, 8 + 2f * m, 8 + 2f * m + 1 }, columns.Shards![member].ToArray<float>());
        }
        // Traced, the rows stay one array for the xla_pmap equation to split.
        Jax.Jit((NDArray v) =>
        {
            Assert.Null(new ShardLayout(Mesh, new PartitionSpec("data", null), "test").Scatter(v, "x").Shards);
            return v;
        })(x);
    }
}
