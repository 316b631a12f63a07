using ILGPU;
using System.Collections.Concurrent;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Driver;
using JaxNet.Backends.Cuda.Kernels;

namespace JaxNet.Backends.Cuda;

/// <summary>A compiled module: its kernels compiled per device (ILGPU kernels belong to one accelerator), the
/// first device's at <see cref="IBackend.Compile"/> time so that errors surface there.</summary>
internal sealed class CudaExecutable : IExecutable
{
    private readonly ConcurrentDictionary<int, ICompiledKernel[]> perDevice = new();

    public CudaExecutable(KernelModule module, CudaDevice first)
    {
        Module = module;
        perDevice[first.Id] = CompileFor(first);
    }

    public KernelModule Module { get; }

    public ICompiledKernel[] For(CudaDevice device) => perDevice.GetOrAdd(device.Id, _ => CompileFor(device));

    private ICompiledKernel[] CompileFor(CudaDevice device) => Module.Kernels.Select(k => Compile(device, k)).ToArray();

    private static ICompiledKernel Compile(CudaDevice device, Kernel kernel)
    {
        var accelerator = device.Accelerator;
        try
        {
            return kernel switch
            {
                ElementwiseKernel e => FusedElementwise.From(accelerator, e),
                CopyKernel c => FusedElementwise.From(accelerator, c),
                ReductionKernel r => new FusedReduction(accelerator, r),
                ContractionKernel c => new Contraction(accelerator, c),
                ConvolutionKernel c => new Convolution(accelerator, c),
                ScanKernel s => new ChunkedScan(accelerator, s),
                SortKernel s => new MergeSort(accelerator, s),
                GatherKernel g => new GatherElements(accelerator, g),
                ScatterKernel s => new ScatterByWindow(accelerator, s),
                _ => throw new KernelCompilationException(kernel.Name, $"kernel kind {kernel.Kind} is not implemented by the cuda backend"),
            };
        }
        catch (Exception e) when (e is not KernelCompilationException)
        {
            var cause = Unwrap(e);
            throw new KernelCompilationException(kernel.Name, $"{cause.GetType().Name}: {cause.Message}", e);
        }
    }

    // Reflection (launchers made with MakeGenericType) and ILGPU's parallel compiler wrap the cause.
    private static Exception Unwrap(Exception e)
    {
        while (e is System.Reflection.TargetInvocationException or AggregateException or InternalCompilerException && e.InnerException is { } inner)
            e = inner;
        return e;
    }

    public string Describe() =>
        $"cuda: {Module.Kernels.Count} kernels, one fused ILGPU kernel per elementwise/reduction kernel, " +
        "contractions as pack + GEMM (cuBLAS GemmEx on a GPU) + epilogue, convolutions as im2col + the same GEMM + epilogue\n" + Module.ToText();

    public void Dispose()
    {
        foreach (var kernels in perDevice.Values)
            foreach (var k in kernels) k.Dispose();
    }
}
