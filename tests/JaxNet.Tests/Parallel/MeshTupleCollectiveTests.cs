using JaxNet.Testing;

namespace JaxNet.Tests.Parallel;

/// <summary>
/// Collectives over a tuple of mesh axes, ('data', 'model') and ('model', 'data'), each one collective over the group
/// of devices spanning both: members numbered row-major over the tuple in the order given, as JAX numbers them. Each is
/// checked against values computed here by hand and against the same collective composed from one-axis ones. Written
/// once and run per backend.
/// </summary>
public abstract class MeshTupleCollectiveTests(DeviceFixture fixture)
{
    protected Mesh Mesh
    {
        get
        {
            if (fixture.Unavailable is { } reason) Skip.If(true, reason);
            var devices = fixture.Devices;
            return devices.Count == 8 ? new Mesh(devices, [2, 4], ["data", "model"]) : new Mesh(devices, [2, 2], ["data", "model"]);
        }
    }

    private int D => Mesh.AxisSize("data");

    private int M => Mesh.AxisSize("model");

    private int N => D * M;

    private static readonly PartitionSpec PerDevice = new("data", "model");

    private static readonly PartitionSpec Flat = new(("data", "model"));

    /// <summary>Device (d, m)'s index over the tuple: d·M + m over ('data', 'model'), m·D + d over ('model', 'data').</summary>
    private int IndexOver(AxisNames axes, int d, int m) => axes.Names[0] == "data" ? d * M + m : m * D + d;

    private static readonly AxisNames[] BothOrders = [("data", "model"), ("model", "data")];

    /// <summary>[D, M, 3] values, device (d, m)'s block x[d, m, :] of [1, 1, 3].</summary>
    private static float[] Values(int d, int m) =>
        Enumerable.Range(0, d * m * 3).Select(i => (i % 7 - 3) * 0.5f + i % 5 * 0.125f).ToArray();

    [SkippableFact]
    public void ReductionsOverATupleMatchTheOneAxisComposition()
    {
        var xs = Values(D, M);
        var x = Jnp.Array(xs).Reshape([D, M, 3]);
        foreach (var axes in BothOrders)
        {
            var sum = Jax.ShardMap(v => Jax.Lax.Psum(v, axes), Mesh, PerDevice, new PartitionSpec())(x).ToArray<float>();
            var composed = Jax.ShardMap(v => Jax.Lax.Psum(Jax.Lax.Psum(v, "model"), "data"), Mesh, PerDevice, new PartitionSpec())(x).ToArray<float>();
            var expected = Enumerable.Range(0, 3).Select(j => Enumerable.Range(0, D * M).Sum(b => xs[b * 3 + j])).ToArray();
            FloatAssert.Close(expected, sum);
            FloatAssert.Close(composed, sum);
            var max = Jax.ShardMap(v => Jax.Lax.Pmax(v, axes), Mesh, PerDevice, new PartitionSpec())(x).ToArray<float>();
            Assert.Equal(Enumerable.Range(0, 3).Select(j => Enumerable.Range(0, D * M).Max(b => xs[b * 3 + j])), max);
            var min = Jax.ShardMap(v => Jax.Lax.Pmin(v, axes), Mesh, PerDevice, new PartitionSpec())(x).ToArray<float>();
            Assert.Equal(Enumerable.Range(0, 3).Select(j => Enumerable.Range(0, D * M).Min(b => xs[b * 3 + j])), min);
            var mean = Jax.ShardMap(v => Jax.Lax.Pmean(v, axes), Mesh, PerDevice, new PartitionSpec())(x).ToArray<float>();
            FloatAssert.Close(expected.Select(s => s / (D * M)).ToArray(), mean);
        }
    }

    [SkippableFact]
    public void AxisIndexAndAllGatherNumberTheMembersRowMajorOverTheTuple()
    {
        var xs = Values(D, M);
        var x = Jnp.Array(xs).Reshape([D, M, 3]);
        foreach (var axes in BothOrders)
        {
            var index = Jax.ShardMap(v => v * 0f + Jax.Lax.AxisIndex(axes).Astype(DType.Float32), Mesh, PerDevice, PerDevice)(x).ToArray<float>();
            for (var d = 0; d < D; d++)
                for (var m = 0; m < M; m++)
                    Assert.Equal(IndexOver(axes, d, m), index[(d * M + m) * 3]);
            // Tiled along the block's last axis: member i's three values at columns 3i to 3i + 2, on every device.
            var gathered = Jax.ShardMap(v => Jax.Lax.AllGather(v, axes, axis: 2, tiled: true), Mesh, PerDevice, new PartitionSpec())(x);
            Assert.Equal([1, 1, 3 * N], gathered.Shape);
            var g = gathered.ToArray<float>();
            for (var d = 0; d < D; d++)
                for (var m = 0; m < M; m++)
                    for (var j = 0; j < 3; j++)
                        Assert.Equal(xs[(d * M + m) * 3 + j], g[IndexOver(axes, d, m) * 3 + j]);
        }
        // The one-axis composition (the last axis gathered first) stacks the same way.
        var composed = Jax.ShardMap(v => Jax.Lax.Reshape(Jax.Lax.AllGather(Jax.Lax.AllGather(v, "model"), "data"), [N, 1, 1, 3]), Mesh,
            PerDevice, new PartitionSpec())(x);
        var stacked = Jax.ShardMap(v => Jax.Lax.AllGather(v, ("data", "model")), Mesh, PerDevice, new PartitionSpec())(x);
        Assert.Equal(composed.ToArray<float>(), stacked.ToArray<float>());
    }

    [SkippableFact]
    public void PpermuteOverATuplePairsLinearIndices()
    {
        var xs = Values(D, M);
        var x = Jnp.Array(xs).Reshape([D, M, 3]);
        foreach (var axes in BothOrders)
        {
            // A ring over all N members, except that member 0 sends to nobody: member 1 gets zeros.
            var ring = Enumerable.Range(1, N - 1).Select(i => (i, (i + 1) % N)).ToArray();
            var shifted = Jax.ShardMap(v => Jax.Lax.Ppermute(v, axes, ring), Mesh, PerDevice, PerDevice)(x).ToArray<float>();
            var blockOf = new int[N];
            for (var d = 0; d < D; d++)
                for (var m = 0; m < M; m++)
                    blockOf[IndexOver(axes, d, m)] = d * M + m;
            for (var i = 0; i < N; i++)
                for (var j = 0; j < 3; j++)
                    Assert.Equal(i == 1 ? 0f : xs[blockOf[(i + N - 1) % N] * 3 + j], shifted[blockOf[i] * 3 + j]);
        }
        // Over ('data', 'model') a shift by M is a ring along 'data': the one-axis ppermute does the same.
        var byRows = Enumerable.Range(0, N).Select(i => (i, (i + M) % N)).ToArray();
        var alongData = Enumerable.Range(0, D).Select(d => (d, (d + 1) % D)).ToArray();
        Assert.Equal(Jax.ShardMap(v => Jax.Lax.Ppermute(v, "data", alongData), Mesh, PerDevice, PerDevice)(x).ToArray<float>(),
            Jax.ShardMap(v => Jax.Lax.Ppermute(v, ("data", "model"), byRows), Mesh, PerDevice, PerDevice)(x).ToArray<float>());
    }

    [SkippableFact]
    public void AllToAllOverATupleExchangesChunksBetweenAllMembers()
    {
        foreach (var axes in BothOrders)
        {
            // Member i's chunk j is 100 i + j; after the exchange member i holds chunk i of every member j: 100 j + i.
            var exchanged = Jax.ShardMap(v => Jax.Lax.AllToAll(v + Jax.Lax.AxisIndex(axes).Astype(DType.Float32) * 100f, axes, 0, 0), Mesh,
                new PartitionSpec(), Flat)(Jnp.Arange(N).Astype(DType.Float32)).ToArray<float>();
            // The result's spec joins the devices' blocks in ('data', 'model') order.
            for (var d = 0; d < D; d++)
                for (var m = 0; m < M; m++)
                    for (var j = 0; j < N; j++)
                        Assert.Equal(100f * j + IndexOver(axes, d, m), exchanged[(d * M + m) * N + j]);
        }
    }

    [SkippableFact]
    public void PsumScatterOverATupleKeepsEachMembersPartOfTheSum()
    {
        foreach (var axes in BothOrders)
        {
            // Member i's value at j is 10 i + j; the sum at j is 10 N (N - 1) / 2 + N j, and member i keeps part i.
            var scatter = Jax.ShardMap(v => Jax.Lax.PsumScatter(v + Jax.Lax.AxisIndex(axes).Astype(DType.Float32) * 10f, axes, tiled: true), Mesh,
                new PartitionSpec(), Flat)(Jnp.Arange(N).Astype(DType.Float32)).ToArray<float>();
            for (var d = 0; d < D; d++)
                for (var m = 0; m < M; m++)
                    Assert.Equal(10f * N * (N - 1) / 2 + N * IndexOver(axes, d, m), scatter[d * M + m]);
            // The same as the whole psum over the tuple, sliced at the member's index over it.
            var sliced = Jax.ShardMap(v =>
                {
                    var sum = Jax.Lax.Psum(v + Jax.Lax.AxisIndex(axes).Astype(DType.Float32) * 10f, axes);
                    return Jax.Lax.DynamicSlice(sum, [Jax.Lax.AxisIndex(axes)], [1]);
                }, Mesh, new PartitionSpec(), Flat)(Jnp.Arange(N).Astype(DType.Float32)).ToArray<float>();
            Assert.Equal(sliced, scatter);
        }
    }

    [SkippableFact]
    public void GradientsThroughCollectivesOverATuple()
    {
        var xs = Values(D, M);
        var x = Jnp.Array(xs).Reshape([D, M, 3]);
        var weights = Jnp.Arange(D * M * 3).Astype(DType.Float32).Reshape([D, M, 3]);
        var ws = weights.ToArray<float>();
        // sum(w * ppermute(x)): member t's w reaches back to its source's x.
        var ring = Enumerable.Range(0, N).Select(i => (i, (i + 1) % N)).ToArray();
        var permute = Jax.ShardMap(v => Jax.Lax.Ppermute(v, ("model", "data"), ring), Mesh, PerDevice, PerDevice);
        var grad = Jax.Grad((NDArray v) => Jnp.Sum(permute(v) * weights))(x).ToArray<float>();
        var blockOf = new int[N];
        for (var d = 0; d < D; d++)
            for (var m = 0; m < M; m++)
                blockOf[IndexOver(("model", "data"), d, m)] = d * M + m;
        for (var i = 0; i < N; i++)
            for (var j = 0; j < 3; j++)
                Assert.Equal(ws[blockOf[(i + 1) % N] * 3 + j], grad[blockOf[i] * 3 + j]);
        // sum(w * psum(x)) over both: every x's gradient is the sum of all members' w.
        var psum = Jax.ShardMap(v => Jax.Lax.Psum(v, ("data", "model")), Mesh, PerDevice, PerDevice);
        var total = Enumerable.Range(0, 3).Select(j => Enumerable.Range(0, N).Sum(b => ws[b * 3 + j])).ToArray();
        FloatAssert.Close(Enumerable.Range(0, N * 3).Select(i => total[i % 3]).ToArray(),
            Jax.Grad((NDArray v) => Jnp.Sum(psum(v) * weights))(x).ToArray<float>());
        // all_gather's transpose is psum_scatter's forward, and the reverse: the gradients of the two agree with the
        // members' weights summed (gather) or sliced (scatter).
        var gather = Jax.ShardMap(v => Jax.Lax.AllGather(v, ("model", "data"), axis: 2, tiled: true), Mesh, PerDevice, PerDevice);
        var gatherWeights = Jnp.Arange(D * M * 3 * N).Astype(DType.Float32).Reshape([D, M, 3 * N]);
        var gw = gatherWeights.ToArray<float>();
        var gatherGrad = Jax.Grad((NDArray v) => Jnp.Sum(gather(v) * gatherWeights))(x).ToArray<float>();
        for (var d = 0; d < D; d++)
            for (var m = 0; m < M; m++)
                for (var j = 0; j < 3; j++)
                {
                    var column = IndexOver(("model", "data"), d, m) * 3 + j;
                    Assert.Equal(Enumerable.Range(0, N).Sum(b => gw[b * 3 * N + column]), gatherGrad[(d * M + m) * 3 + j], 1e-3f);
                }
        var scatter = Jax.ShardMap(v => Jax.Lax.PsumScatter(v, ("data", "model"), tiled: true), Mesh, new PartitionSpec(), Flat);
        var scatterWeights = Jnp.Arange(N * 2).Astype(DType.Float32);
        // Every member's whole value reaches the sum: each gets the whole weight vector; the argument is replicated, so
        // its gradient is the N members' cotangents summed.
        FloatAssert.Close(scatterWeights.ToArray<float>().Select(w => w * N).ToArray(),
            Jax.Grad((NDArray v) => Jnp.Sum(scatter(v) * scatterWeights))(Jnp.Ones([N * 2])).ToArray<float>());
        // all_to_all untiled with split = concat is its own transpose: the gradient is the exchange of the weights.
        var exchange = Jax.ShardMap(v => Jax.Lax.AllToAll(v, ("data", "model"), 0, 0), Mesh, Flat, Flat);
        var exchangeWeights = Jnp.Arange(N * N).Astype(DType.Float32);
        Assert.Equal(exchange(exchangeWeights).ToArray<float>(),
            Jax.Grad((NDArray v) => Jnp.Sum(exchange(v) * exchangeWeights))(Jnp.Zeros([N * N])).ToArray<float>());
    }

    [SkippableFact]
    public void VmapAndJitOfTupleCollectives()
    {
        var xs = Values(D, M);
        var x = Jnp.Array(xs).Reshape([D, M, 3]);
        var ring = Enumerable.Range(0, N).Select(i => (i, (i + 1) % N)).ToArray();
        var body = Jax.ShardMap(v => Jax.Lax.Ppermute(v, ("data", "model"), ring) + Jax.Lax.Psum(v, ("model", "data")), Mesh, PerDevice, PerDevice);
        var one = body(x).ToArray<float>();
        var batched = Jax.Vmap(body)(Jnp.Stack([x, x * 2f])).ToArray<float>();
        FloatAssert.Close([.. one, .. one.Select(v => v * 2)], batched);
        FloatAssert.Close(one, Jax.Jit(body)(x).ToArray<float>());
    }

    [SkippableFact]
    public void BadTuplesArePermsAndShapesAreRefused()
    {
        var mesh = Mesh;
        var x = Jnp.Ones([D, M, 3]);
        Func<Func<NDArray, NDArray>, NDArray> run = f => Jax.ShardMap(f, mesh, PerDevice, PerDevice)(x);
        Assert.Contains("unbound axis name 'batch'", Assert.Throws<ShapeException>(() => run(v => Jax.Lax.Psum(v, ("data", "batch")))).Message);
        Assert.Contains("unbound axis name 'batch'", Assert.Throws<ShapeException>(() =>
            run(v => Jax.Lax.Ppermute(v, ("batch", "model"), [(0, 1)]))).Message);
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => run(v => Jax.Lax.AllGather(v, ("model", "model")))).Message);
        Assert.Throws<ArgumentException>(() => run(v => Jax.Lax.AxisIndex(new AxisNames("data", "model", "data")).Astype(DType.Float32)));
        // Pairs are indices over the whole group of N members.
        var outside = Assert.Throws<ArgumentException>(() => run(v => Jax.Lax.Ppermute(v, ("data", "model"), [(0, N)])));
        Assert.Contains($"outside axes ('data', 'model') of size {N}", outside.Message);
        Assert.Throws<ArgumentException>(() => run(v => Jax.Lax.Ppermute(v, ("data", "model"), [(-1, 0)])));
        Assert.Throws<ArgumentException>(() => run(v => Jax.Lax.Ppermute(v, ("data", "model"), [(0, 1), (2, 1)])));
        // Untiled all_to_all and psum_scatter need the group's size along the split axis.
        Assert.Contains("axes ('data', 'model')", Assert.Throws<ShapeException>(() => run(v => Jax.Lax.AllToAll(v, ("data", "model"), 2, 2))).Message);
        Assert.Throws<ShapeException>(() => run(v => Jax.Lax.PsumScatter(v, ("data", "model"), 2)));
        Assert.Throws<ShapeException>(() => run(v => Jax.Lax.PsumScatter(v, ("data", "model"), 2, tiled: true)));
        // A ppermute over the tuple makes a value differ along both axes, even one a psum made the same along 'data'.
        var swap = Enumerable.Range(0, N).Select(i => (i, N - 1 - i)).ToArray();
        Assert.Contains("'data'", Assert.Throws<ArgumentException>(() => Jax.ShardMap(v => Jax.Lax.Ppermute(Jax.Lax.Psum(v, "data"), ("data", "model"), swap),
            mesh, PerDevice, new PartitionSpec(null, "model"))(x)).Message);
        // A NaN reaches every member of the group.
        var nan = Jax.ShardMap(v => Jax.Lax.Psum(v, ("model", "data")), mesh, PerDevice, new PartitionSpec())(
            Jnp.Array(Values(D, M).Select((v, i) => i == 4 ? float.NaN : v).ToArray()).Reshape([D, M, 3])).ToArray<float>();
        Assert.True(float.IsNaN(nan[1]));
        Assert.False(float.IsNaN(nan[0]));
        // Empty blocks meet too.
        Assert.Equal([D, M, 0], Jax.ShardMap(v => Jax.Lax.Psum(v, ("data", "model")), mesh, PerDevice, PerDevice)(Jnp.Zeros([D, M, 0])).Shape);
    }
}

/// <summary>A 2 x 4 mesh of cpu devices.</summary>
public sealed class CpuMeshTupleCollectiveTests(EightCpuDevices cpu) : MeshTupleCollectiveTests(cpu), IClassFixture<EightCpuDevices>;

/// <summary>A 2 x 4 mesh of simulated TPU chips on a 2 x 2 x 2 torus.</summary>
public sealed class TpuSimMeshTupleCollectiveTests(EightTpuSimDevices tpu) : MeshTupleCollectiveTests(tpu), IClassFixture<EightTpuSimDevices>;

/// <summary>A 2 x 2 mesh on a backend without collectives: the groups meet through copies and eager ops.</summary>
public sealed class MeshTupleCollectiveWithoutCollectivesTests(FourDevicesWithoutCollectives devices) : MeshTupleCollectiveTests(devices),
    IClassFixture<FourDevicesWithoutCollectives>;

/// <summary>A 2 x 4 mesh of eight Vulkan replicas.</summary>
public sealed class VulkanMeshTupleCollectiveTests(EightVulkanReplicas vulkan) : MeshTupleCollectiveTests(vulkan), IClassFixture<EightVulkanReplicas>;

/// <summary>A 2 x 2 mesh of four emulated CUDA devices.</summary>
public sealed class EmulatedCudaMeshTupleCollectiveTests(FourEmulatedCudaDevices cuda) : MeshTupleCollectiveTests(cuda),
    IClassFixture<FourEmulatedCudaDevices>;
