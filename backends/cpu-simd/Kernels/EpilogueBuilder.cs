using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen;
using JaxNet.Backends.CpuSimd.Launch;

namespace JaxNet.Backends.CpuSimd.Kernels;

/// <summary>
/// Runs a contraction's or convolution's fused epilogue: the accumulator values go to a scratch buffer, and the
/// epilogue becomes an elementwise kernel (input 0 = the scratch, inputs 1..n = the epilogue's) that the code
/// generator compiles once.
/// </summary>
internal static class EpilogueBuilder
{
    /// <summary>Reserves the scratch buffer and compiles the epilogue; returns both.</summary>
    public static (int Scratch, ICpuKernel Kernel) Build(string kernelName, FusedEpilogue epilogue, DType accumulator,
        int[] outputShape, int output, CompileContext context)
    {
        var count = outputShape.Aggregate(1L, (a, b) => a * b);
        var scratch = context.RequestScratch(count * accumulator.SizeOf());
        var inputs = new List<MappedInput> { new(scratch, accumulator, IndexMap.Identity(outputShape)) };
        inputs.AddRange(epilogue.Inputs);
        var elementwise = new ElementwiseKernel(kernelName + ".epilogue", outputShape, inputs, epilogue.Program, [output]);
        return (scratch, ElementwiseCompiler.Compile(elementwise));
    }
}
