using JaxNet.Fuzz.Programs;

namespace JaxNet.Fuzz.Derivatives;

/// <summary>
/// The vectors a derivative check applies: two directions v and w in the differentiated inputs (null for the others),
/// a dense cotangent u of the outputs, and a cotangent um that is zero where either direction's reference derivative
/// is unknown (so that um J can be checked against the differences). Random in [-1, 1], from a fixed seed.
/// </summary>
public sealed record DerivativeProbe(RefArray?[] Direction, RefArray?[] SecondDirection, RefArray[] Cotangent, RefArray[] MaskedCotangent)
{
    /// <summary>The probe of <paramref name="program"/> (its batch element <paramref name="element"/> under Vmap) and
    /// the reference derivatives along each direction, with bounds for a backend of <paramref name="numerics"/>.</summary>
    public static (DerivativeProbe Probe, RefArray[] AlongV, RefArray[] AlongW) Of(FuzzProgram program, int element, NumericsModel numerics)
    {
        var random = new Random(7919 * (element + 1));
        RefArray?[] Directions() => program.Inputs.Select((x, k) => FiniteDifferences.IsDifferentiable(program, k) ? Uniform(random, x.Type) : null).ToArray();
        var (v, w) = (Directions(), Directions());
        var u = program.Outputs.Select(o => Uniform(random, program.TypeOf(o))).ToArray();
        var (alongV, alongW) = (FiniteDifferences.Jvp(program, v, numerics), FiniteDifferences.Jvp(program, w, numerics));
        var masked = u.Select((c, o) => RefArray.Exact(c.Type, c.Values.Select((x, i) =>
            alongV[o].IsUnknown(i) || alongW[o].IsUnknown(i) ? Scalar.FromDouble(c.DType, 0) : x).ToArray())).ToArray();
        return (new DerivativeProbe(v, w, u, masked), alongV, alongW);
    }

    private static RefArray Uniform(Random random, TensorType type) =>
        RefArray.Exact(type, Enumerable.Range(0, (int)type.Size).Select(_ => Scalar.FromDouble(type.DType, random.NextDouble() * 2 - 1)).ToArray());
}
