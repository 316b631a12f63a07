using ILGPU;
using ILGPU.Runtime;
using JaxNet.Abstractions;
using JaxNet.Backends.Cuda.Kernels;
using JaxNet.Backends.Cuda.Memory;

namespace JaxNet.Backends.Cuda.Driver;

/// <summary>
/// One device of the backend: its ILGPU accelerator, its one in-order stream (the ABI's per-device stream),
/// its caching allocator and the kernels every module shares. Issuing work takes <see cref="Gate"/> so that
/// calls from several threads enter the stream in a definite order.
/// </summary>
internal sealed class CudaDevice : IDisposable
{
    private Action<AcceleratorStream, KernelConfig, Fusion.Slots, GemmParams>? gemm;
    private IntPtr blasHandle;
    private readonly DeviceInfo plainInfo;
    private DeviceInfo? info;

    public CudaDevice(int id, Accelerator accelerator, long memoryLimit, DeviceInfo info)
    {
        Id = id;
        Accelerator = accelerator;
        Stream = accelerator.CreateStream();
        Allocator = new CachingAllocator(accelerator, memoryLimit);
        Staging = new PinnedStaging(accelerator);
        plainInfo = info;
    }

    public int Id { get; }

    public Accelerator Accelerator { get; }

    public AcceleratorStream Stream { get; }

    public CachingAllocator Allocator { get; }

    /// <summary>The device's description, with the attribute <c>gemm</c>: which GEMM its contractions and
    /// convolutions use (<see cref="GemmPath"/>).</summary>
    public DeviceInfo Info => info ??= plainInfo with
    {
        Attributes = new Dictionary<string, string>(plainInfo.Attributes) { ["gemm"] = GemmPath(Blas) },
    };

    /// <summary>Page-locked host memory for copies to and from the host (use under <see cref="Gate"/>).</summary>
    public PinnedStaging Staging { get; }

    public object Gate { get; } = new();

    /// <summary>cuBLAS for float contractions on a real GPU, or null (emulation, no library, or disabled).</summary>
    public CuBlas? Blas { get; init; }

    /// <summary>This device's cuBLAS handle, created on first use (call with <see cref="Gate"/> held).</summary>
    public IntPtr BlasHandle => blasHandle != IntPtr.Zero ? blasHandle : blasHandle = Blas!.CreateHandle(Accelerator, Stream);

    public Action<AcceleratorStream, KernelConfig, Fusion.Slots, GemmParams> Gemm
    {
        get
        {
            lock (Gate) return gemm ??= GemmKernel.Load(Accelerator);
        }
    }

    /// <summary>The value of the <c>gemm</c> attribute: cuBLAS's Ex path for float products when the library is
    /// there, the ILGPU kernel for the rest.</summary>
    public static string GemmPath(CuBlas? blas) => blas is null
        ? "ilgpu (8x8 tiles, double accumulation)"
        : "cublasGemmStridedBatchedEx for floats (f32: TF32 unless precision is highest; bf16/f16 inputs: f32 compute; " +
          "f64: 64F), ilgpu for integers";

    public void Dispose()
    {
        Stream.Synchronize();
        Allocator.Dispose();
        Staging.Dispose();
        Stream.Dispose();
        Accelerator.Dispose();
    }
}

/// <summary>
/// Completion of work issued to a device stream: waiting synchronises the stream (ILGPU 1.5 exposes no CUDA
/// event objects, so an event stands for "everything issued to this stream so far").
/// </summary>
internal sealed class StreamEvent(CudaDevice device) : DeviceEvent
{
    private volatile bool completed;

    /// <summary>ILGPU cannot query a stream without waiting, so asking synchronises (a poll loop still ends).</summary>
    public override bool IsCompleted
    {
        get
        {
            if (!completed) Wait();
            return true;
        }
    }

    public override void Wait()
    {
        if (completed) return;
        try
        {
            device.Stream.Synchronize();
        }
        catch (Exception e)
        {
            throw new DeviceOperationException($"cuda device {device.Id}: {e.Message}", e);
        }
        completed = true;
    }
}
