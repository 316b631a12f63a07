using JaxNet.Abstractions;
using JaxNet.Backends.Vulkan.Memory;
using JaxNet.Backends.Vulkan.Streams;
using Silk.NET.Vulkan;
using Buffer = Silk.NET.Vulkan.Buffer;

namespace JaxNet.Backends.Vulkan.Driver;

/// <summary>
/// One JaxNet device: a VkDevice with one compute queue, its stream, its memory pools (arrays, and staging
/// when arrays are not host-visible) and its pipelines. Features the physical device offers for the dtypes
/// (8/16-bit storage, int64, float64, int8/float16 arithmetic) are enabled.
/// </summary>
internal sealed unsafe class VulkanDevice : IDisposable
{
    public Vk Vk { get; }

    public Device Handle { get; }

    public int Id { get; }

    public PhysicalDeviceInfo Info { get; }

    public DeviceStream Stream { get; }

    /// <summary>The pool arrays live in.</summary>
    public MemoryPool Arrays { get; }

    /// <summary>Host-visible staging memory; the array pool itself when arrays are host-visible (unified memory).</summary>
    public MemoryPool Staging { get; }

    public PipelineStore Pipelines { get; }

    /// <summary>True when arrays are mapped, so copies to and from the host are plain memcpy.</summary>
    public bool DirectHostAccess => Arrays.HostVisible;

    /// <summary>A small buffer bound in place of zero-byte arrays (a descriptor range cannot be empty).</summary>
    public VulkanBuffer Placeholder { get; }

    public VulkanDevice(Vk vk, int id, PhysicalDeviceInfo info)
    {
        Vk = vk;
        Id = id;
        Info = info;
        Handle = CreateDevice(vk, info);
        Queue queue;
        vk.GetDeviceQueue(Handle, (uint)info.ComputeQueueFamily, 0, &queue);
        Stream = new DeviceStream(vk, Handle, queue, (uint)info.ComputeQueueFamily, $"{id}");

        PhysicalDeviceMemoryProperties memory;
        vk.GetPhysicalDeviceMemoryProperties(info.Handle, &memory);
        var allowed = StorageBufferMemoryTypes();
        var (arrayType, hostVisible) = MemoryPool.ChooseDeviceType(memory, allowed);
        Arrays = new MemoryPool(vk, Handle, id, arrayType, hostVisible, info.MinStorageBufferOffsetAlignment);
        if (hostVisible) Staging = Arrays;
        else
        {
            var (stagingType, _) = MemoryPool.ChooseStagingType(memory, allowed);
            Staging = new MemoryPool(vk, Handle, id, stagingType, true, info.MinStorageBufferOffsetAlignment);
        }
        Pipelines = new PipelineStore(vk, Handle);
        Placeholder = Arrays.TryAllocate(16) ?? throw new BackendUnavailableException($"device {info.Name}: cannot allocate memory");
    }

    /// <summary>Allocates an array; reclaims stream-ordered frees and waits for the device before giving up.</summary>
    public VulkanBuffer Allocate(MemoryPool pool, long bytes)
    {
        var buffer = pool.TryAllocate(bytes);
        if (buffer is not null) return buffer;
        Stream.Synchronize();
        return pool.TryAllocate(bytes)
            ?? throw new OutOfMemoryException($"Vulkan device {Id} ({Info.Name}) cannot allocate {bytes} bytes");
    }

    private uint StorageBufferMemoryTypes()
    {
        var info = new BufferCreateInfo
        {
            SType = StructureType.BufferCreateInfo,
            Size = 256,
            Usage = BufferUsageFlags.StorageBufferBit | BufferUsageFlags.TransferSrcBit | BufferUsageFlags.TransferDstBit,
        };
        Buffer probe;
        VulkanInstance.Check(Vk.CreateBuffer(Handle, &info, null, &probe), "vkCreateBuffer");
        MemoryRequirements req;
        Vk.GetBufferMemoryRequirements(Handle, probe, &req);
        Vk.DestroyBuffer(Handle, probe, null);
        return req.MemoryTypeBits;
    }

    private static Device CreateDevice(Vk vk, PhysicalDeviceInfo info)
    {
        var priority = 1f;
        var queueInfo = new DeviceQueueCreateInfo
        {
            SType = StructureType.DeviceQueueCreateInfo,
            QueueFamilyIndex = (uint)info.ComputeQueueFamily,
            QueueCount = 1,
            PQueuePriorities = &priority,
        };
        var f12 = new PhysicalDeviceVulkan12Features
        {
            SType = StructureType.PhysicalDeviceVulkan12Features,
            TimelineSemaphore = true,
            ShaderInt8 = info.Int8,
            ShaderFloat16 = info.Float16Arithmetic,
            StorageBuffer8BitAccess = info.Storage8Bit,
            ShaderBufferInt64Atomics = info.Int64Atomics,
        };
        var f11 = new PhysicalDeviceVulkan11Features
        {
            SType = StructureType.PhysicalDeviceVulkan11Features,
            PNext = &f12,
            StorageBuffer16BitAccess = info.Storage16Bit,
        };
        var features = new PhysicalDeviceFeatures2
        {
            SType = StructureType.PhysicalDeviceFeatures2,
            PNext = &f11,
            Features = new PhysicalDeviceFeatures
            {
                ShaderFloat64 = info.Float64,
                ShaderInt64 = info.Int64,
                ShaderInt16 = info.Int16,
            },
        };
        var create = new DeviceCreateInfo
        {
            SType = StructureType.DeviceCreateInfo,
            PNext = &features,
            QueueCreateInfoCount = 1,
            PQueueCreateInfos = &queueInfo,
        };
        Device device;
        VulkanInstance.Check(vk.CreateDevice(info.Handle, &create, null, &device), $"vkCreateDevice({info.Name})");
        return device;
    }

    public void Dispose()
    {
        Stream.Dispose();
        Pipelines.Dispose();
        if (!ReferenceEquals(Staging, Arrays)) Staging.Dispose();
        Arrays.Dispose();
        Vk.DestroyDevice(Handle, null);
    }
}
