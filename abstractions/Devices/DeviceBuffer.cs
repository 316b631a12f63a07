namespace JaxNet.Abstractions;

/// <summary>
/// A region of device memory owned by a backend. The host treats it as an opaque handle; a backend subclasses
/// it to hold its own resources (a pointer, a VkBuffer and offset, a CUDA allocation).
/// </summary>
public abstract class DeviceBuffer(int device, long byteSize)
{
    /// <summary>The ordinal of the device that holds it.</summary>
    public int Device { get; } = device;

    public long ByteSize { get; } = byteSize;
}
