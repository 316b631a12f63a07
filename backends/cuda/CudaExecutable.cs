using ILGPU;
using System.Collections.Concurrent;
using System.Text;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Shared.Profiling;
using JaxNet.Backends.Cuda.Driver;
using JaxNet.Backends.Cuda.Kernels;
using JaxNet.Backends.Cuda.Kernels.Fft;

namespace JaxNet.Backends.Cuda;

/// <summary>A compiled module: its kernels compiled per device (ILGPU kernels belong to one accelerator), the
/// first device's at <see cref="IBackend.Compile"/> time so that errors surface there.</summary>
internal sealed class CudaExecutable : IExecutable
{
    private readonly ConcurrentDictionary<int, ICompiledKernel[]> perDevice = new();

    public CudaExecutable(KernelModule module, CudaDevice first)
    {
        Module = module;
        Temporaries = [.. module.Buffers.Where(b => b.Role == BufferRole.Temporary)];
        perDevice[first.Id] = CompileFor(first);
    }

    public KernelModule Module { get; }

    /// <summary>The module's temporary buffers, each allocated per launch (found once here, not on every launch).</summary>
    public IReadOnlyList<BufferDecl> Temporaries { get; }

    /// <summary>Per-kernel times, when the backend's <c>profile</c> setting is on.</summary>
    public KernelProfile? Profile { get; init; }

    public ICompiledKernel[] For(CudaDevice device) => perDevice.GetOrAdd(device.Id, _ => CompileFor(device));

    private ICompiledKernel[] CompileFor(CudaDevice device) => Module.Kernels.Select(k => Compile(device, k)).ToArray();

    private static ICompiledKernel Compile(CudaDevice device, Kernel kernel)
    {
        var accelerator = device.Accelerator;
        var start = EmulationCost.Start();
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
                FftKernel f => CudaFft.Compile(accelerator, f),
                _ => throw new KernelCompilationException(kernel.Name, $"kernel kind {kernel.Kind} is not implemented by the cuda backend"),
            };
        }
        catch (Exception e) when (e is not KernelCompilationException)
        {
            var cause = Unwrap(e);
            throw new KernelCompilationException(kernel.Name, $"{cause.GetType().Name}: {cause.Message}", e);
        }
        finally
        {
            if (EmulationCost.On) EmulationCost.Stop(EmulationCost.CompileOf(kernel.Kind), start);
        }
    }

    // Reflection (launchers made with MakeGenericType) and ILGPU's parallel compiler wrap the cause.
    private static Exception Unwrap(Exception e)
    {
        while (e is System.Reflection.TargetInvocationException or AggregateException or InternalCompilerException && e.InnerException is { } inner)
            e = inner;
        return e;
    }

    public string Describe()
    {
        var text = new StringBuilder()
            .Append("cuda: ").Append(Module.Kernels.Count).Append(" kernels, one fused ILGPU kernel per elementwise/reduction kernel, ")
            .Append("contractions as pack + GEMM (cuBLAS GemmEx on a GPU) + epilogue, convolutions as im2col + the same GEMM + epilogue, ")
            .Append("transforms as one launch per Stockham pass (Bluestein's convolution for large prime factors)\n")
            .Append(Module.ToText());
        if (Profile is null) return text.ToString();
        text.Append("; cuda profile (each kernel timed alone: its launch, its run and one stream synchronisation)\n");
        for (var i = 0; i < Module.Kernels.Count; i++)
        {
            var kernel = Module.Kernels[i];
            text.Append(";   ").Append(kernel.Kind.ToString().ToLowerInvariant()).Append(' ').Append(kernel.Name)
                .Append(Profile.Describe(i)).Append('\n');
        }
        return text.ToString();
    }

    public void Dispose()
    {
        foreach (var kernels in perDevice.Values)
            foreach (var k in kernels) k.Dispose();
    }
}
