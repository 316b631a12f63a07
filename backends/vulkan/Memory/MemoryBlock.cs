using Silk.NET.Vulkan;
using Buffer = Silk.NET.Vulkan.Buffer;

namespace JaxNet.Backends.Vulkan.Memory;

/// <summary>
/// One vkAllocateMemory allocation with one VkBuffer spanning it (storage and transfer usage), persistently
/// mapped when the memory type is host-visible. Arrays live at offsets inside it; descriptors bind
/// (buffer, offset, range).
/// </summary>
internal sealed unsafe class MemoryBlock(DeviceMemory memory, Buffer buffer, long size, void* mapped)
{
    public DeviceMemory Memory { get; } = memory;

    public Buffer Buffer { get; } = buffer;

    public long Size { get; } = size;

    /// <summary>The host address of byte 0 when mapped, else null.</summary>
    public void* Mapped { get; } = mapped;

    public RangeAllocator Ranges { get; } = new(size);
}
