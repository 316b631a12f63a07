using System.Reflection;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Driver;
using JaxNet.Backends.Cuda.Kernels;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>The GEMM and im2col kernels compile to PTX for sm_90 (the direct convolution kernel they replace did
/// not survive the driver's JIT), and whole contractions and convolutions compile with the PTX check on.</summary>
public sealed class GemmPtxTests
{
    [Theory]
    [InlineData(typeof(Im2Col), false)]
    [InlineData(typeof(GemmKernel), true)]
    public void TheKernelCompilesToPtx(Type kernel, bool explicitlyGrouped)
    {
        var ptx = PtxOf.Method(kernel.GetMethod("Run", BindingFlags.NonPublic | BindingFlags.Static)!, explicitlyGrouped);
        Assert.Contains(".visible .entry", ptx);
        // No local arrays and no calls: index arithmetic, loads and stores (GPUFACTS' rule for kernels the JIT takes).
        Assert.DoesNotContain(".local", ptx);
        Assert.DoesNotContain("call", ptx);
    }

    [Theory]
    [InlineData(DType.Float32, DType.Float32)]
    [InlineData(DType.BFloat16, DType.Float32)]
    [InlineData(DType.Int32, DType.Int32)]
    public void ContractionsAndConvolutionsCompileWithThePtxCheckOn(DType inputs, DType accumulator)
    {
        using var backend = CudaPlugin.Emulated(0.1, 1);
        var accelerator = backend.Device(0).Accelerator;
        PtxCheck.Enable(accelerator.Context);
        var dot = new ContractionKernel("d", new TensorRef(0, inputs, [3, 4]), new TensorRef(1, inputs, [4, 5]), DotDimensions.MatMul,
            Precision.Default, accumulator, null, 2);
        using var contraction = new Contraction(accelerator, dot);
        var conv = new Im2ColTests.Case("c", [1, 2, 5], [3, 2, 3], [1], [1], [1], [1], [1]).Kernel(inputs) with { AccumulatorDType = accumulator };
        using var convolution = new Convolution(accelerator, conv);
    }
}
