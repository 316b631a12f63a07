using JaxNet.Abstractions;

namespace JaxNet.Tests.Runtime;

/// <summary>
/// A backend that counts what the host asks of it (buffers allocated and still live, buffer copies, launches) and can
/// fail one launch (its event reports the error, as a kernel failing on the device would), to watch how programs and
/// loops drive it.
/// </summary>
internal sealed class CountingBackend(IBackend inner, int failLaunch = 0) : ForwardingBackend(inner)
{
    private int live, copies, allocations, launches;

    public int Live => Volatile.Read(ref live);

    public int Allocations => Volatile.Read(ref allocations);

    public int Copies => Volatile.Read(ref copies);

    public int Launches => Volatile.Read(ref launches);

    public override string Platform => "counting";

    public override string Description { get; } = inner.Description + ", counting its buffers and launches";

    public override BackendCapabilities Capabilities { get; } = inner.Capabilities;

    public override DeviceBuffer Allocate(int device, long byteSize)
    {
        Interlocked.Increment(ref allocations);
        Interlocked.Increment(ref live);
        return base.Allocate(device, byteSize);
    }

    public override void Free(DeviceBuffer buffer)
    {
        Interlocked.Decrement(ref live);
        base.Free(buffer);
    }

    public override DeviceEvent CopyBuffer(DeviceBuffer source, long sourceOffset, DeviceBuffer destination, long destinationOffset,
        long byteCount, ReadOnlySpan<DeviceEvent> waitFor = default)
    {
        Interlocked.Increment(ref copies);
        return base.CopyBuffer(source, sourceOffset, destination, destinationOffset, byteCount, waitFor);
    }

    public override DeviceEvent Launch(IExecutable executable, int device, ReadOnlySpan<DeviceBuffer> parameters,
        ReadOnlySpan<DeviceBuffer> results, ReadOnlySpan<DeviceEvent> waitFor = default)
    {
        var launch = Interlocked.Increment(ref launches);
        return launch == failLaunch
            ? DeviceEvent.Failed(new InvalidOperationException($"launch {launch} failed on purpose"))
            : base.Launch(executable, device, parameters, results, waitFor);
    }
}
