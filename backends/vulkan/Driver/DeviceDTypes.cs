namespace JaxNet.Backends.Vulkan.Driver;

/// <summary>
/// The dtypes the shaders can run on a set of devices: each needs the features its code uses on every one of them.
/// The narrow integers are computed in 32-bit registers (Codegen/IntegerOps.cs), so they need only the storage
/// features that let a shader read and write their elements, not shaderInt8/shaderInt16 arithmetic.
/// </summary>
internal static class DeviceDTypes
{
    /// <summary>Capability attribute: why each dtype the devices cannot run is left out.</summary>
    public const string MissingAttribute = "missing_dtypes";

    /// <summary>What a dtype needs of a device, and the feature's name for <see cref="Missing"/>.</summary>
    private static readonly (DType[] DTypes, string Feature, Func<PhysicalDeviceInfo, bool> Has)[] Needs =
    [
        ([DType.Bool, DType.UInt8, DType.Int8], "storageBuffer8BitAccess", d => d.Storage8Bit),
        ([DType.Float16, DType.BFloat16, DType.Int16, DType.UInt16], "storageBuffer16BitAccess", d => d.Storage16Bit),
        ([DType.Int64, DType.UInt64], "shaderInt64", d => d.Int64),
        ([DType.Float64], "shaderFloat64", d => d.Float64),
    ];

    /// <summary>float32, int32 and uint32 everywhere, and each other dtype where every device has its feature.</summary>
    public static List<DType> Of(IReadOnlyList<PhysicalDeviceInfo> devices)
    {
        var dtypes = new List<DType> { DType.Float32, DType.Int32, DType.UInt32 };
        foreach (var (needing, _, has) in Needs)
            if (devices.All(has)) dtypes.AddRange(needing);
        return dtypes;
    }

    /// <summary>Why the devices cannot run <paramref name="dtype"/> (the feature and a device lacking it), or null.</summary>
    public static string? Missing(IReadOnlyList<PhysicalDeviceInfo> devices, DType dtype)
    {
        foreach (var (needing, feature, has) in Needs)
        {
            if (!needing.Contains(dtype)) continue;
            var lacking = devices.FirstOrDefault(d => !has(d));
            return lacking is null ? null : $"{dtype.ShortName()} needs {feature}, which {lacking.Name} lacks";
        }
        return null;
    }
}
