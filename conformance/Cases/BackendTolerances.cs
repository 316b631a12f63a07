using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Numerics;

namespace JaxNet.Conformance.Cases;

/// <summary>
/// The tolerance profile a backend declares through its capabilities, so that the CLI and the xunit suite hold it
/// to the same numbers. A backend whose matrix unit rounds contraction and convolution inputs to a narrower type
/// (the TPU's bf16 MXU passes) sets the capability attribute <see cref="ContractionInputDType"/> to that dtype's
/// short name ("bf16"); those two families are then checked against the error that rounding allows. A backend
/// whose devices may flush float32 subnormals to zero says so with <see cref="Float32Denormals"/> = "flush" (as a
/// capability attribute or on any device); it is then held to the flush-to-zero model as well
/// (<see cref="SubnormalMode.FlushFloat32"/>).
/// </summary>
public static class BackendTolerances
{
    /// <summary>Capability attribute: the dtype contraction and convolution inputs are rounded to, if narrower.</summary>
    public const string ContractionInputDType = "contraction.input-dtype";

    /// <summary>Capability or device attribute: "flush" when float32 subnormals may be flushed to zero, else "preserve".</summary>
    public const string Float32Denormals = "float32.denormals";

    public static ToleranceProfile For(IBackend backend)
    {
        var profile = ToleranceProfile.Default;
        if (MayFlushSubnormals(backend)) profile = profile.WithSubnormals(SubnormalMode.FlushFloat32);
        if (!backend.Capabilities.Attributes.TryGetValue(ContractionInputDType, out var name)) return profile;
        var dtype = DTypeInfo.Parse(name);
        // Rounding both inputs to dtype perturbs each product by up to 2u relative, in every term of the sum.
        Tolerance Loosen(ConformanceCase c, Tolerance t) =>
            t.Max(Tolerance.Accumulated(2 * Tolerance.UnitRoundoff(dtype), c.AccumulationLength, c.TermMagnitude));
        return profile.Override(KernelKind.Contraction, Loosen).Override(KernelKind.Convolution, Loosen);
    }

    /// <summary>True when the backend or one of its devices declares <see cref="Float32Denormals"/> = "flush".</summary>
    public static bool MayFlushSubnormals(IBackend backend) =>
        IsFlush(backend.Capabilities.Attributes) || backend.Devices.Any(d => IsFlush(d.Attributes));

    private static bool IsFlush(IReadOnlyDictionary<string, string> attributes) =>
        attributes.TryGetValue(Float32Denormals, out var mode) && string.Equals(mode, "flush", StringComparison.OrdinalIgnoreCase);
}
