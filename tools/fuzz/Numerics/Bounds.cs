using JaxNet.Conformance.Cases;

namespace JaxNet.Fuzz.Numerics;

/// <summary>
/// Error bounds of the host interpreter: how far a correct backend's element may be from the reference's. Inputs
/// are exact; each op adds its own allowance (the conformance suite's tolerance table for one op) to what its
/// operands' bounds can change its result by.
/// </summary>
public static class Bounds
{
    /// <summary>The bound of a zero whose sign a correct backend may choose (max(-0, +0), say): no other value.</summary>
    public const double SignOfZero = double.Epsilon;

    /// <summary>The bound of an element a correct backend may give any value for.</summary>
    public const double Unknown = double.PositiveInfinity;

    public static double MaxFinite(DType dtype) => dtype switch
    {
        DType.Float64 => double.MaxValue,
        DType.Float32 => float.MaxValue,
        DType.Float16 => 65504.0,
        _ => 3.3895313892515355e+38,
    };

    /// <summary>The widest dtype a backend may compute <paramref name="dtype"/>'s values in before it rounds them on
    /// store: float32 for float16 and bfloat16, which the kernel IR makes storage types (kernel-ir.md).</summary>
    public static DType ComputedIn(DType dtype) => dtype is DType.Float16 or DType.BFloat16 ? DType.Float32 : dtype;

    public static double MinNormal(DType dtype) => dtype switch
    {
        DType.Float64 => 2.2250738585072014e-308,
        DType.Float16 => 6.103515625e-05,
        _ => 1.1754943508222875e-38,
    };

    public static double MinSubnormal(DType dtype) => dtype switch
    {
        DType.Float64 => double.Epsilon,
        DType.Float32 => float.Epsilon,
        DType.Float16 => 5.9604644775390625e-08,
        _ => 9.183549615799121e-41,
    };

    /// <summary>Bits of precision, the implicit bit included.</summary>
    public static int SignificandBits(DType dtype) => dtype switch
    {
        DType.Float64 => 53,
        DType.Float32 => 24,
        DType.Float16 => 11,
        _ => 8,
    };

    public static double UnitRoundoff(DType dtype) => Tolerance.UnitRoundoff(dtype);

    public static bool IsRepresentable(double value, DType dtype) => double.IsNaN(value) || FloatFormat.Round(value, dtype) == value;

    /// <summary>The tolerance table's allowance for one op of <paramref name="family"/> at <paramref name="magnitude"/>,
    /// and at least two of the dtype's smallest subnormals (two ulps there).</summary>
    public static double Allowance(DType dtype, OpFamily family, double magnitude)
    {
        var t = ToleranceTable.Elementwise(dtype, family);
        return Math.Max(t.Absolute + t.Relative * magnitude, 2 * MinSubnormal(dtype));
    }

    /// <summary>The ends of the interval a value with bound <paramref name="error"/> lies in (both zeros for a zero of
    /// either sign).</summary>
    public static (double Lo, double Hi) Interval(double value, double error) =>
        value == 0 && error == SignOfZero ? (-0.0, 0.0) : (value - error, value + error);

    /// <summary>A bound that only allows a zero's sign: nothing else may differ.</summary>
    public static bool IsExactValue(double error) => error <= SignOfZero;

    /// <summary>
    /// The final bound of a float element: NaN and infinities must be met exactly (so one with a bound is unknown), a
    /// value that may overflow is unknown, and where the backend may flush subnormals a value that may be subnormal
    /// may also be zero.
    /// </summary>
    public static double Finish(Scalar value, double error, NumericsModel numerics)
    {
        if (double.IsPositiveInfinity(error) || double.IsNaN(error)) return Unknown;
        var v = value.Float;
        if (!double.IsFinite(v)) return IsExactValue(error) && error == 0 ? 0 : Unknown;
        var magnitude = Math.Abs(v);
        if (magnitude + error > MaxFinite(value.DType)) return Unknown;
        if (numerics.Flushes(value.DType) && magnitude - error < MinNormal(value.DType) && v != 0) error = Math.Max(error, magnitude);
        return error;
    }

    /// <summary>The bound of an input element: exact, but a subnormal may read as zero on a flushing backend (either
    /// part of a complex element too).</summary>
    public static double OfInput(Scalar value, NumericsModel numerics) => value.DType.IsComplex()
        ? Math.Max(OfInput(ComplexElement.Part(value, false), numerics), OfInput(ComplexElement.Part(value, true), numerics))
        : value.DType.IsFloat() && numerics.Flushes(value.DType) && value.Float != 0 && Math.Abs(value.Float) < MinNormal(value.DType)
            ? Math.Abs(value.Float)
            : 0;
}
