using System.Diagnostics;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using Xunit.Abstractions;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>Timing tests run alone: other test classes would share the cores.</summary>
[CollectionDefinition(nameof(TimingCollection), DisableParallelization = true)]
public sealed class TimingCollection;

/// <summary>Measures the f32 GEMM at N=1024 (reported, not asserted beyond a sanity floor) and checks a few entries.</summary>
[Collection(nameof(TimingCollection))]
public sealed class GemmThroughputTests(ITestOutputHelper output)
{
    [Fact]
    public void F32Gemm1024()
    {
        const int n = 1024;
        using var backend = TestBackend.Create();
        var a = Enumerable.Range(0, n * n).Select(i => (float)(i % 13 - 6) / 8).ToArray();
        var b = Enumerable.Range(0, n * n).Select(i => (float)(i % 11 - 5) / 8).ToArray();
        var module = new KernelModule("gemm1024",
            [new BufferDecl(0, BufferRole.Parameter, n * n * 4), new BufferDecl(1, BufferRole.Parameter, n * n * 4), new BufferDecl(2, BufferRole.Result, n * n * 4)],
            [new ContractionKernel("mm", new TensorRef(0, DType.Float32, [n, n]), new TensorRef(1, DType.Float32, [n, n]),
                DotDimensions.MatMul, Precision.Default, DType.Float32, null, 2)], [0, 1], [2]);
        var exe = backend.Compile(module, CompileOptions.Default);
        var lhs = backend.Upload(a);
        var rhs = backend.Upload(b);
        var result = backend.Allocate(0, n * n * 4);
        backend.Launch(exe, 0, [lhs, rhs], [result]).Wait(); // warm-up (tiering)
        var best = double.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            backend.Launch(exe, 0, [lhs, rhs], [result]).Wait();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        var gflops = 2.0 * n * n * n / best / 1e9;
        output.WriteLine($"f32 GEMM 1024: {best * 1e3:F2} ms, {gflops:F1} GFLOP/s ({CpuIsa.Name}, {Environment.ProcessorCount} cores)");
        var c = backend.Download<float>(result, n * n);
        foreach (var (i, j) in new[] { (0, 0), (5, 1000), (1023, 1023), (517, 3) })
        {
            double expected = 0;
            for (var k = 0; k < n; k++) expected += (double)a[i * n + k] * b[k * n + j];
            Assert.True(Math.Abs(expected - c[i * n + j]) <= 1e-3 * (1 + Math.Abs(expected)), $"C[{i},{j}] = {c[i * n + j]}, expected {expected}");
        }
        Assert.True(gflops > 1, $"{gflops} GFLOP/s");
    }
}
