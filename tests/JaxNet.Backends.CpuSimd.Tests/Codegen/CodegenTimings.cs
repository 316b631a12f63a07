using System.Diagnostics;
using JaxNet.Abstractions.Kernels;
using Xunit.Abstractions;

namespace JaxNet.Backends.CpuSimd.Tests.Codegen;

/// <summary>
/// Timings of the two seed workloads, printed and never asserted (machines differ). Runs only with
/// JAXNET_CODEGEN_TIMINGS=1: dotnet test --filter CodegenTimings --logger "console;verbosity=detailed".
/// </summary>
public sealed class CodegenTimings(ITestOutputHelper output)
{
    private const int N = 10_000_000;

    private static bool Enabled => Environment.GetEnvironmentVariable("JAXNET_CODEGEN_TIMINGS") == "1";

    [Fact]
    public void Fused_sum_of_x_plus_y_times_z()
    {
        if (!Enabled) return;
        var b = new ScalarProgramBuilder();
        var value = b.Binary(BinaryOp.Add, b.Load(0, DType.Float32), b.Binary(BinaryOp.Mul, b.Load(1, DType.Float32), b.Load(2, DType.Float32)));
        var map = IndexMap.Identity([N]);
        var kernel = new ReductionKernel("sum_fma", [N], [0],
            [new MappedInput(0, DType.Float32, map), new MappedInput(1, DType.Float32, map), new MappedInput(2, DType.Float32, map)],
            b.Build(value), ReduceOp.Sum, DType.Float32, null, 3);
        using var x = Filled(1);
        using var y = Filled(2);
        using var z = Filled(3);
        using var result = NativeTensor.Empty(DType.Float32, 1);
        Time("sum(x + y*z), 10M f32", () => CodegenRun.Reduction(kernel, 512, x, y, z, result));
    }

    [Fact]
    public void Tanh_times_logistic_plus_exp()
    {
        if (!Enabled) return;
        var b = new ScalarProgramBuilder();
        var t = b.Unary(UnaryOp.Tanh, b.Load(0, DType.Float32));
        var s = b.Unary(UnaryOp.Logistic, b.Load(1, DType.Float32));
        var e = b.Unary(UnaryOp.Exp, b.Unary(UnaryOp.Neg, b.Load(2, DType.Float32)));
        var map = IndexMap.Identity([N]);
        var kernel = new ElementwiseKernel("tanh_logistic_exp", [N],
            [new MappedInput(0, DType.Float32, map), new MappedInput(1, DType.Float32, map), new MappedInput(2, DType.Float32, map)],
            b.Build(b.Binary(BinaryOp.Add, b.Binary(BinaryOp.Mul, t, s), e)), [3]);
        using var x = Filled(1);
        using var y = Filled(2);
        using var z = Filled(3);
        using var result = NativeTensor.Empty(DType.Float32, N);
        Time("tanh(x)*logistic(y)+exp(-z), 10M f32", () => CodegenRun.Elementwise(kernel, 512, x, y, z, result));
    }

    private void Time(string what, Func<bool> compileAndRun)
    {
        var compile = Stopwatch.StartNew();
        var vectorized = compileAndRun();
        compile.Stop();
        var best = double.MaxValue;
        for (var i = 0; i < 10; i++)
        {
            var watch = Stopwatch.StartNew();
            compileAndRun();
            best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
        }
        output.WriteLine($"{what}: best {best:F2} ms (compile + run), first call {compile.Elapsed.TotalMilliseconds:F1} ms (cold), vectorized {vectorized}");
    }

    private static NativeTensor Filled(int seed)
    {
        var t = NativeTensor.Empty(DType.Float32, N);
        for (var i = 0; i < N; i++) t.Set(i, ((i * seed) % 1000) * 0.002 - 1);
        return t;
    }
}
