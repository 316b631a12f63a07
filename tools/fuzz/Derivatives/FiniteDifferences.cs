using JaxNet.Fuzz.Programs;
using JaxNet.Fuzz.Running;

namespace JaxNet.Fuzz.Derivatives;

/// <summary>
/// The reference for derivatives: the directional derivative of each output element along a direction of the float64
/// inputs, from central differences of the float64 host interpreter at steps h and h/2 combined by Richardson
/// extrapolation. Each element's bound is honest about what the differences cannot see: twice their disagreement
/// (the truncation error is far below it where the function is smooth at the scale of h), the interpreter's own
/// bounds divided by the step (rounding), and a relative allowance for the backend's rounding. An element whose
/// differences disagree by more than a thousandth (a kink or a jump within h, a pole nearby), whose second difference
/// does not shrink with the step (a kink at the point itself, where JAX picks one side), or that is not finite at
/// every step, is unknown.
/// </summary>
public static class FiniteDifferences
{
    /// <summary>The step along a direction whose elements are at most 1 (inputs are of order 1): 2^-10.</summary>
    public const double Step = 1.0 / 1024;

    /// <summary>The relative allowance for a backend's float64 rounding in a derivative.</summary>
    public const double Relative = 1e-6;

    /// <summary>The rounding a derivative may keep from terms of the order of the function's values that cancelled in it
    /// (relative to those values).</summary>
    public const double Cancellation = 1e-12;

    /// <summary>How far apart the two steps' differences may be, relative to the derivative, for a smooth function.</summary>
    private const double Smoothness = 1e-3;

    /// <summary>Whether input <paramref name="k"/> of <paramref name="program"/> is differentiated (float64; other
    /// floats are held constant, since differences of a coarser dtype say little).</summary>
    public static bool IsDifferentiable(FuzzProgram program, int k) => program.Inputs[k].DType == DType.Float64;

    /// <summary>Each output's directional derivative along <paramref name="direction"/> (one array per input, used
    /// only for the differentiable ones), with bounds, Unknown where the differences cannot tell.</summary>
    public static RefArray[] Jvp(FuzzProgram program, IReadOnlyList<RefArray?> direction)
    {
        double[] ts = [-Step, -Step / 2, 0, Step / 2, Step];
        var runs = ts.Select(t => Outputs(Moved(program, direction, t))).ToArray();
        return program.Outputs.Select((_, o) => Differentiate(runs.Select(r => r[o]).ToArray())).ToArray();
    }

    /// <summary>The program with its differentiable inputs moved by <paramref name="t"/> times the direction.</summary>
    private static FuzzProgram Moved(FuzzProgram program, IReadOnlyList<RefArray?> direction, double t)
    {
        var inputs = program.Inputs.Select((x, k) => direction[k] is { } d && IsDifferentiable(program, k)
            ? RefArray.Exact(x.Type, x.Values.Select((v, i) => Scalar.FromDouble(DType.Float64, v.Float + t * d.Values[i].Float)).ToArray())
            : x).ToArray();
        return new FuzzProgram(inputs, program.Nodes, program.Outputs);
    }

    private static RefArray[] Outputs(FuzzProgram program)
    {
        var values = HostInterpreter.Run(program, NumericsModel.Ieee);
        return program.Outputs.Select(o => values[o]).ToArray();
    }

    /// <summary>One output's derivative from its values at -h, -h/2, 0, h/2, h.</summary>
    private static RefArray Differentiate(RefArray[] at)
    {
        var n = at[0].Size;
        var (value, error) = (new double[n], new double[n]);
        for (var i = 0; i < n; i++) (value[i], error[i]) = Element(at.Select(a => a.Values[i].Float).ToArray(), at.Select(a => a.Error[i]).ToArray());
        // The relative allowance is taken of the element and of the output's typical derivative (a small element of a
        // large gradient carries the rounding of the large terms that cancelled in it).
        var known = value.Where((_, i) => !double.IsPositiveInfinity(error[i])).Select(Math.Abs).ToArray();
        var typical = known.Length > 0 ? known.Average() : 0;
        for (var i = 0; i < n; i++)
            if (!double.IsPositiveInfinity(error[i]))
            {
                error[i] += Relative * (Math.Abs(value[i]) + typical);
                if (error[i] > Smoothness * (Math.Abs(value[i]) + typical)) error[i] = Bounds.Unknown;
            }
        var type = at[0].Type.With(DType.Float64);
        return new RefArray(type, value.Select(v => Scalar.FromDouble(DType.Float64, v)).ToArray(), error);
    }

    /// <summary>The extrapolated derivative of one element and its bound before the relative allowance.</summary>
    private static (double Value, double Error) Element(double[] y, double[] e)
    {
        if (y.Any(v => !double.IsFinite(v)) || e.Any(v => !double.IsFinite(v))) return (0, Bounds.Unknown);
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
        var kink = a2 - n2 > 0.75 * (a1 + n1) && a2 - n2 > Relative * Math.Abs(value);
        return kink ? (value, Bounds.Unknown) : (value, 2 * truncation + 2 * rounding);
    }
}
