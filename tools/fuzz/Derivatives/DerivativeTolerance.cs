using JaxNet.Fuzz.Ops;
using JaxNet.Fuzz.Programs;

namespace JaxNet.Fuzz.Derivatives;

/// <summary>
/// How far a backend's rounding may move a derivative: <see cref="Relative"/> to the magnitude of the derivative's
/// terms (an element and its output's typical derivative; for the inner products of the VJP checks, the sum of their
/// terms' magnitudes), and <see cref="Cancellation"/> to the outputs' values, for a derivative that cancels to nearly
/// zero and keeps the rounding of the terms that cancelled in it; <see cref="Absolute"/> per element and per unit of a
/// cotangent, for values that passed through the subnormals, where the dtype keeps fewer bits than its precision;
/// <see cref="PerOp"/> to the terms of each intermediate tangent, for a tangent that cancels on its way to the outputs
/// (<see cref="TangentRounding"/>).
/// </summary>
public sealed record DerivativeTolerance(double Relative, double Cancellation, double Absolute, double PerOp)
{
    /// <summary>float64: the finite differences' own accuracy is the limit (1e-6), not the backend's rounding; its
    /// subnormals are too small to matter at that accuracy, and so is its rounding of intermediate tangents.</summary>
    public static DerivativeTolerance Float64 { get; } = new(1e-6, 1e-12, 0, 0);

    /// <summary>
    /// A float32 op's tangent and cotangent rules round their terms as the op does, within the conformance tolerance
    /// of a few ulps (<see cref="UlpsPerOp"/> u each), and those errors compound along the ops the derivative passes
    /// through, a body's ops once per trip (<see cref="TripsPerBody"/> at most).
    /// </summary>
    public const int UlpsPerOp = 16;

    /// <summary>The most trips a generated loop or scan makes (4), so the most times a body's rounding compounds.</summary>
    public const int TripsPerBody = 4;

    /// <summary>The tolerance of <paramref name="program"/>'s derivatives on a backend of <paramref name="numerics"/>: that
    /// of its narrowest float input (float32, float16 or bfloat16); a program whose contractions the backend computes
    /// from narrower operands still (tpu-sim's bfloat16 passes for float32) has that dtype's rounding in its
    /// derivatives instead. float16's and bfloat16's allowances pass the finite differences' resolution of 1e-3, so
    /// their derivatives are checked for gross errors (a wrong sign, a missing term) rather than ulps.</summary>
    public static DerivativeTolerance For(FuzzProgram program, NumericsModel numerics)
    {
        var floats = program.Inputs.Select(x => x.DType).Where(d => d.IsFloat() && d != DType.Float64).ToArray();
        if (floats.Length == 0) return Float64;
        var precision = floats.MinBy(Bounds.SignificandBits);
        if (numerics.ContractionInput is { } narrow && Bounds.SignificandBits(narrow) < Bounds.SignificandBits(precision)
            && program.Ops.Any(op => op is DotGeneralFuzzOp or ConvolutionFuzzOp))
            precision = narrow;
        var perOp = UlpsPerOp * Bounds.UnitRoundoff(precision);
        var rounding = perOp * (Depth(program) + 1);
        return new DerivativeTolerance(Math.Max(rounding, Float64.Relative), rounding, Bounds.MinNormal(floats.MinBy(Bounds.SignificandBits)), perOp);
    }

    /// <summary>How many op applications a derivative may pass through: every node, a body's once per trip.</summary>
    private static int Depth(FuzzProgram program) => program.Nodes.Sum(n => Applications(n.Op));

    /// <summary>How many op applications <paramref name="op"/> stands for: one, and its bodies' ops once per trip.</summary>
    public static int Applications(FuzzOp op) => 1 + TripsPerBody * op.Bodies.Sum(b => Depth(b.Program));
}
