using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.TpuSim.Execution.Fft;

namespace JaxNet.Backends.TpuSim.Execution;

/// <summary>Computes one kernel's results in a launch's memory.</summary>
internal static class KernelRunner
{
    public static void Run(Kernel kernel, LaunchMemory memory)
    {
        switch (kernel)
        {
            case ElementwiseKernel k: ElementwiseExecutor.Run(k, memory); break;
            case CopyKernel k: ElementwiseExecutor.Run(k, memory); break;
            case ReductionKernel k: ReductionExecutor.Run(k, memory); break;
            case ContractionKernel k: ContractionExecutor.Run(k, memory); break;
            case ConvolutionKernel k: ConvolutionExecutor.Run(k, memory); break;
            case GatherKernel k: GatherScatterExecutor.Run(k, memory); break;
            case ScatterKernel k: GatherScatterExecutor.Run(k, memory); break;
            case SortKernel k: SortScanExecutor.Run(k, memory); break;
            case ScanKernel k: SortScanExecutor.Run(k, memory); break;
            case FftKernel k: FftExecutor.Run(k, memory); break;
            default: throw new NotSupportedException($"kernel kind {kernel.Kind}");
        }
    }
}
