using JaxNet.Abstractions;
using JaxNet.Core;
using JaxNet.Lowering;
using JaxNet.Runtime;
using JaxNet.Tests.Runtime;

namespace JaxNet.Tests.Lowering;

/// <summary>
/// How a host program's run holds its arrays: a loop nested in a loop is given the outer carry to update in place,
/// and the arrays the run makes are freed after their last reader, not left to the finalizer.
/// </summary>
public class HostProgramBufferTests
{
    private const int N = 8;

    /// <summary>m[i, j] := i * N + j, one element per inner step.</summary>
    private static NDArray FillByElements(NDArray m) => Jax.Lax.ForiLoop(0, N, (i, a) => Jax.Lax.ForiLoop(0, N, (j, b) =>
        Jax.Lax.DynamicUpdateSlice(b, Jnp.Full([1, 1], 0f) + (i * N + j).Astype(DType.Float32), [i, j]), a), m);

    /// <summary>The program <see cref="Jax.Jit(Func{NDArray, NDArray}, int[], string?, int[])"/> would run for
    /// <paramref name="f"/>, compiled for <paramref name="device"/>'s backend.</summary>
    private static HostProgram Program(Func<NDArray, NDArray> f, ShapedArray input, Device device)
    {
        var jaxpr = Tracing.ToJaxpr(a => [f(a[0])], [input], "jit", "f");
        var program = HostProgram.LowerBody(jaxpr, "f", LoweringTarget.For(device.Backend.Capabilities));
        program.Compile(device.Backend);
        return program;
    }

    [Fact]
    public void ANestedLoopUpdatesTheOuterCarryInPlace()
    {
        var backend = new CountingBackend(Device.Default.Backend);
        var device = Device.Of(backend, 0);
        var start = Jax.DevicePut(Jnp.Zeros([N, N]) - 1f, device);
        var program = Program(FillByElements, start.Aval, device);
        var runs = new Func<NDArray>[] { () => program.Run(device, [start])[0], () => FillByElements(start) };
        foreach (var run in runs)
        {
            var copiesBefore = backend.Copies;
            var result = run();
            Assert.Equal(device, result.Device);
            Assert.Equal(Enumerable.Range(0, N * N).Select(v => (float)v), result.ToArray<float>());
            // The caller's matrix is copied once, by the first inner step; every later inner loop is given the
            // outer carry (it was one copy per outer step).
            Assert.Equal(1, backend.Copies - copiesBefore);
        }
        Assert.All(start.ToArray<float>(), v => Assert.Equal(-1f, v));
    }

    [Fact]
    public void TheArraysARunMakesAreFreedAfterTheirLastReader()
    {
        var backend = new CountingBackend(Device.Default.Backend);
        var device = Device.Of(backend, 0);
        var x = Jax.DevicePut(Jnp.Arange(4).Astype(DType.Float32), device);
        var program = Program(v => Jax.Lax.ForiLoop(0, 3, (_, a) => a + 1f, v * 2f) * 3f, x.Aval, device);
        program.Run(device, [x])[0].Dispose();
        var liveBefore = backend.Live;
        var result = program.Run(device, [x])[0];
        Assert.Equal(device, result.Device);
        Assert.Equal([9f, 15f, 21f, 27f], result.ToArray<float>());
        result.Dispose();
        // x * 2 (made, read by the loop), the loop's result (read by * 3), its index and step counter: all freed by
        // the run, with no collection in between.
        Assert.Equal(liveBefore, backend.Live);
    }

    [Fact]
    public void ALoopComputingItsCarryElementByElementWritesItInPlace()
    {
        var backend = new CountingBackend(Device.Default.Backend);
        var device = Device.Of(backend, 0);
        var x = Jax.DevicePut(Jnp.Zeros([N]), device);
        var program = Program(v => Jax.Lax.ForiLoop(0, 16, (_, a) => a * 2f + 1f, v), x.Aval, device);
        Assert.Contains("when it holds its dying inputs", program.ToText());
        var before = backend.Allocations;
        using var result = program.Run(device, [x])[0];
        // The first step reads the caller's array and writes fresh buffers; from the second on, each step is given
        // the carry and the counter it made before (it was one carry and one counter per step: 32 and more).
        Assert.InRange(backend.Allocations - before, 1, 6);
        Assert.All(result.ToArray<float>(), v => Assert.Equal(65535f, v));
        Assert.All(x.ToArray<float>(), v => Assert.Equal(0f, v));
    }
}
