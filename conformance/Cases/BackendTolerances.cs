using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Conformance.Cases;

/// <summary>
/// The tolerance profile a backend declares through its capabilities, so that the CLI and the xunit suite hold it
/// to the same numbers. A backend whose matrix unit rounds contraction and convolution inputs to a narrower type
/// (the TPU's bf16 MXU passes) sets the capability attribute <see cref="ContractionInputDType"/> to that dtype's
/// short name ("bf16"); those two families are then checked against the error that rounding allows.
/// </summary>
public static class BackendTolerances
{
    /// <summary>Capability attribute: the dtype contraction and convolution inputs are rounded to, if narrower.</summary>
    public const string ContractionInputDType = "contraction.input-dtype";

    public static ToleranceProfile For(IBackend backend)
    {
        if (!backend.Capabilities.Attributes.TryGetValue(ContractionInputDType, out var name)) return ToleranceProfile.Default;
        var dtype = DTypeInfo.Parse(name);
        // Rounding both inputs to dtype perturbs each product by up to 2u relative, in every term of the sum.
        Tolerance Loosen(ConformanceCase c, Tolerance t) =>
            t.Max(Tolerance.Accumulated(2 * Tolerance.UnitRoundoff(dtype), c.AccumulationLength, c.TermMagnitude));
        return ToleranceProfile.Default.Override(KernelKind.Contraction, Loosen).Override(KernelKind.Convolution, Loosen);
    }
}
