using JaxNet.Fuzz.Programs;

namespace JaxNet.Fuzz.Derivatives;

/// <summary>
/// The vectors a derivative check applies: two directions v and w in the differentiated inputs (null for the others),
/// a dense cotangent u of the outputs, and a cotangent um that is zero where either direction's reference derivative
/// is unknown (so that um J can be checked against the differences). Random in [-1, 1], from a fixed seed. With them, the
/// bound of a backend's rounding of the tangents along v at each output element (<see cref="TangentRounding"/>).
/// </summary>
public sealed record DerivativeProbe(RefArray?[] Direction, RefArray?[] SecondDirection, RefArray[] Cotangent, RefArray[] MaskedCotangent,
    double[][] TangentRounding)
{
    /// <summary>The probe of <paramref name="program"/> (its batch element <paramref name="element"/> under Vmap) and
    /// the reference derivatives along each direction, with bounds for a backend of <paramref name="numerics"/>.</summary>
    public static (DerivativeProbe Probe, RefArray[] AlongV, RefArray[] AlongW) Of(FuzzProgram program, int element, NumericsModel numerics)
    {
        var random = new Random(7919 * (element + 1));
        RefArray?[] Directions() => program.Inputs.Select((x, k) => FiniteDifferences.IsDifferentiable(program, k) ? Uniform(random, x.Type) : null).ToArray();
        var (v, w) = (Directions(), Directions());
        var u = program.Outputs.Select(o => Uniform(random, program.TypeOf(o))).ToArray();
        var (alongV, rounding) = FiniteDifferences.JvpAndRounding(program, v, numerics);
        var alongW = FiniteDifferences.Jvp(program, w, numerics);
        UnknownWhereNotLinear(alongV, alongW, FiniteDifferences.Jvp(program, Sum(v, w), numerics));
        var masked = u.Select((c, o) => RefArray.Exact(c.Type, c.Values.Select((x, i) =>
            alongV[o].IsUnknown(i) || alongW[o].IsUnknown(i) ? Scalar.FromDouble(c.DType, 0) : x).ToArray())).ToArray();
        return (new DerivativeProbe(v, w, u, masked, rounding), alongV, alongW);
    }

    /// <summary>
    /// A derivative exists only where the directional derivatives are linear in the direction: the middle of an odd
    /// number of tied sort keys moves with the median of their directions, smooth along every direction (no kink for
    /// the differences to see) but not differentiable, and JAX's rule gives the tangent of one of them
    /// (derivatives-bf16 seed 452: five keys of 0.0325 in bfloat16). Where D(v + w) differs from D(v) + D(w) by more
    /// than their bounds, both are unknown.
    /// </summary>
    private static void UnknownWhereNotLinear(RefArray[] alongV, RefArray[] alongW, RefArray[] alongSum)
    {
        for (var o = 0; o < alongV.Length; o++)
            for (var i = 0; i < alongV[o].Size; i++)
            {
                var (a, b, c) = (alongV[o], alongW[o], alongSum[o]);
                var gap = Math.Abs(c.Values[i].Float - a.Values[i].Float - b.Values[i].Float);
                if (gap > a.Error[i] + b.Error[i] + c.Error[i]) a.Error[i] = b.Error[i] = Bounds.Unknown;
            }
    }

    private static RefArray?[] Sum(RefArray?[] v, RefArray?[] w) => v.Zip(w, (a, b) => a is null || b is null ? a ?? b
        : RefArray.Exact(a.Type, a.Values.Zip(b.Values, (x, y) => Scalar.FromDouble(DType.Float64, x.Float + y.Float)).ToArray())).ToArray();

    private static RefArray Uniform(Random random, TensorType type) =>
        RefArray.Exact(type, Enumerable.Range(0, (int)type.Size).Select(_ => Scalar.FromDouble(type.DType, random.NextDouble() * 2 - 1)).ToArray());
}
