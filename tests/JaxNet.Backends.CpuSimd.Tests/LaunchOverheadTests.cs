using System.Diagnostics;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using Xunit.Abstractions;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// The eager path's backend part: launching a tiny elementwise kernel into preallocated buffers allocates nothing
/// on the managed heap (counted per thread), and its time per launch is reported from a Stopwatch loop.
/// </summary>
[Collection(nameof(TimingCollection))]
public sealed class LaunchOverheadTests(ITestOutputHelper output)
{
    [Fact]
    public void TinyInlineLaunchesAllocateNothing()
    {
        using var backend = TestBackend.Create();
        var b = new ScalarProgramBuilder();
        var sum = b.Binary(BinaryOp.Add, b.Load(0, DType.Float32), b.Load(1, DType.Float32));
        var map = IndexMap.Identity([8]);
        var kernel = new ElementwiseKernel("add", [8], [new(0, DType.Float32, map), new(1, DType.Float32, map)], b.Build(sum), [2]);
        var module = new KernelModule("add_8",
            [new BufferDecl(0, BufferRole.Parameter, 32), new BufferDecl(1, BufferRole.Parameter, 32), new BufferDecl(2, BufferRole.Result, 32)],
            [kernel], [0, 1], [2]);
        var exe = backend.Compile(module, CompileOptions.Default);
        var x = backend.Upload(Enumerable.Range(0, 8).Select(i => (float)i).ToArray());
        var y = backend.Upload(Enumerable.Range(0, 8).Select(i => 10f * i).ToArray());
        var z = backend.Allocate(0, 32);
        DeviceBuffer[] parameters = [x, y];
        DeviceBuffer[] results = [z];
        for (var i = 0; i < 2000; i++) backend.Launch(exe, 0, parameters, results).Wait(); // tiering

        const int launches = 20_000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < launches; i++) backend.Launch(exe, 0, parameters, results).Wait();
        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"launch of an 8-float add: {clock.Elapsed.TotalNanoseconds / launches:F0} ns, " +
                         $"{(double)allocated / launches:F2} bytes allocated per launch");
        Assert.Equal(Enumerable.Range(0, 8).Select(i => 11f * i).ToArray(), backend.Download<float>(z, 8));
        Assert.True(allocated < launches / 100, $"{allocated} bytes over {launches} launches");
    }

    [Fact]
    public void AllocateAndFreeCostOnlyTheBufferObject()
    {
        using var backend = TestBackend.Create();
        for (var i = 0; i < 1000; i++) backend.Free(backend.Allocate(0, 32));
        const int pairs = 20_000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < pairs; i++) backend.Free(backend.Allocate(0, 32));
        clock.Stop();
        var perPair = (double)(GC.GetAllocatedBytesForCurrentThread() - before) / pairs;
        output.WriteLine($"allocate + free of 32 bytes: {clock.Elapsed.TotalNanoseconds / pairs:F0} ns, {perPair:F1} bytes per pair");
        Assert.True(perPair <= 64, $"{perPair} bytes per allocate/free pair");
    }
}
