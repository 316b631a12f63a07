using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen;
using JaxNet.Backends.CpuSimd.Codegen.Emit;

namespace JaxNet.Backends.CpuSimd.Tests.Codegen;

/// <summary>Compiles and runs kernels against <see cref="NativeTensor"/>s (buffer id = position in the list).</summary>
internal static class CodegenRun
{
    /// <summary>Every code path: Vector512, Vector256 and scalar (paths the hardware lacks fall back to narrower ones).</summary>
    public static TheoryData<int> Widths => [512, 256, 0];

    public static bool Elementwise(ElementwiseKernel kernel, int width, params NativeTensor[] buffers)
    {
        var compiled = ElementwiseCompiler.Compile(kernel, (VectorWidth)width);
        compiled.Run(new BufferTable(buffers.Select(b => b.Address).ToArray()));
        return compiled.Vectorized;
    }

    public static bool Reduction(ReductionKernel kernel, int width, params NativeTensor[] buffers)
    {
        var compiled = ReductionCompiler.Compile(kernel, (VectorWidth)width);
        compiled.Run(new BufferTable(buffers.Select(b => b.Address).ToArray()));
        return compiled.Vectorized;
    }

    /// <summary>y = program(x) over a contiguous 1-D input.</summary>
    public static ElementwiseKernel Map1D(int count, DType input, Func<ScalarProgramBuilder, int, int> body)
    {
        var b = new ScalarProgramBuilder();
        var result = body(b, b.Load(0, input));
        return new ElementwiseKernel("map", [count], [new MappedInput(0, input, IndexMap.Identity([count]))], b.Build(result), [1]);
    }

    /// <summary>z = program(x, y) over two contiguous 1-D inputs of one dtype.</summary>
    public static ElementwiseKernel Zip1D(int count, DType input, Func<ScalarProgramBuilder, int, int, int> body)
    {
        var b = new ScalarProgramBuilder();
        var result = body(b, b.Load(0, input), b.Load(1, input));
        var map = IndexMap.Identity([count]);
        return new ElementwiseKernel("zip", [count], [new MappedInput(0, input, map), new MappedInput(1, input, map)], b.Build(result), [2]);
    }

    /// <summary>|expected - actual| &lt;= relative*|expected| + absolute; NaN must meet NaN, infinities match exactly.</summary>
    public static void AssertClose(double expected, double actual, double relative, double absolute, string what)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual), $"{what}: expected NaN, got {actual:R}");
            return;
        }
        if (double.IsInfinity(expected) || (relative == 0 && absolute == 0))
        {
            Assert.True(expected.Equals(actual), $"{what}: expected {expected:R}, got {actual:R}");
            return;
        }
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Abs(expected) + absolute,
            $"{what}: expected {expected:R}, got {actual:R}");
    }
}
