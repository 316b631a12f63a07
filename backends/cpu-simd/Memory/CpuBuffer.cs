using JaxNet.Abstractions;

namespace JaxNet.Backends.CpuSimd.Memory;

/// <summary>
/// A buffer of the cpu backend: 64-byte-aligned native memory at <see cref="Address"/>. It remembers the backend
/// that made it, so that buffers of another backend (or another instance) are rejected, and whether it was freed.
/// <see cref="Capacity"/> is the size of the underlying block (its <see cref="BlockCache"/> size class), at least
/// <see cref="DeviceBuffer.ByteSize"/>.
/// </summary>
internal sealed class CpuBuffer(object owner, int device, long byteSize, nint address, long capacity) : DeviceBuffer(device, byteSize)
{
    private int freed;

    public object Owner { get; } = owner;

    public nint Address { get; } = address;

    public long Capacity { get; } = capacity;

    /// <summary>True once <see cref="IBackend.Free"/> was called (the memory may still be pending release).</summary>
    public bool IsFreed => Volatile.Read(ref freed) != 0;

    /// <summary>Marks the buffer freed; false when it already was (a double free).</summary>
    public bool MarkFreed() => Interlocked.Exchange(ref freed, 1) == 0;

    public override string ToString() => $"cpu:{Device} buffer of {ByteSize} B at 0x{Address:x}";
}
