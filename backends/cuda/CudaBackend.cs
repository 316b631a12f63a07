using System.Diagnostics;
using ILGPU;
using ILGPU.Runtime;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Shared.Profiling;
using JaxNet.Backends.Cuda.Collectives;
using JaxNet.Backends.Cuda.Driver;
using JaxNet.Backends.Cuda.Fusion;
using JaxNet.Backends.Cuda.Kernels;
using JaxNet.Backends.Cuda.Memory;

namespace JaxNet.Backends.Cuda;

/// <summary>
/// The cuda backend on ILGPU: CUDA accelerators, or ILGPU's CPU accelerator in emulation (the same kernels,
/// slowly, for CI). Each device has one in-order ILGPU stream; calls issue work under the device's gate and
/// return events that synchronise the stream.
/// </summary>
internal sealed class CudaBackend : IBackend
{
    private readonly Context context;
    private readonly CudaDevice[] devices;
    private readonly CudaCollectives collectives;

    /// <summary>Whether executables time each kernel (setting <c>profile</c>).</summary>
    public bool Profile { get; set; }

    public CudaBackend(Context context, CudaDevice[] devices, string description, NcclLibrary? nccl = null,
        Action<string>? log = null)
    {
        this.context = context;
        this.devices = devices;
        Description = description;
        Devices = devices.Select(d => d.Info).ToArray();
        var emulated = devices.Length > 0 && devices[0].Info.Attributes.TryGetValue("emulated", out var e) ? e : "false";
        PeerAccess.Enable(devices);
        collectives = new CudaCollectives(Device, nccl is null ? null : new NcclCollectives(nccl), log);
        // Every dtype of ABI 1.4: the narrow integers are registers normalised to their width, uint64 compares,
        // divides and converts unsigned (Numerics/Registers.cs, ScalarOps.cs).
        var dtypes = DTypeInfo.InAbi(new AbiVersion(1, 4));
        Capabilities = new BackendCapabilities(
            dtypes.ToHashSet(),
            // Every required kind, and of the optional ones the Fourier transform (IR 1.2, Kernels/Fft).
            Enum.GetValues<KernelKind>().Where(k => !BackendCapabilities.OptionalKinds.Contains(k)).Append(KernelKind.Fft).ToHashSet(),
            Enum.GetValues<UnaryOp>().ToHashSet(),
            Enum.GetValues<BinaryOp>().ToHashSet(),
            Enum.GetValues<CollectiveKind>().ToHashSet(),
            MaxRank: 16)
        {
            InPlaceScatter = true,
            // The fft's first and last launch read and write complex values as stored (Kernels/Fft/FftLaunch.cs).
            InterleavedFft = true,
            // A fused kernel's buffers travel in one fixed struct of views (Fusion/Slots.cs); the host splits wider fusions.
            MaxKernelBuffers = Slots.Count,
            Attributes = new Dictionary<string, string>
            {
                ["compiler"] = "ILGPU 1.5.3",
                ["emulated"] = emulated,
                ["collectives"] = CudaCollectives.Describe(nccl, emulated == "true"),
            },
        };
    }

    public string Platform => "cuda";

    public string Description { get; }

    public BackendCapabilities Capabilities { get; }

    public IReadOnlyList<DeviceInfo> Devices { get; }

    public ICollectives? Collectives => collectives;

    internal CudaDevice Device(int id) =>
        id >= 0 && id < devices.Length ? devices[id] : throw new ArgumentOutOfRangeException(nameof(id), id, "no such cuda device");

    public DeviceBuffer Allocate(int device, long byteSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteSize);
        var d = Device(device);
        return new CudaBuffer(device, byteSize, d.Allocator.Allocate(byteSize));
    }

    public void Free(DeviceBuffer buffer)
    {
        var b = Own(buffer);
        if (b.Freed) return;
        b.Freed = true;
        var d = Device(b.Device);
        lock (d.Gate) d.Allocator.Free(b.Block);
    }

    public DeviceEvent CopyToDevice(ReadOnlySpan<byte> source, DeviceBuffer destination, long destinationOffset,
        ReadOnlySpan<DeviceEvent> waitFor = default)
    {
        WaitAll(waitFor);
        var b = Own(destination);
        var d = Device(b.Device);
        if (source.Length == 0) return DeviceEvent.Completed;
        if (destinationOffset < 0 || destinationOffset + source.Length > b.ByteSize)
            throw new ArgumentOutOfRangeException(nameof(destinationOffset), "copy past the end of the buffer");
        lock (d.Gate)
        {
            // The span dies with this call: stage it in pinned memory, then the upload runs in stream order.
            var staged = d.Staging.Acquire(source.Length, d.Stream);
            source.CopyTo(d.Staging.Host(source.Length));
            staged.CopyTo(d.Stream, b.View.SubView(destinationOffset, source.Length));
            d.Staging.UploadPending = true;
        }
        return new StreamEvent(d);
    }

    public DeviceEvent CopyToHost(DeviceBuffer source, long sourceOffset, Memory<byte> destination,
        ReadOnlySpan<DeviceEvent> waitFor = default)
    {
        WaitAll(waitFor);
        var b = Own(source);
        var d = Device(b.Device);
        if (destination.Length == 0) return DeviceEvent.Completed;
        if (sourceOffset < 0 || sourceOffset + destination.Length > b.ByteSize)
            throw new ArgumentOutOfRangeException(nameof(sourceOffset), "copy past the end of the buffer");
        lock (d.Gate)
        {
            var staged = d.Staging.Acquire(destination.Length, d.Stream);
            var start = EmulationCost.Start();
            b.View.SubView(sourceOffset, destination.Length).CopyTo(d.Stream, staged);
            d.Stream.Synchronize();
            EmulationCost.Stop("copy to host (synchronised)", start);
            d.Staging.Host(destination.Length).CopyTo(destination.Span);
        }
        return DeviceEvent.Completed;
    }

    public DeviceEvent CopyBuffer(DeviceBuffer source, long sourceOffset, DeviceBuffer destination, long destinationOffset,
        long byteCount, ReadOnlySpan<DeviceEvent> waitFor = default)
    {
        WaitAll(waitFor);
        var s = Own(source);
        var t = Own(destination);
        if (byteCount == 0) return DeviceEvent.Completed;
        var d = Device(t.Device);
        if (s.Device != t.Device)
        {
            // Across devices: finish the source's work first, then copy on the destination's stream.
            Device(s.Device).Stream.Synchronize();
        }
        lock (d.Gate)
            s.View.SubView(sourceOffset, byteCount).CopyTo(d.Stream, t.View.SubView(destinationOffset, byteCount));
        return new StreamEvent(d);
    }

    public IExecutable Compile(KernelModule module, CompileOptions options)
    {
        module.Validate();
        foreach (var kernel in module.Kernels)
        {
            if (Capabilities.Unsupported(kernel) is { } missing)
                throw new KernelCompilationException(kernel.Name, $"the cuda backend does not support {missing}");
        }
        var first = devices[0];
        var start = EmulationCost.Start();
        lock (first.Gate)
        {
            var executable = new CudaExecutable(module, first) { Profile = Profile ? new KernelProfile(module.Kernels.Count) : null };
            EmulationCost.Stop("module compile (all)", start);
            return executable;
        }
    }

    public DeviceEvent Launch(IExecutable executable, int device, ReadOnlySpan<DeviceBuffer> parameters,
        ReadOnlySpan<DeviceBuffer> results, ReadOnlySpan<DeviceEvent> waitFor = default)
    {
        WaitAll(waitFor);
        var exe = executable as CudaExecutable ?? throw new ArgumentException("not an executable of the cuda backend");
        var module = exe.Module;
        var d = Device(device);
        var views = new ArrayView<byte>[module.Buffers.Count];
        var temporaries = new List<CudaBuffer>(exe.Temporaries.Count);
        for (var i = 0; i < parameters.Length; i++) views[module.Parameters[i]] = Own(parameters[i]).View;
        for (var i = 0; i < results.Length; i++) views[module.Results[i]] = Own(results[i]).View;
        lock (d.Gate)
        {
            // Compiled for this device on its first launch here (ILGPU kernels belong to one accelerator).
            var kernels = exe.For(d);
            foreach (var decl in exe.Temporaries)
            {
                var t = new CudaBuffer(device, decl.ByteSize, d.Allocator.Allocate(decl.ByteSize));
                temporaries.Add(t);
                views[decl.Id] = t.View;
            }
            var issued = EmulationCost.Start();
            try
            {
                var profile = exe.Profile;
                for (var k = 0; k < kernels.Length; k++)
                {
                    // Profiled, each kernel runs alone: the stream is drained before it and waited for after it, so
                    // its time is its launch and its run (and one synchronisation), not the queue's.
                    if (profile is not null) d.Stream.Synchronize();
                    var start = profile is null ? 0 : Stopwatch.GetTimestamp();
                    var kind = EmulationCost.Start();
                    using (var frame = new LaunchFrame(d, views)) kernels[k].Issue(frame);
                    if (EmulationCost.On) EmulationCost.Stop(EmulationCost.LaunchOf(module.Kernels[k].Kind), kind);
                    if (profile is null) continue;
                    d.Stream.Synchronize();
                    profile.Add(k, Stopwatch.GetTimestamp() - start);
                }
            }
            catch (Exception e)
            {
                return DeviceEvent.Failed(e);
            }
            finally
            {
                // Stream-ordered frees: later work on this stream cannot overtake the launches above.
                foreach (var t in temporaries) d.Allocator.Free(t.Block);
                EmulationCost.Stop("launch (issue and run)", issued);
            }
        }
        return new StreamEvent(d);
    }

    private static CudaBuffer Own(DeviceBuffer buffer) =>
        buffer as CudaBuffer ?? throw new ArgumentException("not a buffer of the cuda backend");

    private static void WaitAll(ReadOnlySpan<DeviceEvent> events)
    {
        foreach (var e in events) e.Wait();
    }

    public void Dispose()
    {
        collectives.Dispose();
        foreach (var d in devices) d.Dispose();
        context.Dispose();
    }
}
