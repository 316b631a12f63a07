using JaxNet.Abstractions;

namespace JaxNet.Tests.Runtime;

/// <summary>
/// A loop whose step is one launch writing its carries in place runs its later steps as that launch repeated on the
/// same buffers (<c>RepeatedLaunch</c>): the results, the caller's arrays, the number of launches and buffers, and a
/// failure on the way.
/// </summary>
public class RepeatedLaunchTests
{
    private const int Rows = 32;
    private const int Cols = 16;

    private static (CountingBackend Backend, Device Device) Counting(int failLaunch = 0)
    {
        var backend = new CountingBackend(Device.Default.Backend, failLaunch);
        return (backend, Device.Of(backend, 0));
    }

    /// <summary>Rows 0 to <paramref name="rows"/> - 1 of <paramref name="m"/> := their index, one row per step.</summary>
    private static NDArray FillRows(NDArray m, int rows) => Jax.Lax.ForiLoop(0, rows, (i, a) =>
        Jax.Lax.DynamicUpdateSlice(a, Jnp.Ones([1, Cols]) * i.Astype(DType.Float32), [i, Jnp.Array(0)]), m);

    private static float[] ExpectedRows(int rows) =>
        Enumerable.Range(0, Rows * Cols).Select(e => e / Cols < rows ? (float)(e / Cols) : -1f).ToArray();

    [Fact]
    public void RowUpdatesCostOneLaunchPerStepAndNoBufferPerStep()
    {
        var (backend, device) = Counting();
        using var start = Jax.DevicePut(Jnp.Zeros([Rows, Cols]) - 1f, device);
        FillRows(start, 2).Dispose();
        var allocations = new List<int>();
        foreach (var rows in new[] { 4, Rows })
        {
            var (launchesBefore, allocationsBefore) = (backend.Launches, backend.Allocations);
            using var result = FillRows(start, rows);
            Assert.Equal(ExpectedRows(rows), result.ToArray<float>());
            Assert.Equal(rows, backend.Launches - launchesBefore);
            allocations.Add(backend.Allocations - allocationsBefore);
        }
        // Only the first step allocates (the caller's matrix is copied, the counters are new); 28 more steps add none.
        Assert.Equal(allocations[0], allocations[1]);
        Assert.All(start.ToArray<float>(), v => Assert.Equal(-1f, v));
    }

    [Fact]
    public void UnderJitTheRowLoopMatchesAndLeavesItsArgument()
    {
        var start = Jnp.Zeros([Rows, Cols]) - 1f;
        var f = Jax.Jit((NDArray m) => FillRows(m, Rows - 3));
        for (var call = 0; call < 3; call++) Assert.Equal(ExpectedRows(Rows - 3), f(start).ToArray<float>());
        Assert.All(start.ToArray<float>(), v => Assert.Equal(-1f, v));
    }

    [Fact]
    public void ADonatedArgumentIsWrittenInPlace()
    {
        var f = Jax.Jit((NDArray m) => FillRows(m, Rows), donateArgnums: [0]);
        var start = Jnp.Zeros([Rows, Cols]) - 1f;
        Assert.Equal(ExpectedRows(Rows), f(start).ToArray<float>());
        Assert.Throws<ObjectDisposedException>(() => start.ToArray<float>());
    }

    [Fact]
    public void AScanStacksItsOutputsThroughTheRepeatedLaunch()
    {
        var (backend, device) = Counting();
        var xs = Jax.DevicePut(Jnp.Arange(12).Astype(DType.Float32).Reshape(6, 2), device);
        var before = backend.Launches;
        var (carry, ys) = Jax.Lax.Scan((c, x) => ([c[0] + x[0]], [c[0] * 2f]), [Jax.DevicePut(Jnp.Zeros([2]), device)], [xs]);
        // One launch makes the zero-filled ys, then one per step.
        Assert.Equal(1 + 6, backend.Launches - before);
        float[] sum = [0, 0];
        var expectedYs = new List<float>();
        for (var step = 0; step < 6; step++)
        {
            expectedYs.AddRange(sum.Select(s => s * 2));
            (sum[0], sum[1]) = (sum[0] + 2 * step, sum[1] + 2 * step + 1);
        }
        Assert.Equal(sum, carry[0].ToArray<float>());
        Assert.Equal(expectedYs, ys[0].ToArray<float>());
    }

    [Fact]
    public void ACarryTheStepLeavesAloneIsPassedOn()
    {
        var outs = Jax.Lax.ForiLoop(0, 10, (i, c) => [c[0] + c[1], c[1]], [Jnp.Zeros([3]), Jnp.Full([3], 3f)]);
        Assert.Equal([30f, 30f, 30f], outs[0].ToArray<float>());
        Assert.Equal([3f, 3f, 3f], outs[1].ToArray<float>());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void ShortLoops(int steps)
    {
        var f = Jax.Jit((NDArray a) => Jax.Lax.ForiLoop(0, steps, (i, c) => c * 2f + i.Astype(DType.Float32), a));
        var expected = 1f;
        for (var i = 0; i < steps; i++) expected = expected * 2 + i;
        Assert.All(f(Jnp.Ones([5])).ToArray<float>(), v => Assert.Equal(expected, v));
    }

    [Fact]
    public void AFailedStepStopsTheLoopAndItsErrorReachesTheResult()
    {
        var (backend, device) = Counting(failLaunch: 5);
        using var start = Jax.DevicePut(Jnp.Zeros([Rows, Cols]), device);
        var result = FillRows(start, Rows);
        var error = Assert.Throws<DeviceOperationException>(() => result.BlockUntilReady());
        Assert.Contains("launch 5 failed on purpose", error.Message);
        // A read after the results' event completed raises the error too, rather than returning the rows written.
        Assert.Contains("launch 5 failed on purpose", Assert.Throws<DeviceOperationException>(() => result.ToArray<float>()).Message);
        // The steps after the failed one were never issued.
        Assert.Equal(5, backend.Launches);
    }

    [Fact]
    public void NaNCarriesGoRoundUnchanged()
    {
        var f = Jax.Jit((NDArray a) => Jax.Lax.ForiLoop(0, 50, (i, c) => c + 1f, a));
        var values = f(Jnp.Array(new[] { float.NaN, 0f, float.PositiveInfinity })).ToArray<float>();
        Assert.True(float.IsNaN(values[0]));
        Assert.Equal([50f, float.PositiveInfinity], values[1..]);
    }

    [Fact]
    public void AnEmptyCarryLoops()
    {
        var f = Jax.Jit((NDArray a) => Jax.Lax.ForiLoop(0, 7, (i, c) => c + 1f, a));
        var result = f(Jnp.Zeros([0, 4]));
        Assert.Equal([0, 4], result.Shape);
        Assert.Empty(result.ToArray<float>());
    }
}
