using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Tests.Runtime;

/// <summary>
/// Another backend seen through a wrapper that forwards every call: a test overrides what it hides or records (a
/// third party's plugin lacking a capability, the modules the host hands over).
/// </summary>
internal abstract class ForwardingBackend(IBackend inner) : IBackend
{
    public virtual string Platform => inner.Platform;

    public abstract string Description { get; }

    public abstract BackendCapabilities Capabilities { get; }

    public IReadOnlyList<DeviceInfo> Devices => inner.Devices;

    public virtual ICollectives? Collectives => inner.Collectives;

    public virtual DeviceBuffer Allocate(int device, long byteSize) => inner.Allocate(device, byteSize);

    public virtual void Free(DeviceBuffer buffer) => inner.Free(buffer);

    public DeviceEvent CopyToDevice(ReadOnlySpan<byte> source, DeviceBuffer destination, long destinationOffset,
        ReadOnlySpan<DeviceEvent> waitFor = default) => inner.CopyToDevice(source, destination, destinationOffset, waitFor);

    public DeviceEvent CopyToHost(DeviceBuffer source, long sourceOffset, Memory<byte> destination,
        ReadOnlySpan<DeviceEvent> waitFor = default) => inner.CopyToHost(source, sourceOffset, destination, waitFor);

    public virtual DeviceEvent CopyBuffer(DeviceBuffer source, long sourceOffset, DeviceBuffer destination, long destinationOffset,
        long byteCount, ReadOnlySpan<DeviceEvent> waitFor = default) =>
        inner.CopyBuffer(source, sourceOffset, destination, destinationOffset, byteCount, waitFor);

    public virtual IExecutable Compile(KernelModule module, CompileOptions options) => inner.Compile(module, options);

    public virtual DeviceEvent Launch(IExecutable executable, int device, ReadOnlySpan<DeviceBuffer> parameters,
        ReadOnlySpan<DeviceBuffer> results, ReadOnlySpan<DeviceEvent> waitFor = default) =>
        inner.Launch(executable, device, parameters, results, waitFor);

    public void Dispose()
    {
        // The registry that loaded the inner backend disposes it.
    }
}
