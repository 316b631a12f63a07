namespace JaxNet.Tests.Parallel;

/// <summary>jax.pmap over four cpu devices: one program per device, collectives through the backend's.</summary>
public class PmapTests(FourCpuDevices cpu) : IClassFixture<FourCpuDevices>
{
    // Row d goes to device d.
    private static readonly NDArray Rows = Jnp.Arange(8).Astype(DType.Float32).Reshape([4, 2]);

    private IReadOnlyList<Device> Devices => cpu.Devices;

    [Fact]
    public void RunsEachSliceOnItsOwnDevice()
    {
        Assert.Equal(4, Devices.Count);
        var y = Jax.Pmap(v => Jnp.Sin(v) * 2f, devices: Devices)(Rows);
        Assert.Equal([4, 2], y.Shape);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => MathF.Sin(i) * 2f), y.ToArray<float>(), new FloatTolerance(1e-6f));
        // axis_index tells each program where it runs.
        var index = Jax.Pmap(v => v * Jax.Lax.AxisIndex("i").Astype(DType.Float32), "i", Devices)(Rows);
        Assert.Equal([0f, 0f, 2f, 3f, 8f, 10f, 18f, 21f], index.ToArray<float>());
    }

    [Fact]
    public void AllReductions()
    {
        Assert.Equal(Repeat([12f, 16f]), Jax.Pmap(v => Jax.Lax.Psum(v, "i"), "i", Devices)(Rows).ToArray<float>());
        Assert.Equal(Repeat([3f, 4f]), Jax.Pmap(v => Jax.Lax.Pmean(v, "i"), "i", Devices)(Rows).ToArray<float>());
        Assert.Equal(Repeat([6f, 7f]), Jax.Pmap(v => Jax.Lax.Pmax(v, "i"), "i", Devices)(Rows).ToArray<float>());
        Assert.Equal(Repeat([0f, 1f]), Jax.Pmap(v => Jax.Lax.Pmin(v, "i"), "i", Devices)(Rows).ToArray<float>());
        // Bools count as int32.
        var flags = Jax.Pmap(v => Jax.Lax.Psum(v > 2f, "i"), "i", Devices)(Rows);
        Assert.Equal(DType.Int32, flags.DType);
        Assert.Equal(Repeat([2, 3]), flags.ToArray<int>());
    }

    [Fact]
    public void GatherAndPermute()
    {
        var gathered = Jax.Pmap(v => Jax.Lax.AllGather(v, "i"), "i", Devices)(Rows);
        Assert.Equal([4, 4, 2], gathered.Shape);
        Assert.Equal(Enumerable.Range(0, 4).SelectMany(_ => Enumerable.Range(0, 8).Select(i => (float)i)), gathered.ToArray<float>());
        // A ring shift, and a partial one whose untargeted member gets zeros.
        var ring = Jax.Pmap(v => Jax.Lax.Ppermute(v, "i", [(0, 1), (1, 2), (2, 3), (3, 0)]), "i", Devices)(Rows);
        Assert.Equal([6f, 7f, 0f, 1f, 2f, 3f, 4f, 5f], ring.ToArray<float>());
        var partial = Jax.Pmap(v => Jax.Lax.Ppermute(v, "i", [(0, 1)]), "i", Devices)(Rows);
        Assert.Equal([0f, 0f, 0f, 1f, 0f, 0f, 0f, 0f], partial.ToArray<float>());
    }

    [Fact]
    public void DataParallelGradientStep()
    {
        // Each device differentiates its shard's loss; psum adds the gradients: the full batch's gradient.
        var w = Jnp.Array(new[] { 0.5f, -1f });
        Func<NDArray, NDArray, NDArray> loss = (ww, x) => Jnp.Sum(Jnp.Square(Jnp.Matmul(x, ww)));
        var perDevice = Jax.Pmap((ww, x) => Jax.Lax.Psum(Jax.Grad(loss)(ww, x), "i"), "i", [null, 0], Devices);
        var shards = Rows.Reshape([4, 1, 2]);
        var expected = Jax.Grad(loss)(w, Rows).ToArray<float>();
        Assert.Equal(Repeat(expected), perDevice(w, shards).ToArray<float>());
    }

    [Fact]
    public void CollectivesDifferentiate()
    {
        // psum's transpose is psum: d/du sum(psum(u * u)) = psum(1) * 2u = 8u on four devices.
        var g = Jax.Pmap(v => Jax.Grad((NDArray u) => Jnp.Sum(Jax.Lax.Psum(u * u, "i")))(v), "i", Devices)(Rows);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => 8f * i), g.ToArray<float>());
        // all_gather's transpose: row d of the summed cotangents; ppermute's: the inverse pairs.
        var ga = Jax.Pmap(v => Jax.Grad((NDArray u) => Jnp.Sum(Jax.Lax.AllGather(u, "i") * 3f))(v), "i", Devices)(Rows);
        Assert.Equal(Enumerable.Repeat(12f, 8), ga.ToArray<float>());
        var gp = Jax.Pmap(v => Jax.Grad((NDArray u) =>
            Jnp.Sum(Jax.Lax.Ppermute(u, "i", [(0, 1), (1, 2), (2, 3), (3, 0)]) * Jax.Lax.AxisIndex("i").Astype(DType.Float32)))(v), "i", Devices)(Rows);
        // Device d's value reaches device d + 1, whose weight is d + 1 (mod 4).
        Assert.Equal([1f, 1f, 2f, 2f, 3f, 3f, 0f, 0f], gp.ToArray<float>());
    }

    [Fact]
    public void VmapAndJitInside()
    {
        var y = Jax.Pmap(v => Jax.Vmap(u => Jax.Lax.Psum(u, "i"))(v), "i", Devices)(Rows);
        Assert.Equal(Repeat([12f, 16f]), y.ToArray<float>());
        var z = Jax.Pmap(v => Jax.Jit(u => Jax.Lax.Psum(u * 2f, "i") + 1f)(v), "i", Devices)(Rows);
        Assert.Equal(Repeat([25f, 33f]), z.ToArray<float>());
    }

    [Fact]
    public void MappedAxisOtherThanTheFirst()
    {
        // Columns of a [2, 4] matrix go to the devices; psum over them gives the row sums.
        var columns = Rows.Reshape([2, 4]);
        var y = Jax.Pmap((v, w) => Jax.Lax.Psum(v, "i") + w, "i", [1, null], Devices)(columns, Jnp.Array(new[] { 100f, 200f }));
        Assert.Equal([4, 2], y.Shape);
        Assert.Equal(Repeat([106f, 222f]), y.ToArray<float>());
        Assert.Equal(y.ToArray<float>(), Jax.Pmap((v, w) => Jax.Lax.Psum(v, "i") + w, "i", [-1, null], Devices)(columns, Jnp.Array(new[] { 100f, 200f })).ToArray<float>());
        Assert.Throws<ShapeException>(() => Jax.Pmap((v, w) => v, "i", [2, null], Devices)(columns, columns));
    }

    [Fact]
    public void TwoDevicesOfFour()
    {
        var y = Jax.Pmap(v => Jax.Lax.Psum(v, "i"), "i", Devices)(Rows[..2]);
        Assert.Equal([2f, 4f, 2f, 4f], y.ToArray<float>());
    }

    [Fact]
    public void OneDeviceTakesItsRowWithoutACopyAndTheResultIsItsOwn()
    {
        var x = Jnp.Arange(6).Astype(DType.Float32).Reshape([1, 6]);
        var y = Jax.Pmap(v => Jax.Lax.Psum(v, "i") * 2f, "i", [Devices[0]])(x);
        Assert.Equal([1, 6], y.Shape);
        Assert.Equal([0f, 2f, 4f, 6f, 8f, 10f], y.ToArray<float>());
        // A function that returns its argument: the result views the argument's buffer, and disposing it frees nothing.
        var same = Jax.Pmap(v => v, "i", [Devices[0]])(x);
        same.Dispose();
        Assert.Equal([0f, 1f, 2f, 3f, 4f, 5f], x.ToArray<float>());
    }

    [Fact]
    public void ClearErrors()
    {
        var unbound = Assert.Throws<ShapeException>(() => Jax.Jit(v => Jax.Lax.Psum(v, "j"))(Rows));
        Assert.Contains("unbound axis name 'j'", unbound.Message);
        var tooMany = Assert.Throws<ArgumentException>(() => Jax.Pmap(v => v, devices: Devices)(Jnp.Zeros([5, 2])));
        Assert.Contains("only 4 devices are available", tooMany.Message);
        Assert.Throws<ShapeException>(() => Jax.Pmap(v => v, devices: Devices)(Jnp.Array(1f)));
        Assert.Throws<ShapeException>(() => Jax.Pmap((a, b) => a + b, devices: Devices)(Rows, Jnp.Zeros([3, 2])));
        Assert.Throws<ArgumentException>(() => Jax.Pmap(v => Jax.Lax.Ppermute(v, "i", [(0, 5)]), "i", Devices)(Rows));
        Assert.Throws<ArgumentException>(() => Jax.Pmap(v => Jax.Lax.Ppermute(v, "i", [(0, 1), (2, 1)]), "i", Devices)(Rows));
        // Grad of a pmap is no longer an error (PmapUnderTransformationsTests): d/dx sum(x^2) = 2x.
        Assert.Equal(Rows.ToArray<float>().Select(v => 2 * v), Jax.Grad(x => Jnp.Sum(Jax.Pmap(v => v * v, devices: Devices)(x)))(Rows).ToArray<float>());
    }

    private static float[] Repeat(float[] row) => Enumerable.Repeat(row, 4).SelectMany(r => r).ToArray();

    private static int[] Repeat(int[] row) => Enumerable.Repeat(row, 4).SelectMany(r => r).ToArray();
}
