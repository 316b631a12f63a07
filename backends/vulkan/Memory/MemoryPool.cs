using JaxNet.Backends.Vulkan.Driver;
using Silk.NET.Vulkan;
using Buffer = Silk.NET.Vulkan.Buffer;

namespace JaxNet.Backends.Vulkan.Memory;

/// <summary>
/// Sub-allocates arrays from large blocks of one memory type, so that allocating an array is a free-list
/// operation and not a vkAllocateMemory call. Blocks are <see cref="BlockBytes"/> (or one request's size when
/// larger) and live until the pool is disposed. Offsets are aligned to the device's storage-buffer offset
/// alignment (and at least 256 bytes) so any array can be bound as a storage buffer.
/// </summary>
internal sealed unsafe class MemoryPool : IDisposable
{
    public const long BlockBytes = 64L << 20;

    private readonly Vk vk;
    private readonly Device device;
    private readonly int deviceId;
    private readonly uint memoryType;
    private readonly long alignment;
    private readonly List<MemoryBlock> blocks = [];
    private readonly object gate = new();

    public bool HostVisible { get; }

    public MemoryPool(Vk vk, Device device, int deviceId, uint memoryType, bool hostVisible, ulong minOffsetAlignment)
    {
        this.vk = vk;
        this.device = device;
        this.deviceId = deviceId;
        this.memoryType = memoryType;
        HostVisible = hostVisible;
        alignment = Math.Max(256, (long)minOffsetAlignment);
    }

    /// <summary>Bytes held in blocks (used and free).</summary>
    public long ReservedBytes
    {
        get { lock (gate) return blocks.Sum(b => b.Size); }
    }

    /// <summary>
    /// Allocates from an existing block, or a new one. Returns null when the device has no room for a new block,
    /// so that the caller can reclaim stream-ordered frees and retry.
    /// </summary>
    public VulkanBuffer? TryAllocate(long byteSize)
    {
        if (byteSize == 0) return new VulkanBuffer(deviceId, 0, null, 0, 0);
        var reserved = (byteSize + alignment - 1) / alignment * alignment;
        lock (gate)
        {
            foreach (var block in blocks)
            {
                var offset = block.Ranges.TryAllocate(reserved, alignment);
                if (offset >= 0) return new VulkanBuffer(deviceId, byteSize, block, offset, reserved);
            }
            var fresh = TryCreateBlock(Math.Max(BlockBytes, reserved));
            if (fresh is null) return null;
            blocks.Add(fresh);
            var start = fresh.Ranges.TryAllocate(reserved, alignment);
            return new VulkanBuffer(deviceId, byteSize, fresh, start, reserved);
        }
    }

    public void Release(VulkanBuffer buffer)
    {
        if (buffer.Block is null) return;
        lock (gate) buffer.Block.Ranges.Release(buffer.Offset, buffer.ReservedBytes);
    }

    private MemoryBlock? TryCreateBlock(long size)
    {
        var info = new BufferCreateInfo
        {
            SType = StructureType.BufferCreateInfo,
            Size = (ulong)size,
            Usage = BufferUsageFlags.StorageBufferBit | BufferUsageFlags.TransferSrcBit | BufferUsageFlags.TransferDstBit,
            SharingMode = SharingMode.Exclusive,
        };
        Buffer buffer;
        if (vk.CreateBuffer(device, &info, null, &buffer) != Result.Success) return null;
        MemoryRequirements req;
        vk.GetBufferMemoryRequirements(device, buffer, &req);
        if ((req.MemoryTypeBits & (1u << (int)memoryType)) == 0)
        {
            vk.DestroyBuffer(device, buffer, null);
            throw new InvalidOperationException($"memory type {memoryType} cannot hold storage buffers");
        }
        var alloc = new MemoryAllocateInfo
        {
            SType = StructureType.MemoryAllocateInfo,
            AllocationSize = req.Size,
            MemoryTypeIndex = memoryType,
        };
        DeviceMemory memory;
        if (vk.AllocateMemory(device, &alloc, null, &memory) != Result.Success)
        {
            vk.DestroyBuffer(device, buffer, null);
            return null;
        }
        VulkanInstance.Check(vk.BindBufferMemory(device, buffer, memory, 0), "vkBindBufferMemory");
        void* mapped = null;
        if (HostVisible) VulkanInstance.Check(vk.MapMemory(device, memory, 0, Vk.WholeSize, 0, &mapped), "vkMapMemory");
        return new MemoryBlock(memory, buffer, size, mapped);
    }

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var b in blocks)
            {
                vk.DestroyBuffer(device, b.Buffer, null);
                vk.FreeMemory(device, b.Memory, null);
            }
            blocks.Clear();
        }
    }

    /// <summary>
    /// Picks the memory type for arrays: device-local on the largest device-local heap, host-visible and
    /// coherent too when such a type exists on that heap (unified memory, as on lavapipe and integrated GPUs).
    /// </summary>
    public static (uint Type, bool HostVisible) ChooseDeviceType(PhysicalDeviceMemoryProperties props, uint allowedTypes)
    {
        long bestHeap = -1;
        ulong bestHeapSize = 0;
        for (var t = 0; t < props.MemoryTypeCount; t++)
        {
            var type = props.MemoryTypes[t];
            if ((allowedTypes & (1u << t)) == 0 || (type.PropertyFlags & MemoryPropertyFlags.DeviceLocalBit) == 0) continue;
            var size = props.MemoryHeaps[(int)type.HeapIndex].Size;
            if (size > bestHeapSize) (bestHeap, bestHeapSize) = (type.HeapIndex, size);
        }
        const MemoryPropertyFlags hostFlags = MemoryPropertyFlags.HostVisibleBit | MemoryPropertyFlags.HostCoherentBit;
        int plain = -1, unified = -1;
        for (var t = 0; t < props.MemoryTypeCount; t++)
        {
            var type = props.MemoryTypes[t];
            if ((allowedTypes & (1u << t)) == 0 || type.HeapIndex != bestHeap) continue;
            if ((type.PropertyFlags & MemoryPropertyFlags.DeviceLocalBit) == 0) continue;
            if ((type.PropertyFlags & hostFlags) == hostFlags) { if (unified < 0) unified = t; }
            else if (plain < 0) plain = t;
        }
        if (unified >= 0) return ((uint)unified, true);
        if (plain >= 0) return ((uint)plain, false);
        // No device-local type (unusual): fall back to host-visible memory below.
        return ChooseStagingType(props, allowedTypes);
    }

    /// <summary>Host-visible, coherent memory for staging copies (cached when available: reads come back fast).</summary>
    public static (uint Type, bool HostVisible) ChooseStagingType(PhysicalDeviceMemoryProperties props, uint allowedTypes)
    {
        const MemoryPropertyFlags hostFlags = MemoryPropertyFlags.HostVisibleBit | MemoryPropertyFlags.HostCoherentBit;
        int any = -1;
        for (var t = 0; t < props.MemoryTypeCount; t++)
        {
            var flags = props.MemoryTypes[t].PropertyFlags;
            if ((allowedTypes & (1u << t)) == 0 || (flags & hostFlags) != hostFlags) continue;
            if ((flags & MemoryPropertyFlags.HostCachedBit) != 0) return ((uint)t, true);
            if (any < 0) any = t;
        }
        return any >= 0 ? ((uint)any, true) : throw new InvalidOperationException("no host-visible coherent memory type");
    }
}
