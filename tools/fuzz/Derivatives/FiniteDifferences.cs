using JaxNet.Fuzz.Programs;
using JaxNet.Fuzz.Running;

namespace JaxNet.Fuzz.Derivatives;

/// <summary>
/// The reference for derivatives: the directional derivative of each output element along a direction of the float
/// inputs, from central differences of the float64 host interpreter at steps h and h/2 combined by Richardson
/// extrapolation (a float32, float16 or bfloat16 program's differences are taken of its float64 twin,
/// <see cref="FuzzProgram.Retyped"/>: the narrow type's rounding at a step of 2^-10 would swamp them). Each element's bound is honest about what the differences cannot see: twice their disagreement
/// (the truncation error is far below it where the function is smooth at the scale of h), the interpreter's own
/// bounds divided by the step (rounding), and an allowance for the backend's rounding (<see cref="DerivativeTolerance"/>,
/// relative to the derivative's terms and to the second derivative, since the values it is taken at are rounded too).
/// An element whose
/// differences disagree by more than a thousandth (a kink or a jump within h, a pole nearby), whose second difference
/// does not shrink with the step (a kink at the point itself, where JAX picks one side), or that is not finite at
/// every step, is unknown.
/// </summary>
public static class FiniteDifferences
{
    /// <summary>The step along a direction whose elements are at most 1 (inputs are of order 1): 2^-10.</summary>
    public const double Step = 1.0 / 1024;

    /// <summary>The float64 interpreter's own rounding in a derivative, relative to the values that cancelled in it.</summary>
    private const double Cancellation = 1e-12;

    /// <summary>How far apart the two steps' differences may be, relative to the derivative, for a smooth function.</summary>
    private const double Smoothness = 1e-3;

    /// <summary>Whether input <paramref name="k"/> of <paramref name="program"/> is differentiated: every float input
    /// (float16 and bfloat16 ones against bounds as coarse as their rounding, <see cref="DerivativeTolerance.For"/>).</summary>
    public static bool IsDifferentiable(FuzzProgram program, int k) => program.Inputs[k].DType.IsFloat();

    /// <summary>The float64 twin of a program with narrower float values (the program itself otherwise).</summary>
    public static FuzzProgram Twin(FuzzProgram program) => program.Retyped(d => d.IsFloat() ? DType.Float64 : d);

    /// <summary>Each output's directional derivative along <paramref name="direction"/> (one array per input, used
    /// only for the differentiable ones), with bounds, Unknown where the differences cannot tell.</summary>
    public static RefArray[] Jvp(FuzzProgram program, IReadOnlyList<RefArray?> direction, NumericsModel? numerics = null) =>
        JvpAndRounding(program, direction, numerics).Derivatives;

    /// <summary>As <see cref="Jvp"/>, with the part of each element's bound that is the backend's rounding of the
    /// intermediate tangents (<see cref="TangentRounding"/>; zero for a float64 program), which the VJP checks need too.</summary>
    public static (RefArray[] Derivatives, double[][] Rounding) JvpAndRounding(FuzzProgram program, IReadOnlyList<RefArray?> direction,
        NumericsModel? numerics = null)
    {
        double[] ts = [-Step, -Step / 2, 0, Step / 2, Step];
        var twin = Twin(program);
        var everyValue = ts.Select(t => HostInterpreter.Run(Moved(twin, direction, t), NumericsModel.Ieee)).ToArray();
        var runs = everyValue.Select(values => program.Outputs.Select(o => values[o]).ToArray()).ToArray();
        var tolerance = DerivativeTolerance.For(program, numerics ?? NumericsModel.Ieee);
        var rounding = tolerance.PerOp == 0
            ? program.Outputs.Select(o => new double[program.TypeOf(o).Size]).ToArray()
            : TangentRounding.Of(twin, everyValue[2], Tangents(twin, everyValue), tolerance.PerOp);
        // The program's own values: where a float32 value is unknown (may overflow, say), so is its derivative; where a
        // value overflowed in float32 but not in the twin, or a derivative rule's intermediate overflows the narrow type
        // (atan2's x^2 + y^2 in float16), the derivatives through it (NaN from inf times 0, 0 from 1/inf) are not the
        // twin's, and all are left unknown. A sorted position whose narrow keys tie or lie within each other's bounds is
        // unknown too: the backend's derivative follows the element it put there, the twin's the order its keys take
        // as they move (derivatives-f16 seed 455).
        var values = ReferenceEquals(twin, program) ? null : Outputs(program, NumericsModel.Ieee with { SortOrderDecidesValues = true });
        var unknown = values is not null && OverflowsOnlyInNarrowDtype(program, twin);
        var derivatives = program.Outputs.Select((output, o) => unknown
            ? RefArray.Build(values![o].Type.With(DType.Float64), _ => (Scalar.FromDouble(DType.Float64, 0), Bounds.Unknown))
            : Differentiate(runs.Select(r => r[o]).ToArray(), tolerance, rounding[o], values?[o], program.TypeOf(output).DType)).ToArray();
        return (derivatives, rounding);
    }

    /// <summary>Every float value's derivative along the direction, from the twin's values at the five steps (no bounds:
    /// they size the terms of each op's tangent rule), +inf where a value is not finite; empty for the other values.</summary>
    private static double[][] Tangents(FuzzProgram twin, RefArray[][] everyValue) =>
        Enumerable.Range(0, twin.ValueCount).Select(v => !twin.TypeOf(v).DType.IsFloat() ? []
            : Enumerable.Range(0, everyValue[0][v].Size).Select(i => Tangent(everyValue.Select(r => r[v].Values[i].Float).ToArray())).ToArray())
            .ToArray();

    private static double Tangent(double[] y) => y.All(double.IsFinite) ? Element(y, new double[y.Length]).Value : double.PositiveInfinity;

    /// <summary>Whether a value of the program is infinite or NaN where its twin's is finite, or an intermediate of a
    /// derivative rule at the program's values passes the narrow dtype's range.</summary>
    private static bool OverflowsOnlyInNarrowDtype(FuzzProgram program, FuzzProgram twin)
    {
        var (narrow, wide) = (HostInterpreter.Run(program, NumericsModel.Ieee), HostInterpreter.Run(twin, NumericsModel.Ieee));
        return narrow.Zip(wide).Any(p => p.First.DType.IsFloat()
            && p.First.Values.Zip(p.Second.Values).Any(v => !double.IsFinite(v.First.Float) && double.IsFinite(v.Second.Float)))
            || RuleIntermediates.OverflowNarrowDtype(program, narrow);
    }

    /// <summary>The program with its differentiable inputs moved by <paramref name="t"/> times the direction.</summary>
    private static FuzzProgram Moved(FuzzProgram program, IReadOnlyList<RefArray?> direction, double t)
    {
        var inputs = program.Inputs.Select((x, k) => direction[k] is { } d && IsDifferentiable(program, k)
            ? RefArray.Exact(x.Type, x.Values.Select((v, i) => Scalar.FromDouble(DType.Float64, v.Float + t * d.Values[i].Float)).ToArray())
            : x).ToArray();
        return new FuzzProgram(inputs, program.Nodes, program.Outputs);
    }

    private static RefArray[] Outputs(FuzzProgram program, NumericsModel? numerics = null)
    {
        var values = HostInterpreter.Run(program, numerics ?? NumericsModel.Ieee);
        return program.Outputs.Select(o => values[o]).ToArray();
    }

    /// <summary>One output's derivative from its values at -h, -h/2, 0, h/2, h.</summary>
    private static RefArray Differentiate(RefArray[] at, DerivativeTolerance tolerance, double[] rounding, RefArray? values, DType dtype)
    {
        var n = at[0].Size;
        var (value, error) = (new double[n], new double[n]);
        var curvature = new double[n];
        for (var i = 0; i < n; i++)
            (value[i], error[i], curvature[i]) = Element(at.Select(a => a.Values[i].Float).ToArray(), at.Select(a => a.Error[i]).ToArray());
        // The relative allowance is taken of the element and of the output's typical derivative (a small element of a
        // large gradient carries the rounding of the large terms that cancelled in it).
        var known = value.Where((_, i) => !double.IsPositiveInfinity(error[i])).Select(Math.Abs).ToArray();
        var typical = known.Length > 0 ? known.Average() : 0;
        for (var i = 0; i < n; i++)
            if (!double.IsPositiveInfinity(error[i]))
            {
                // Whether the differences resolve the derivative is theirs to say, before the allowance for the
                // backend's rounding (which for float16 and bfloat16 is itself coarser than Smoothness).
                var unresolved = error[i] > Smoothness * (Math.Abs(value[i]) + typical);
                // Rounding the terms of the derivative (the element, or the typical one where it cancelled), and
                // rounding the values it is taken at: moving an intermediate value by a relative Relative moves the
                // derivative by about f'' times that (the inputs and directions are of order 1).
                error[i] += tolerance.Relative * (Math.Abs(value[i]) + typical + curvature[i]) + tolerance.Absolute;
                if (values is not null && values.IsUnknown(i)) error[i] = Bounds.Unknown;
                if (unresolved || !Coarse(dtype) && error[i] > Smoothness * (Math.Abs(value[i]) + typical)) error[i] = Bounds.Unknown;
                // The rounding of the intermediate tangents, which may have cancelled on their way to this element
                // (float32 seed 148's 5569 t0 - t1): a bound of its own, not a sign that the differences are unsure, so
                // the element is checked to it however coarse, as a float16 one is to its allowance.
                error[i] += rounding[i];
                // A derivative past the dtype's largest finite value may overflow (a float32 one of a float64 twin's).
                if (Math.Abs(value[i]) + error[i] > Bounds.MaxFinite(dtype)) error[i] = Bounds.Unknown;
            }
        var type = at[0].Type.With(DType.Float64);
        return new RefArray(type, value.Select(v => Scalar.FromDouble(DType.Float64, v)).ToArray(), error);
    }

    /// <summary>Whether the allowance for <paramref name="dtype"/>'s rounding is itself coarser than the differences'
    /// resolution, so that an element is checked to that allowance rather than left unknown.</summary>
    private static bool Coarse(DType dtype) => dtype is DType.Float16 or DType.BFloat16;

    /// <summary>The extrapolated derivative of one element, its bound before the allowance for the backend's rounding,
    /// and the second derivative along the direction (from the second difference at h).</summary>
    private static (double Value, double Error, double Curvature) Element(double[] y, double[] e)
    {
        if (y.Any(v => !double.IsFinite(v)) || e.Any(v => !double.IsFinite(v))) return (0, Bounds.Unknown, 0);
        // The interpreter's own rounding (its bounds cover the backends' freedom, not a correctly rounded op's error): at
        // most Cancellation |y| in the derivative.
        e = e.Select((b, k) => b + Cancellation * Step * Math.Abs(y[k])).ToArray();
        const double h = Step;
        var d1 = (y[4] - y[0]) / (2 * h);
        var d2 = (y[3] - y[1]) / h;
        var value = (4 * d2 - d1) / 3;
        var rounding = (4 * (e[3] + e[1]) / h + (e[4] + e[0]) / (2 * h)) / 3;
        // One-sided differences, each extrapolated, agree with the central one to h^2 times the third derivative where f
        // is smooth; a kink within (0, h) leaves one side exact and the other off, which the central pair alone can miss
        // (seed 1476: two sorted keys swapping 0.15 h away gave -0.289 +- 0.156 for a derivative of -0.4846).
        var left = 2 * (y[2] - y[1]) / (h / 2) - (y[2] - y[0]) / h;
        var right = 2 * (y[3] - y[2]) / (h / 2) - (y[4] - y[2]) / h;
        var truncation = Math.Abs(d1 - d2) + Math.Max(Math.Abs(left - value), Math.Abs(right - value));
        // Second differences: h f'' where f is smooth (halving with the step), the jump in slope at a kink at the point.
        var a1 = Math.Abs(y[4] - 2 * y[2] + y[0]) / h;
        var a2 = Math.Abs(y[3] - 2 * y[2] + y[1]) / (h / 2);
        var (n1, n2) = ((e[4] + 2 * e[2] + e[0]) / h, (e[3] + 2 * e[2] + e[1]) / (h / 2));
        var kink = a2 - n2 > 0.75 * (a1 + n1) && a2 - n2 > DerivativeTolerance.Float64.Relative * Math.Abs(value);
        return kink ? (value, Bounds.Unknown, 0) : (value, 2 * truncation + 2 * rounding, a1 / h);
    }
}
