using JaxNet.Abstractions;
using JaxNet.Conformance.Cases;

namespace JaxNet.Fuzz.Numerics;

/// <summary>
/// What a correct backend may do differently from IEEE arithmetic, from what it declares (the attributes the
/// conformance suite reads too): flush float32/bfloat16 (and, where its devices say so, float64) subnormals to zero,
/// and round contraction inputs to a narrower dtype (tpu-sim's bf16 matrix unit).
/// </summary>
public sealed record NumericsModel(bool FlushFloat32, bool FlushFloat64, DType? ContractionInput)
{
    /// <summary>IEEE 754 throughout, contractions in the operands' own precision.</summary>
    public static NumericsModel Ieee { get; } = new(false, false, null);

    /// <summary>
    /// Whether a sorted position whose element may trade places with another (keys tied, or within each other's
    /// bounds) is unknown even where the value landing there is bounded. The derivative reference reads a narrow
    /// program's values so: a backend's derivative follows the element its sort put there, while the float64 twin's
    /// differences follow the order the twin's keys take as they move.
    /// </summary>
    public bool SortOrderDecidesValues { get; init; }

    public static NumericsModel For(IBackend backend)
    {
        var flush64 = backend.Devices.Any(d => d.Attributes.TryGetValue("float64.denormals", out var mode)
            && string.Equals(mode, "flush", StringComparison.OrdinalIgnoreCase));
        DType? contraction = backend.Capabilities.Attributes.TryGetValue(BackendTolerances.ContractionInputDType, out var name)
            ? DTypeInfo.Parse(name)
            : null;
        return new NumericsModel(BackendTolerances.MayFlushSubnormals(backend), flush64, contraction);
    }

    /// <summary>True when subnormals of <paramref name="dtype"/> may read or come out as zero.</summary>
    public bool Flushes(DType dtype) => dtype switch
    {
        DType.Float32 or DType.BFloat16 => FlushFloat32,
        DType.Float64 => FlushFloat64,
        _ => false,
    };
}
