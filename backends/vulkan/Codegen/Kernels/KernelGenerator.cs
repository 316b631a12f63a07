using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Vulkan.Codegen.Kernels.Fft;

namespace JaxNet.Backends.Vulkan.Codegen.Kernels;

/// <summary>Dispatches a kernel of any kind of IR v1 (and 1.2's fft) to its generator.</summary>
internal static class KernelGenerator
{
    public static IReadOnlyList<KernelPass> Generate(Kernel kernel, GenerationContext ctx) => kernel switch
    {
        ElementwiseKernel k => ElementwiseGenerator.Generate(k, ctx),
        CopyKernel k => ElementwiseGenerator.Generate(k, ctx),
        ReductionKernel k => ReductionGenerator.Generate(k, ctx),
        ContractionKernel k => ContractionGenerator.Generate(k, ctx),
        ConvolutionKernel k => ConvolutionGenerator.Generate(k, ctx),
        ScanKernel k => ScanGenerator.Generate(k, ctx),
        GatherKernel k => GatherGenerator.Generate(k, ctx),
        ScatterKernel k => ScatterGenerator.Generate(k, ctx),
        SortKernel k => SortGenerator.Generate(k, ctx),
        FftKernel k => FftGenerator.Generate(k, ctx),
        _ => throw new NotSupportedException($"kernel kind {kernel.Kind}"),
    };
}
