using JaxNet.Backends.Vulkan.Codegen;
using Silk.NET.Vulkan;

namespace JaxNet.Backends.Vulkan.Driver;

/// <summary>
/// What a device's shaders can be told about subnormals and about signed zeros, infinities and NaNs
/// (VkPhysicalDeviceFloatControlsProperties, Vulkan 1.2 core). Without an execution mode a driver may flush
/// subnormal operands and results to zero (NVIDIA's does for float32) and may assume no infinities or NaNs, so the
/// backend declares DenormPreserve and SignedZeroInfNanPreserve for every width the device allows.
/// </summary>
/// <param name="DenormPreserve">Widths whose subnormals the device can preserve (shaderDenormPreserveFloatN).</param>
/// <param name="SignedZeroInfNanPreserve">Widths for which it can keep IEEE zeros, infinities and NaNs.</param>
/// <param name="DenormIndependence">
/// Whether widths may differ in their denormal mode: all must be the same (None), 16 and 64 together with 32 free
/// (Float32Only), or each on its own (All).
/// </param>
internal sealed record FloatControls(FloatWidths DenormPreserve, FloatWidths SignedZeroInfNanPreserve, DenormIndependence DenormIndependence)
{
    /// <summary>A device that guarantees nothing (a driver that does not report float controls).</summary>
    public static FloatControls None { get; } = new(FloatWidths.None, FloatWidths.None, DenormIndependence.None);

    /// <summary>
    /// The widths a shader may declare DenormPreserve for, honouring <see cref="DenormIndependence"/>: with no
    /// independence every width or none; with 32-bit independence float16 and float64 only together.
    /// </summary>
    public FloatWidths DeclarableDenormPreserve => DenormIndependence switch
    {
        DenormIndependence.All => DenormPreserve,
        DenormIndependence.Float32Only => (DenormPreserve & FloatWidths.Float32)
            | ((DenormPreserve & (FloatWidths.Float16 | FloatWidths.Float64)) == (FloatWidths.Float16 | FloatWidths.Float64)
                ? FloatWidths.Float16 | FloatWidths.Float64
                : FloatWidths.None),
        _ => DenormPreserve == FloatWidths.All ? FloatWidths.All : FloatWidths.None,
    };

    /// <summary>What every one of <paramref name="devices"/> allows (a shader is compiled once for all of them).</summary>
    public static FloatControls Common(IEnumerable<FloatControls> devices)
    {
        var list = devices.ToList();
        if (list.Count == 0) return None;
        return new FloatControls(
            list.Aggregate(FloatWidths.All, (w, d) => w & d.DenormPreserve),
            list.Aggregate(FloatWidths.All, (w, d) => w & d.SignedZeroInfNanPreserve),
            list.Min(d => d.DenormIndependence));
    }

    public static FloatControls From(in PhysicalDeviceFloatControlsProperties p) => new(
        Widths(p.ShaderDenormPreserveFloat16, p.ShaderDenormPreserveFloat32, p.ShaderDenormPreserveFloat64),
        Widths(p.ShaderSignedZeroInfNanPreserveFloat16, p.ShaderSignedZeroInfNanPreserveFloat32, p.ShaderSignedZeroInfNanPreserveFloat64),
        p.DenormBehaviorIndependence switch
        {
            ShaderFloatControlsIndependence.IndependenceAll => DenormIndependence.All,
            ShaderFloatControlsIndependence.Independence32BitOnly => DenormIndependence.Float32Only,
            _ => DenormIndependence.None,
        });

    private static FloatWidths Widths(bool f16, bool f32, bool f64) =>
        (f16 ? FloatWidths.Float16 : 0) | (f32 ? FloatWidths.Float32 : 0) | (f64 ? FloatWidths.Float64 : 0);
}

/// <summary>VkShaderFloatControlsIndependence, ordered from the most to the least restrictive.</summary>
internal enum DenormIndependence
{
    None = 0,
    Float32Only = 1,
    All = 2,
}
