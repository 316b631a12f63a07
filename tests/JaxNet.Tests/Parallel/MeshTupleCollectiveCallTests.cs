using JaxNet.Abstractions;

namespace JaxNet.Tests.Parallel;

/// <summary>
/// What a 2 x 4 mesh of cpu devices asks of the backend: a collective over a tuple of axes is one call of the backend's
/// collectives over all the devices of its group, not one per axis; over one axis, one call per group.
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
}
