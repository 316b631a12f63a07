using JaxNet.Abstractions;

namespace JaxNet.Backends.Vulkan.Memory;

/// <summary>
/// A JaxNet buffer: <see cref="DeviceBuffer.ByteSize"/> bytes at <see cref="Offset"/> inside one
/// <see cref="MemoryBlock"/> of a device's pool (null for a zero-byte buffer, which owns no memory).
/// </summary>
internal sealed class VulkanBuffer(int device, long byteSize, MemoryBlock? block, long offset, long reservedBytes)
    : DeviceBuffer(device, byteSize)
{
    public MemoryBlock? Block { get; } = block;

    public long Offset { get; } = offset;

    /// <summary>The bytes reserved in the block (the size rounded up to the pool's granule).</summary>
    public long ReservedBytes { get; } = reservedBytes;

    private int freed;

    /// <summary>True the first time it is called: guards against freeing a buffer twice.</summary>
    public bool MarkFreed() => Interlocked.Exchange(ref freed, 1) == 0;

    public bool IsFreed => Volatile.Read(ref freed) != 0;

    /// <summary>The buffer's bytes in host memory, for pools whose memory is mapped.</summary>
    public unsafe Span<byte> HostSpan(long offset, long length) =>
        Block is { Mapped: not null }
            ? new Span<byte>((byte*)Block.Mapped + Offset + offset, checked((int)length))
            : throw new InvalidOperationException("the buffer's memory is not host-visible");
}
