using System.Collections.Immutable;
using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Numerics;

namespace JaxNet.Conformance.Cases;

/// <summary>
/// The tolerances a backend is held to. <see cref="Default"/> uses each case's own tolerance (the catalogue's
/// table). A backend whose numerics are documented to differ overrides a family, for example tpu-sim, whose
/// matrix unit multiplies in bf16:
/// <code>
/// ToleranceProfile.Default.Override(KernelKind.Contraction,
///     (c, t) => t.Max(Tolerance.Accumulated(Tolerance.UnitRoundoff(DType.BFloat16), c.AccumulationLength, c.TermMagnitude)))
/// </code>
/// Overrides only loosen or tighten numbers; they never change what is expected. The one model of a different
/// expectation is <see cref="Subnormals"/>: a backend that may flush float32 subnormals is also held to the
/// reference computed with flushed operands (<see cref="ConformanceCase.ExpectedFlushingSubnormals"/>).
/// </summary>
public sealed class ToleranceProfile
{
    private readonly ImmutableDictionary<string, Func<ConformanceCase, Tolerance, Tolerance>> overrides;

    private ToleranceProfile(ImmutableDictionary<string, Func<ConformanceCase, Tolerance, Tolerance>> overrides,
        SubnormalMode subnormals = SubnormalMode.Preserve)
    {
        this.overrides = overrides;
        Subnormals = subnormals;
    }

    /// <summary>Every case at its catalogue tolerance.</summary>
    public static ToleranceProfile Default { get; } = new(ImmutableDictionary<string, Func<ConformanceCase, Tolerance, Tolerance>>.Empty);

    /// <summary>
    /// How the backend treats float32 subnormals. Under <see cref="SubnormalMode.FlushFloat32"/> an output element
    /// passes when it matches the IEEE reference or the flush-to-zero one, where a subnormal expected value also
    /// accepts zero of its sign (<see cref="Running.ResultComparer"/>).
    /// </summary>
    public SubnormalMode Subnormals { get; }

    /// <summary>This profile with the backend's subnormal behaviour set to <paramref name="mode"/>.</summary>
    public ToleranceProfile WithSubnormals(SubnormalMode mode) => new(overrides, mode);

    /// <summary>A profile that adjusts the tolerance of every case of a kernel kind.</summary>
    public ToleranceProfile Override(KernelKind kind, Func<ConformanceCase, Tolerance, Tolerance> adjust) =>
        Override(kind.ToString().ToLowerInvariant(), adjust);

    /// <summary>A profile that adjusts the tolerance of every case of a family ("collective" or a kernel kind in lower case).</summary>
    public ToleranceProfile Override(string family, Func<ConformanceCase, Tolerance, Tolerance> adjust)
    {
        var previous = overrides.GetValueOrDefault(family);
        Func<ConformanceCase, Tolerance, Tolerance> combined = previous is null ? adjust : (c, t) => adjust(c, previous(c, t));
        return new ToleranceProfile(overrides.SetItem(family, combined), Subnormals);
    }

    /// <summary>The tolerance <paramref name="c"/> is checked with.</summary>
    public Tolerance For(ConformanceCase c) =>
        overrides.TryGetValue(c.Family, out var adjust) ? adjust(c, c.Tolerance) : c.Tolerance;
}
