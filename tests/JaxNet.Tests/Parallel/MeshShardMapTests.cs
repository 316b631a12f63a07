using JaxNet.Testing;

namespace JaxNet.Tests.Parallel;

/// <summary>
/// shard_map over a mesh of two named axes, 'data' x 'model' (2 x 4 with eight devices, 2 x 2 with four): blocks split
/// over one axis, over both, or over a tuple of axes; collectives within the groups of one axis and over both; results
/// joined per axis or taken once where they are the same. Written once and run per backend, each checked against
/// references computed here with plain loops.
/// </summary>
public abstract class MeshShardMapTests(DeviceFixture fixture)
{
    protected Mesh Mesh => Devices.Count == 8
        ? new Mesh(Devices, [2, 4], ["data", "model"])
        : new Mesh(Devices, [2, 2], ["data", "model"]);

    /// <summary>The fixture's devices; the test skips where its backend cannot load (no cuda plugin beside the tests).</summary>
    private IReadOnlyList<Device> Devices
    {
        get
        {
            if (fixture.Unavailable is { } reason) Skip.If(true, reason);
            return fixture.Devices;
        }
    }

    private int D => Mesh.AxisSize("data");

    private int M => Mesh.AxisSize("model");

    /// <summary>A rows x columns matrix of small values, multiples of 1/8 (exact in bfloat16, so that the TPU
    /// simulator's one-pass bfloat16 matmul adds exact products, as the float64 reference does).</summary>
    private static float[] Values(int rows, int columns, float scale) =>
        Enumerable.Range(0, rows * columns).Select(i => (i % 7 - 3) * scale + i % 5 * 0.125f).ToArray();

    private static float[] Matmul(float[] x, float[] w, int n, int k, int m)
    {
        var y = new float[n * m];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < m; j++)
            {
                var sum = 0.0;
                for (var l = 0; l < k; l++) sum += x[i * k + l] * w[l * m + j];
                y[i * m + j] = (float)sum;
            }
        return y;
    }

    /// <summary>x (2D x 3) times w (3 x 2M) with x's rows split over 'data' (the same rows on the 'model' devices) and
    /// w's columns over 'model' (the same on the 'data' devices): each device computes one block of the product, and
    /// the blocks are joined along both.</summary>
    private (Func<NDArray, NDArray, NDArray> Matmul, float[] Xs, float[] Ws, int N, int K, int M) DataAndModelParallel()
    {
        var (n, k, m) = (2 * D, 3, 2 * M);
        var matmul = Jax.ShardMap(a => [Jnp.Matmul(a[0], a[1])], Mesh,
            [new PartitionSpec("data", null), new PartitionSpec(null, "model")], [new PartitionSpec("data", "model")]);
        return ((x, w) => matmul([x, w])[0], Values(n, k, 0.5f), Values(k, m, 0.25f), n, k, m);
    }

    [SkippableFact]
    public void DataAndModelParallelMatmul()
    {
        var (matmul, xs, ws, n, k, m) = DataAndModelParallel();
        var y = matmul(Jnp.Array(xs).Reshape([n, k]), Jnp.Array(ws).Reshape([k, m]));
        Assert.Equal([n, m], y.Shape);
        FloatAssert.Close(Matmul(xs, ws, n, k, m), y.ToArray<float>());
    }

    [SkippableFact]
    public void ContractionSplitOverModelMeetsInAPsumOverModelOnly()
    {
        // x is split over both axes, w's rows over 'model': each device's partial product covers a quarter of the
        // contraction, and a psum over 'model' adds the partials of one 'data' group, not of the other.
        var (n, k, m) = (2 * D, 2 * M, 3);
        var (xs, ws) = (Values(n, k, 0.5f), Values(k, m, 0.25f));
        var matmul = Jax.ShardMap(a => [Jax.Lax.Psum(Jnp.Matmul(a[0], a[1]), "model")], Mesh,
            [new PartitionSpec("data", "model"), new PartitionSpec("model", null)], [new PartitionSpec("data", null)]);
        var y = matmul([Jnp.Array(xs).Reshape([n, k]), Jnp.Array(ws).Reshape([k, m])])[0];
        Assert.Equal([n, m], y.Shape);
        FloatAssert.Close(Matmul(xs, ws, n, k, m), y.ToArray<float>());
    }

    [SkippableFact]
    public void ReductionsOverOneAxisAndOverBoth()
    {
        // One value per device: x[d, m]. Over 'model' each row is reduced on its own; over 'data' each column.
        var xs = Values(D, M, 1f);
        var x = Jnp.Array(xs).Reshape([D, M]);
        var perDevice = new PartitionSpec("data", "model");
        var rowSums = Jax.ShardMap(v => Jax.Lax.Psum(v, "model"), Mesh, perDevice, new PartitionSpec("data", null))(x);
        Assert.Equal([D, 1], rowSums.Shape);
        FloatAssert.Close(Enumerable.Range(0, D).Select(d => Enumerable.Range(0, M).Sum(j => xs[d * M + j])).ToArray(), rowSums.ToArray<float>());
        var columnMax = Jax.ShardMap(v => Jax.Lax.Pmax(v, "data"), Mesh, perDevice, new PartitionSpec(null, "model"))(x);
        FloatAssert.Close(Enumerable.Range(0, M).Select(j => Enumerable.Range(0, D).Max(d => xs[d * M + j])).ToArray(), columnMax.ToArray<float>());
        var columnMean = Jax.ShardMap(v => Jax.Lax.Pmean(v, "data"), Mesh, perDevice, new PartitionSpec(null, "model"))(x);
        FloatAssert.Close(Enumerable.Range(0, M).Select(j => Enumerable.Range(0, D).Average(d => xs[d * M + j])).ToArray(), columnMean.ToArray<float>());
        // Over both: one total, the same on every device, returned once.
        var total = Jax.ShardMap(v => Jax.Lax.Psum(v, ("data", "model")), Mesh, perDevice, new PartitionSpec())(x);
        Assert.Equal([1, 1], total.Shape);
        FloatAssert.Close([xs.Sum()], total.ToArray<float>());
        var mean = Jax.ShardMap(v => Jax.Lax.Pmean(v, ("model", "data")), Mesh, perDevice, new PartitionSpec())(x);
        FloatAssert.Close([xs.Average()], mean.ToArray<float>());
        var least = Jax.ShardMap(v => Jax.Lax.Pmin(v, ("data", "model")), Mesh, perDevice, new PartitionSpec())(x);
        FloatAssert.Close([xs.Min()], least.ToArray<float>());
    }

    [SkippableFact]
    public void ANaNStaysInItsGroup()
    {
        var xs = Values(D, M, 1f);
        xs[1] = float.NaN;
        var rowSums = Jax.ShardMap(v => Jax.Lax.Psum(v, "model"), Mesh, new PartitionSpec("data", "model"), new PartitionSpec("data", null))(
            Jnp.Array(xs).Reshape([D, M])).ToArray<float>();
        Assert.True(float.IsNaN(rowSums[0]));
        Assert.All(rowSums[1..], s => Assert.False(float.IsNaN(s)));
    }

    [SkippableFact]
    public void EmptyBlocksMeetToo()
    {
        var empty = Jax.ShardMap(v => Jax.Lax.Psum(v, "model"), Mesh, new PartitionSpec("data", "model"), new PartitionSpec("data", null))(
            Jnp.Zeros([D, 0]));
        Assert.Equal([D, 0], empty.Shape);
    }

    [SkippableFact]
    public void AxisIndexPerAxisAndOverATuple()
    {
        var x = Jnp.Zeros([D, M]);
        var perDevice = new PartitionSpec("data", "model");
        var positions = Jax.ShardMap(v => v + (Jax.Lax.AxisIndex("data") * 10 + Jax.Lax.AxisIndex("model")).Astype(DType.Float32),
            Mesh, perDevice, perDevice)(x);
        Assert.Equal(Enumerable.Range(0, D).SelectMany(d => Enumerable.Range(0, M).Select(j => d * 10f + j)), positions.ToArray<float>());
        // Over ('model', 'data') the position is row-major with 'model' major.
        var flat = Jax.ShardMap(v => v + Jax.Lax.AxisIndex(("model", "data")).Astype(DType.Float32), Mesh, perDevice, perDevice)(x);
        Assert.Equal(Enumerable.Range(0, D).SelectMany(d => Enumerable.Range(0, M).Select(j => (float)(j * D + d))), flat.ToArray<float>());
    }

    [SkippableFact]
    public void ADimensionSplitOverATupleOfAxes()
    {
        // P(('data', 'model')) gives block d * M + m to the device at (d, m); P(('model', 'data')) block m * D + d.
        var x = Jnp.Arange(D * M * 2).Astype(DType.Float32);
        foreach (AxisNames axes in new AxisNames[] { ("data", "model"), ("model", "data") })
        {
            var spec = new PartitionSpec(axes);
            var offsets = Jax.ShardMap(v => v - Jax.Lax.AxisIndex(axes).Astype(DType.Float32) * 2f, Mesh, spec, spec)(x);
            Assert.Equal(Enumerable.Range(0, D * M).SelectMany(_ => new[] { 0f, 1f }), offsets.ToArray<float>());
        }
    }

    [SkippableFact]
    public void AllGatherOverOneAxis()
    {
        // Each device gathers its 'data' group's blocks along the columns: the whole rows of its half, the same on
        // every 'model' device, so the result is split over 'data' only.
        var (n, m) = (2 * D, 3 * M);
        var xs = Values(n, m, 1f);
        var x = Jnp.Array(xs).Reshape([n, m]);
        var rows = Jax.ShardMap(v => Jax.Lax.AllGather(v, "model", axis: 1, tiled: true), Mesh,
            new PartitionSpec("data", "model"), new PartitionSpec("data", null))(x);
        Assert.Equal(xs, rows.ToArray<float>());
        // Untiled over both axes: every block, stacked in row-major order of (data, model).
        var stacked = Jax.ShardMap(v => Jax.Lax.AllGather(v, ("data", "model")), Mesh,
            new PartitionSpec("data", "model"), new PartitionSpec())(x);
        Assert.Equal([D * M, 2, 3], stacked.Shape);
        var blocks = stacked.ToArray<float>();
        for (var b = 0; b < D * M; b++)
            for (var i = 0; i < 2; i++)
                for (var j = 0; j < 3; j++)
                    Assert.Equal(xs[((b / M) * 2 + i) * m + (b % M) * 3 + j], blocks[(b * 2 + i) * 3 + j]);
    }

    [SkippableFact]
    public void PpermuteAlongOneAxis()
    {
        // A ring along 'model': device (d, m) receives (d, m - 1)'s value; the 'data' groups do not mix.
        var xs = Values(D, M, 1f);
        var ring = Enumerable.Range(0, M).Select(j => (j, (j + 1) % M)).ToArray();
        var shifted = Jax.ShardMap(v => Jax.Lax.Ppermute(v, "model", ring), Mesh, new PartitionSpec("data", "model"),
            new PartitionSpec("data", "model"))(Jnp.Array(xs).Reshape([D, M]));
        Assert.Equal(Enumerable.Range(0, D).SelectMany(d => Enumerable.Range(0, M).Select(j => xs[d * M + (j + M - 1) % M])), shifted.ToArray<float>());
    }

    [SkippableFact]
    public void GradJitAndVmapOfATwoAxisShardMap()
    {
        var (matmul, xs, ws, n, k, m) = DataAndModelParallel();
        var (x, w) = (Jnp.Array(xs).Reshape([n, k]), Jnp.Array(ws).Reshape([k, m]));
        // d/dw sum((x @ w)^2) = 2 x^T (x @ w)
        var gradient = Jax.Grad((NDArray ww) => Jnp.Sum(Jnp.Square(matmul(x, ww))))(w);
        var expected = Matmul(Transposed(xs, n, k), Matmul(xs, ws, n, k, m).Select(v => 2 * v).ToArray(), k, n, m);
        FloatAssert.Close(expected, gradient.ToArray<float>());
        var jitted = Jax.Jit(matmul);
        FloatAssert.Close(Matmul(xs, ws, n, k, m), jitted(x, w).ToArray<float>());
        // A batch of two weight matrices, the second twice the first.
        var batched = Jax.Vmap((NDArray ww) => matmul(x, ww))(Jnp.Stack([w, w * 2f]));
        FloatAssert.Close([.. Matmul(xs, ws, n, k, m), .. Matmul(xs, ws, n, k, m).Select(v => 2 * v)], batched.ToArray<float>());
    }

    [SkippableFact]
    public void AResultThatDiffersAlongAnAxisItsSpecOmitsIsRefused()
    {
        var perDevice = new PartitionSpec("data", "model");
        var x = Jnp.Ones([D, M]);
        // The blocks differ along 'model', and P('data', None) claims they do not.
        var error = Assert.Throws<ArgumentException>(() => Jax.ShardMap(v => v, Mesh, perDevice, new PartitionSpec("data", null))(x));
        Assert.Contains("'model'", error.Message);
        // axis_index over 'data' differs along 'data' even for an argument split over 'model' only.
        Assert.Throws<ArgumentException>(() => Jax.ShardMap(v => v + Jax.Lax.AxisIndex("data").Astype(DType.Float32), Mesh,
            new PartitionSpec(null, "model"), new PartitionSpec(null, "model"))(x));
        // A psum over 'data' leaves the value differing along 'model'.
        Assert.Throws<ArgumentException>(() => Jax.ShardMap(v => Jax.Lax.Psum(v, "data"), Mesh, perDevice, new PartitionSpec())(x));
    }

    [SkippableFact]
    public void BadSpecsAndShapesAreRefused()
    {
        var mesh = Mesh;
        Func<NDArray, NDArray> identity = v => v;
        var rows = new PartitionSpec("data");
        Assert.Contains("'batch'", Assert.Throws<ArgumentException>(() => Jax.ShardMap(identity, mesh, new PartitionSpec("batch"), rows)).Message);
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => Jax.ShardMap(identity, mesh, new PartitionSpec("data", "data"), rows)).Message);
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() =>
            Jax.ShardMap(identity, mesh, new PartitionSpec(("data", "model"), "model"), rows)).Message);
        Assert.Throws<ArgumentException>(() => new AxisNames("data", "data"));
        // Rows split over both axes need a multiple of D * M.
        var both = new PartitionSpec(("data", "model"));
        Assert.Contains("not divisible", Assert.Throws<ShapeException>(() => Jax.ShardMap(identity, mesh, both, both)(Jnp.Ones([D * M + D]))).Message);
        Assert.Contains("names 2 dimensions", Assert.Throws<ShapeException>(() =>
            Jax.ShardMap(identity, mesh, new PartitionSpec("data", "model"), rows)(Jnp.Ones([D * M]))).Message);
        Assert.Throws<ShapeException>(() => Jax.ShardMap(v => Jnp.Sum(v), mesh, new PartitionSpec("data", "model"),
            new PartitionSpec("data", "model"))(Jnp.Ones([D, M])));
        // A collective over an axis the mesh does not have.
        Assert.Contains("unbound axis name", Assert.Throws<ShapeException>(() =>
            Jax.ShardMap(v => Jax.Lax.Psum(v, "batch"), mesh, rows, rows)(Jnp.Ones([D]))).Message);
    }

    [SkippableFact]
    public void MeshesCheckTheirShapeNamesAndDevices()
    {
        var devices = Devices;
        Assert.Equal(new[] { "data", "model" }, Mesh.AxisNames);
        Assert.Equal(devices[M + 1], Mesh[1, 1]);
        Assert.Equal($"Mesh('data': {D}, 'model': {M})", Mesh.ToString());
        Assert.Contains("holds 4 devices, but 2", Assert.Throws<ArgumentException>(() => new Mesh(devices.Take(2).ToArray(), [2, 2], ["a", "b"])).Message);
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => new Mesh(devices, [D, M], ["data", "data"])).Message);
        Assert.Throws<ArgumentException>(() => new Mesh(devices, [D, M], ["data"]));
        Assert.Throws<ArgumentException>(() => new Mesh(devices, [D, M], ["data", " "]));
        Assert.Throws<ArgumentException>(() => new Mesh(devices, [0, D * M], ["data", "model"]));
        Assert.Throws<ArgumentException>(() => new Mesh([devices[0], devices[0]], [1, 2], ["data", "model"]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mesh[D, 0]);
        Assert.Throws<ArgumentException>(() => Mesh.AxisSize("batch"));
        Assert.Equal(Mesh.Devices, Jax.MakeMesh([D, M], ["data", "model"], devices).Devices);
        Assert.Contains("needs 6 devices", Assert.Throws<ArgumentException>(() => Jax.MakeMesh([2, 3], ["data", "model"], devices)).Message);
        Assert.Equal("P(('data', 'model'), None)", new PartitionSpec(("data", "model"), null).ToString());
    }

    private static float[] Transposed(float[] x, int rows, int columns) =>
        Enumerable.Range(0, rows * columns).Select(i => x[i % rows * columns + i / rows]).ToArray();
}

/// <summary>A 2 x 4 mesh of cpu devices, through the backend's collectives over groups of devices.</summary>
public sealed class CpuMeshShardMapTests(EightCpuDevices cpu) : MeshShardMapTests(cpu), IClassFixture<EightCpuDevices>;

/// <summary>A 2 x 4 mesh of simulated TPU chips on a 2 x 2 x 2 torus: groups that are sub-tori, and groups that are not.</summary>
public sealed class TpuSimMeshShardMapTests(EightTpuSimDevices tpu) : MeshShardMapTests(tpu), IClassFixture<EightTpuSimDevices>;

/// <summary>A 2 x 2 mesh on a backend without collectives: the groups meet through copies and eager ops.</summary>
public sealed class MeshShardMapWithoutCollectivesTests(FourDevicesWithoutCollectives devices) : MeshShardMapTests(devices),
    IClassFixture<FourDevicesWithoutCollectives>;

/// <summary>A 2 x 2 mesh of four emulated CUDA devices (the cuda plugin is built beside these tests; with no GPU
/// and no emulation it reports itself unavailable, so it is never a default platform here).</summary>
public sealed class EmulatedCudaMeshShardMapTests(FourEmulatedCudaDevices cuda) : MeshShardMapTests(cuda), IClassFixture<FourEmulatedCudaDevices>;

/// <summary>A 2 x 2 mesh of four Vulkan replicas, through the Vulkan backend's host-staged collectives.</summary>
public sealed class VulkanMeshShardMapTests(FourVulkanReplicas vulkan) : MeshShardMapTests(vulkan), IClassFixture<FourVulkanReplicas>;
