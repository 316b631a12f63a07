using JaxNet.Backends.Vulkan.Codegen;
using Silk.NET.Core.Native;
using Silk.NET.Vulkan;

namespace JaxNet.Backends.Vulkan.Driver;

/// <summary>
/// What a physical device is and can do, read once through vkGetPhysicalDeviceProperties2/Features2. The
/// feature flags decide which dtypes the backend offers (<see cref="DeviceDTypes"/>: float64 needs shaderFloat64,
/// bool, uint8 and int8 8-bit storage, the 16-bit types 16-bit storage, int64 and uint64 shaderInt64).
/// </summary>
internal sealed record PhysicalDeviceInfo(
    PhysicalDevice Handle,
    string Name,
    PhysicalDeviceType Type,
    uint ApiVersion,
    string Driver,
    uint SubgroupSize,
    bool SubgroupArithmetic,
    long DeviceLocalBytes,
    int ComputeQueueFamily,
    bool TimelineSemaphore,
    bool Float64,
    bool Int64,
    bool Int16,
    bool Int8,
    bool Float16Arithmetic,
    bool Storage8Bit,
    bool Storage16Bit,
    bool Int64Atomics,
    ulong MinStorageBufferOffsetAlignment,
    uint MaxStorageBufferRange,
    uint MaxSharedMemoryBytes,
    uint MaxWorkGroupCountX,
    uint MaxStorageBufferBindings,
    FloatControls FloatControls)
{
    public string ApiVersionText => $"{ApiVersion >> 22}.{(ApiVersion >> 12) & 0x3FF}.{ApiVersion & 0xFFF}";

    /// <summary>Selection rank: discrete GPUs first, then integrated, virtual, other, CPU implementations last.</summary>
    public int Rank => Type switch
    {
        PhysicalDeviceType.DiscreteGpu => 0,
        PhysicalDeviceType.IntegratedGpu => 1,
        PhysicalDeviceType.VirtualGpu => 2,
        PhysicalDeviceType.Other => 3,
        _ => 4,
    };

    /// <summary>Why the backend cannot use this device, or null when it can.</summary>
    public string? Unusable =>
        ApiVersion < Vk.Version12 ? $"Vulkan {ApiVersionText} is older than 1.2"
        : ComputeQueueFamily < 0 ? "no compute queue"
        : !TimelineSemaphore ? "no timeline semaphores"
        : null;

    public static unsafe PhysicalDeviceInfo Query(Vk vk, PhysicalDevice device)
    {
        var floatControls = new PhysicalDeviceFloatControlsProperties { SType = StructureType.PhysicalDeviceFloatControlsProperties };
        var driver = new PhysicalDeviceDriverProperties { SType = StructureType.PhysicalDeviceDriverProperties, PNext = &floatControls };
        var subgroup = new PhysicalDeviceSubgroupProperties
        {
            SType = StructureType.PhysicalDeviceSubgroupProperties,
            PNext = &driver,
        };
        var props2 = new PhysicalDeviceProperties2 { SType = StructureType.PhysicalDeviceProperties2, PNext = &subgroup };
        vk.GetPhysicalDeviceProperties2(device, &props2);
        var props = props2.Properties;

        var f12 = new PhysicalDeviceVulkan12Features { SType = StructureType.PhysicalDeviceVulkan12Features };
        var f11 = new PhysicalDeviceVulkan11Features { SType = StructureType.PhysicalDeviceVulkan11Features, PNext = &f12 };
        var features2 = new PhysicalDeviceFeatures2 { SType = StructureType.PhysicalDeviceFeatures2, PNext = &f11 };
        vk.GetPhysicalDeviceFeatures2(device, &features2);
        var f = features2.Features;

        PhysicalDeviceMemoryProperties memory;
        vk.GetPhysicalDeviceMemoryProperties(device, &memory);
        long deviceLocal = 0;
        for (var h = 0; h < memory.MemoryHeapCount; h++)
        {
            var heap = memory.MemoryHeaps[h];
            if ((heap.Flags & MemoryHeapFlags.DeviceLocalBit) != 0) deviceLocal = Math.Max(deviceLocal, (long)heap.Size);
        }

        uint familyCount = 0;
        vk.GetPhysicalDeviceQueueFamilyProperties(device, &familyCount, null);
        var families = new QueueFamilyProperties[familyCount];
        fixed (QueueFamilyProperties* p = families) vk.GetPhysicalDeviceQueueFamilyProperties(device, &familyCount, p);
        // Prefer a compute-only family (an async compute engine on GPUs), else any family with compute.
        var family = Array.FindIndex(families, q => (q.QueueFlags & QueueFlags.ComputeBit) != 0 && (q.QueueFlags & QueueFlags.GraphicsBit) == 0);
        if (family < 0) family = Array.FindIndex(families, q => (q.QueueFlags & QueueFlags.ComputeBit) != 0);

        var driverName = SilkMarshal.PtrToString((nint)driver.DriverName) ?? "";
        var driverInfo = SilkMarshal.PtrToString((nint)driver.DriverInfo) ?? "";
        return new PhysicalDeviceInfo(
            device,
            SilkMarshal.PtrToString((nint)props.DeviceName) ?? "unknown",
            props.DeviceType,
            props.ApiVersion,
            (driverName + " " + driverInfo).Trim(),
            subgroup.SubgroupSize,
            (subgroup.SupportedOperations & SubgroupFeatureFlags.ArithmeticBit) != 0
                && (subgroup.SupportedStages & ShaderStageFlags.ComputeBit) != 0,
            deviceLocal,
            family,
            f12.TimelineSemaphore,
            f.ShaderFloat64,
            f.ShaderInt64,
            f.ShaderInt16,
            f12.ShaderInt8,
            f12.ShaderFloat16,
            f12.StorageBuffer8BitAccess,
            f11.StorageBuffer16BitAccess,
            f12.ShaderBufferInt64Atomics,
            props.Limits.MinStorageBufferOffsetAlignment,
            props.Limits.MaxStorageBufferRange,
            props.Limits.MaxComputeSharedMemorySize,
            props.Limits.MaxComputeWorkGroupCount[0],
            StorageBufferBindings(props.Limits),
            // Float controls are Vulkan 1.2 core; an older device leaves the structure zeroed (nothing guaranteed).
            FloatControls.From(floatControls));
    }

    /// <summary>
    /// The most storage buffers one compute shader may bind: every binding is a storage buffer in the one descriptor
    /// set, so the per-stage and per-set limits both apply, and the per-stage resource limit counts them too.
    /// </summary>
    private static uint StorageBufferBindings(PhysicalDeviceLimits limits) =>
        Math.Min(limits.MaxPerStageResources, Math.Min(limits.MaxPerStageDescriptorStorageBuffers, limits.MaxDescriptorSetStorageBuffers));

    /// <summary>
    /// Device and capability attribute: "preserve" when shaders keep float32 subnormals, "flush" when the driver may
    /// flush them to zero of the same sign (the conformance suite then compares with a flush-to-zero model).
    /// </summary>
    public const string Float32DenormalsAttribute = "float32.denormals";

    /// <summary>
    /// The attributes shown for the device in DeviceInfo; <paramref name="denormPreserve"/> is what the backend's
    /// shaders declare (the float controls common to every selected device).
    /// </summary>
    public IReadOnlyDictionary<string, string> Attributes(FloatWidths denormPreserve) => new Dictionary<string, string>
    {
        ["driver"] = Driver,
        ["api_version"] = ApiVersionText,
        ["device_type"] = Type.ToString(),
        ["subgroup_size"] = SubgroupSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["subgroup_arithmetic"] = Bool(SubgroupArithmetic),
        ["float64"] = Bool(Float64),
        ["int64"] = Bool(Int64),
        ["float16"] = Bool(Storage16Bit),
        ["int8"] = Bool(Storage8Bit),
        ["max_storage_buffer_range"] = MaxStorageBufferRange.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["max_storage_buffers"] = MaxStorageBufferBindings.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["shared_memory_bytes"] = MaxSharedMemoryBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["float16.denormals"] = Denormals(denormPreserve, FloatWidths.Float16),
        [Float32DenormalsAttribute] = Denormals(denormPreserve, FloatWidths.Float32),
        ["float64.denormals"] = Denormals(denormPreserve, FloatWidths.Float64),
        ["signed_zero_inf_nan"] = string.Join(",", FloatControls.SignedZeroInfNanPreserve.Bits()),
    };

    /// <summary>
    /// "preserve" when the shaders declare DenormPreserve for <paramref name="width"/>, else "flush": the driver may
    /// then flush subnormal operands and results to zero of the same sign.
    /// </summary>
    public static string Denormals(FloatWidths declared, FloatWidths width) => (declared & width) != 0 ? "preserve" : "flush";

    private static string Bool(bool value) => value ? "true" : "false";
}
