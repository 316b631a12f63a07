using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Vulkan.Codegen;
using JaxNet.Backends.Vulkan.Collectives;
using JaxNet.Backends.Vulkan.Compiler;
using JaxNet.Backends.Vulkan.Driver;
using JaxNet.Backends.Vulkan.Launch;
using JaxNet.Backends.Vulkan.Memory;

namespace JaxNet.Backends.Vulkan;

/// <summary>
/// The Vulkan backend: every selected physical device as a JaxNet device, each with one compute queue and an
/// in-order stream. Kernels become GLSL compute shaders compiled by glslc (see <see cref="GlslCompiler"/>).
/// The dtypes offered depend on the devices' features (the intersection over all selected devices).
/// After <see cref="Dispose"/>, <see cref="Free"/>, <see cref="Synchronize"/> and the events it returned still
/// work (nothing is left to wait for, and the memory went with the devices); new work is refused.
/// </summary>
public sealed class VulkanBackend : IBackend
{
    private readonly VulkanInstance instance;
    private readonly VulkanDevice[] devices;
    private readonly ModuleCompiler compiler;
    private int disposed;

    internal VulkanBackend(VulkanInstance instance, IReadOnlyList<PhysicalDeviceInfo> selected, GlslCompiler glsl, int? maxKernelBuffers = null)
    {
        this.instance = instance;
        devices = new VulkanDevice[selected.Count];
        try
        {
            for (var i = 0; i < selected.Count; i++) devices[i] = new VulkanDevice(instance.Api, i, selected[i]);
        }
        catch
        {
            foreach (var d in devices) d?.Dispose();
            throw;
        }
        Glsl = glsl;
        // One SPIR-V serves every selected device, so it declares only the float controls all of them allow.
        var floatControls = FloatControls.Common(selected.Select(d => d.FloatControls));
        Target = new ShaderTarget(
            selected.All(d => d.SubgroupArithmetic),
            selected.Min(d => d.SubgroupSize),
            selected.All(d => d.Int64Atomics),
            selected.Min(d => d.MaxSharedMemoryBytes),
            floatControls.DeclarableDenormPreserve,
            floatControls.SignedZeroInfNanPreserve);
        Devices = devices.Select(d => new DeviceInfo(d.Id, d.Info.Name, d.Info.DeviceLocalBytes, d.Info.Attributes(Target.DenormPreserve))).ToArray();
        Capabilities = CapabilitiesOf(selected, glsl, Target) with { MaxKernelBuffers = KernelBufferLimit.Of(selected, maxKernelBuffers) };
        compiler = new ModuleCompiler(Capabilities, Target, glsl, selected.Min(d => d.MaxStorageBufferBindings));
        Collectives = new HostStagedCollectives(this);
        Description = "Vulkan compute via Silk.NET.Vulkan and glslc: " +
            string.Join("; ", selected.Select(d => $"{d.Name} ({d.Driver}, Vulkan {d.ApiVersionText})"));
    }

    public string Platform => "vulkan";

    public string Description { get; }

    public BackendCapabilities Capabilities { get; }

    public IReadOnlyList<DeviceInfo> Devices { get; }

    public ICollectives? Collectives { get; }

    internal GlslCompiler Glsl { get; }

    internal ShaderTarget Target { get; }

    internal VulkanDevice Device(int id) =>
        id >= 0 && id < devices.Length ? devices[id] : throw new ArgumentOutOfRangeException(nameof(id), id, $"the vulkan backend has {devices.Length} device(s)");

    public DeviceBuffer Allocate(int device, long byteSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteSize);
        ThrowIfDisposed();
        var d = Device(device);
        return d.Allocate(d.Arrays, byteSize);
    }

    public void Free(DeviceBuffer buffer)
    {
        var b = Own(buffer);
        if (!b.MarkFreed()) throw new InvalidOperationException("the buffer was already freed");
        var d = Device(b.Device);
        d.Stream.ReleaseAfterIssued(() => d.Arrays.Release(b));
    }

    public DeviceEvent CopyToDevice(ReadOnlySpan<byte> source, DeviceBuffer destination, long destinationOffset,
        ReadOnlySpan<DeviceEvent> waitFor = default)
    {
        ThrowIfDisposed();
        var dst = Own(destination);
        CheckRange(dst, destinationOffset, source.Length);
        return Transfers.ToDevice(Device(dst.Device), source, dst, destinationOffset, waitFor);
    }

    public DeviceEvent CopyToHost(DeviceBuffer source, long sourceOffset, Memory<byte> destination,
        ReadOnlySpan<DeviceEvent> waitFor = default)
    {
        ThrowIfDisposed();
        var src = Own(source);
        CheckRange(src, sourceOffset, destination.Length);
        return Transfers.ToHost(Device(src.Device), src, sourceOffset, destination, waitFor);
    }

    public DeviceEvent CopyBuffer(DeviceBuffer source, long sourceOffset, DeviceBuffer destination, long destinationOffset,
        long byteCount, ReadOnlySpan<DeviceEvent> waitFor = default)
    {
        ThrowIfDisposed();
        var src = Own(source);
        var dst = Own(destination);
        CheckRange(src, sourceOffset, byteCount);
        CheckRange(dst, destinationOffset, byteCount);
        return Transfers.Between(Device(src.Device), src, sourceOffset, Device(dst.Device), dst, destinationOffset, byteCount, waitFor);
    }

    public IExecutable Compile(KernelModule module, CompileOptions options)
    {
        ThrowIfDisposed();
        return compiler.Compile(module, options);
    }

    public DeviceEvent Launch(IExecutable executable, int device, ReadOnlySpan<DeviceBuffer> parameters,
        ReadOnlySpan<DeviceBuffer> results, ReadOnlySpan<DeviceEvent> waitFor = default)
    {
        if (executable is not VulkanExecutable exe) throw new ArgumentException("the executable was not compiled by the vulkan backend", nameof(executable));
        ThrowIfDisposed();
        var d = Device(device);
        var module = exe.Module;
        if (parameters.Length != module.Parameters.Count || results.Length != module.Results.Count)
            throw new ArgumentException($"module {module.Name} takes {module.Parameters.Count} parameter(s) and {module.Results.Count} result(s), " +
                $"got {parameters.Length} and {results.Length}");
        var buffers = new VulkanBuffer[module.Buffers.Count + exe.Scratch.Count];
        for (var i = 0; i < parameters.Length; i++) buffers[module.Parameters[i]] = Bound(parameters[i], device, module, module.Parameters[i]);
        for (var i = 0; i < results.Length; i++) buffers[module.Results[i]] = Bound(results[i], device, module, module.Results[i]);
        var temporaries = new List<VulkanBuffer>();
        foreach (var decl in module.Buffers.Where(b => b.Role == BufferRole.Temporary))
            temporaries.Add(buffers[decl.Id] = d.Allocate(d.Arrays, decl.ByteSize));
        var tables = exe.Constants.Any ? exe.Constants.On(d) : null;
        for (var s = 0; s < exe.Scratch.Count; s++)
        {
            if (tables?[s] is { } table)
            {
                buffers[module.Buffers.Count + s] = table;
                continue;
            }
            temporaries.Add(buffers[module.Buffers.Count + s] = d.Allocate(d.Arrays, exe.Scratch[s].Bytes));
        }
        var e = d.Stream.SubmitGpu(waitFor, (cmd, cleanups) => LaunchRecorder.Record(d, exe, buffers, cmd, cleanups));
        if (temporaries.Count > 0) d.Stream.ReleaseAfterIssued(() => { foreach (var t in temporaries) d.Arrays.Release(t); });
        return e;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);

    private VulkanBuffer Bound(DeviceBuffer buffer, int device, KernelModule module, int id)
    {
        var b = Own(buffer);
        if (b.Device != device) throw new ArgumentException($"buffer b{id} of module {module.Name} lives on device {b.Device}, not {device}");
        if (b.ByteSize < module.Buffers[id].ByteSize)
            throw new ArgumentException($"buffer b{id} of module {module.Name} has {b.ByteSize} bytes, the module declares {module.Buffers[id].ByteSize}");
        return b;
    }

    private static VulkanBuffer Own(DeviceBuffer buffer) => buffer switch
    {
        VulkanBuffer { IsFreed: true } => throw new InvalidOperationException("the buffer has been freed"),
        VulkanBuffer b => b,
        _ => throw new ArgumentException($"a {buffer.GetType().Name} does not belong to the vulkan backend", nameof(buffer)),
    };

    private static void CheckRange(VulkanBuffer buffer, long offset, long count)
    {
        if (offset < 0 || count < 0 || offset + count > buffer.ByteSize)
            throw new ArgumentOutOfRangeException(nameof(offset), $"bytes [{offset}, {offset + count}) are outside a buffer of {buffer.ByteSize} bytes");
    }

    /// <summary>Blocks until every device has finished everything issued.</summary>
    public void Synchronize()
    {
        foreach (var d in devices) d.Stream.Synchronize();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        foreach (var d in devices) d.Dispose();
        instance.Dispose();
    }

    private static BackendCapabilities CapabilitiesOf(IReadOnlyList<PhysicalDeviceInfo> devices, GlslCompiler glsl, ShaderTarget target)
    {
        var everything = BackendCapabilities.Everything(DeviceDTypes.Of(devices), maxRank: 16);
        var attributes = new Dictionary<string, string>
        {
            ["devices"] = string.Join("; ", devices.Select(d => d.Name)),
            ["glslc"] = glsl.GlslcPath,
            ["shader_cache"] = glsl.CacheDirectory,
            [PhysicalDeviceInfo.Float32DenormalsAttribute] = PhysicalDeviceInfo.Denormals(target.DenormPreserve, FloatWidths.Float32),
        };
        // The host refuses kernels on a missing dtype with "dtype i16"; this says which device feature it lacks.
        var missing = DTypeInfo.All.Select(t => DeviceDTypes.Missing(devices, t)).OfType<string>().ToArray();
        if (missing.Length > 0) attributes[DeviceDTypes.MissingAttribute] = string.Join("; ", missing);
        return everything with
        {
            KernelKinds = everything.KernelKinds.Append(KernelKind.Fft).ToHashSet(),
            // The first and last pass read and write complex values as stored (Codegen/Kernels/Fft/FftArray.cs).
            InterleavedFft = true,
            InPlaceScatter = true,
            Attributes = attributes,
        };
    }
}
