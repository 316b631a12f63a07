using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Tests.Parallel;

/// <summary>Another backend with its collectives hidden: everything else is forwarded unchanged.</summary>
internal sealed class BackendWithoutCollectives(IBackend inner) : IBackend
{
    public string Platform => inner.Platform;

    public string Description => inner.Description + ", collectives hidden";

    public BackendCapabilities Capabilities { get; } = inner.Capabilities with { Collectives = new HashSet<CollectiveKind>() };

    public IReadOnlyList<DeviceInfo> Devices => inner.Devices;

    public ICollectives? Collectives => null;

    public DeviceBuffer Allocate(int device, long byteSize) => inner.Allocate(device, byteSize);

    public void Free(DeviceBuffer buffer) => inner.Free(buffer);

    public DeviceEvent CopyToDevice(ReadOnlySpan<byte> source, DeviceBuffer destination, long destinationOffset,
        ReadOnlySpan<DeviceEvent> waitFor = default) => inner.CopyToDevice(source, destination, destinationOffset, waitFor);

    public DeviceEvent CopyToHost(DeviceBuffer source, long sourceOffset, Memory<byte> destination,
        ReadOnlySpan<DeviceEvent> waitFor = default) => inner.CopyToHost(source, sourceOffset, destination, waitFor);

    public DeviceEvent CopyBuffer(DeviceBuffer source, long sourceOffset, DeviceBuffer destination, long destinationOffset,
        long byteCount, ReadOnlySpan<DeviceEvent> waitFor = default) =>
        inner.CopyBuffer(source, sourceOffset, destination, destinationOffset, byteCount, waitFor);

    public IExecutable Compile(KernelModule module, CompileOptions options) => inner.Compile(module, options);

    public DeviceEvent Launch(IExecutable executable, int device, ReadOnlySpan<DeviceBuffer> parameters,
        ReadOnlySpan<DeviceBuffer> results, ReadOnlySpan<DeviceEvent> waitFor = default) =>
        inner.Launch(executable, device, parameters, results, waitFor);

    public void Dispose()
    {
        // The registry that loaded the inner backend disposes it.
    }
}
