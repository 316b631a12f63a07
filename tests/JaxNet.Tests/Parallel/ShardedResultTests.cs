using JaxNet.Parallel;

namespace JaxNet.Tests.Parallel;

/// <summary>
/// pmap's results stay on their devices, row d on member d's device, as JAX's sharded arrays: a pmap over the same
/// devices takes the rows where they are, x[d] is row d without a copy, and anything else reads the rows stacked.
/// </summary>
public class ShardedResultTests(FourCpuDevices cpu) : IClassFixture<FourCpuDevices>
{
    private static readonly NDArray Rows = Jnp.Arange(8).Astype(DType.Float32).Reshape([4, 2]);

    private IReadOnlyList<Device> Devices => cpu.Devices;

    [Fact]
    public void ResultRowsStayOnTheirDevicesAndReadAsOneArray()
    {
        var y = Jax.Pmap(v => v * 2f, "i", Devices)(Rows);
        var rows = Assert.IsAssignableFrom<IReadOnlyList<NDArray>>(y.Shards);
        Assert.Equal(Devices, rows.Select(r => r.Device));
        Assert.Equal(Devices[0], y.Device);
        Assert.Equal([0f, 2f, 4f, 6f, 8f, 10f, 12f, 14f], y.ToArray<float>());
        Assert.Equal([8f, 10f], y[2].ToArray<float>());
        Assert.Equal(Devices[2], y[2].Device);
        // Whole-array ops and Jit read the stacked rows.
        Assert.Equal(56f, Jnp.Sum(y).Item<float>());
    }

    [Fact]
    public void APmapOverTheSameDevicesTakesEachRowWhereItIs()
    {
        var y = Jax.Pmap(v => v + 1f, "i", Devices)(Rows);
        for (var d = 0; d < 4; d++) Assert.Same(y.Shards![d], PmapFunction.Slice(y, d, Devices[d]));
        var z = Jax.Pmap(v => Jax.Lax.Psum(v, "i"), "i", Devices)(y);
        Assert.Equal(Enumerable.Repeat(new[] { 16f, 20f }, 4).SelectMany(r => r), z.ToArray<float>());
    }

    [Fact]
    public void DevicePutReplicatedPutsACopyOnEveryDevice()
    {
        var w = Jnp.Array(new[] { 1f, -1f });
        var replicated = Jax.DevicePutReplicated(w, Devices);
        Assert.Equal([4, 2], replicated.Shape);
        Assert.Equal(Devices, replicated.Shards!.Select(r => r.Device));
        // Replicated parameters mapped along axis 0: each member gets its copy, with no copy per call.
        var y = Jax.Pmap((p, x) => x * p, "i", [0, 0], Devices)(replicated, Rows);
        Assert.Equal([0f, -1f, 2f, -3f, 4f, -5f, 6f, -7f], y.ToArray<float>());
        replicated.Dispose();
        Assert.Equal([1f, -1f], w.ToArray<float>());
        Assert.Throws<ArgumentException>(() => Jax.DevicePutReplicated(w, []));
    }

    [Fact]
    public void DisposingAShardedResultFreesItsRows()
    {
        var y = Jax.Pmap(v => v * 3f, "i", Devices)(Rows);
        var row = y.Shards![1];
        y.Dispose();
        Assert.Throws<ObjectDisposedException>(() => row.ToArray<float>());
    }
}
