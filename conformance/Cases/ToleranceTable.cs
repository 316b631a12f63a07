using JaxNet.Abstractions.Kernels;

namespace JaxNet.Conformance.Cases;

/// <summary>The op families of the tolerance table (docs/conformance.md explains each).</summary>
public enum OpFamily
{
    /// <summary>Correctly rounded in IEEE (+ - * / sqrt, fmod, rounding, min/max, comparisons, conversions, nextafter).</summary>
    Basic,
    /// <summary>Elementary functions a backend approximates (exp, log, trig, hyperbolic, logistic, cbrt, rsqrt, atan2).</summary>
    Transcendental,
    /// <summary>Special functions and pow (erf, erfinv, lgamma, digamma, pow): approximations with a larger error.</summary>
    Special,
}

/// <summary>
/// The default tolerances, per dtype and op family. Integers and Bool are exact. Float tolerances are
/// |got - expected| &lt;= abs + rel*|expected| against the float64 reference rounded once to the dtype.
/// </summary>
public static class ToleranceTable
{
    public static OpFamily FamilyOf(UnaryOp op) => op switch
    {
        UnaryOp.Erf or UnaryOp.ErfInv or UnaryOp.Lgamma or UnaryOp.Digamma => OpFamily.Special,
        UnaryOp.Rsqrt or UnaryOp.Cbrt or UnaryOp.Exp or UnaryOp.Exp2 or UnaryOp.Log or UnaryOp.Log1p or UnaryOp.Expm1
            or UnaryOp.Sin or UnaryOp.Cos or UnaryOp.Tan or UnaryOp.Asin or UnaryOp.Acos or UnaryOp.Atan
            or UnaryOp.Sinh or UnaryOp.Cosh or UnaryOp.Tanh or UnaryOp.Asinh or UnaryOp.Acosh or UnaryOp.Atanh
            or UnaryOp.Logistic => OpFamily.Transcendental,
        _ => OpFamily.Basic,
    };

    public static OpFamily FamilyOf(BinaryOp op) => op switch
    {
        BinaryOp.Pow => OpFamily.Special,
        BinaryOp.Atan2 => OpFamily.Transcendental,
        _ => OpFamily.Basic,
    };

    /// <summary>The tolerance of one elementwise op family on one dtype.</summary>
    public static Tolerance Elementwise(DType dtype, OpFamily family)
    {
        if (!dtype.IsFloat()) return Tolerance.Exact;
        return (dtype, family) switch
        {
            // Basic ops are correctly rounded: 2 ulps leaves room for a backend that evaluates f32 in f32 steps.
            (DType.Float64, OpFamily.Basic) => new(0, 4.5e-16),
            (DType.Float32, OpFamily.Basic) => new(0, 2.4e-7),
            // f16/bf16 are often computed in f32 and rounded: allow one ulp of the narrow type (double rounding).
            (DType.Float16, OpFamily.Basic) => new(0, 1e-3),
            (DType.BFloat16, OpFamily.Basic) => new(0, 8e-3),
            (DType.Float64, OpFamily.Transcendental) => new(1e-13, 1e-12),
            (DType.Float32, OpFamily.Transcendental) => new(1e-6, 4e-6),
            (DType.Float16, OpFamily.Transcendental) => new(1e-4, 2e-3),
            (DType.BFloat16, OpFamily.Transcendental) => new(1e-3, 1.6e-2),
            (DType.Float64, OpFamily.Special) => new(1e-12, 1e-12),
            (DType.Float32, OpFamily.Special) => new(1e-5, 1e-5),
            (DType.Float16, OpFamily.Special) => new(1e-3, 3e-3),
            _ => new(1e-2, 2e-2),
        };
    }

    public static Tolerance Unary(UnaryOp op, DType dtype) => Elementwise(dtype, FamilyOf(op));

    public static Tolerance Binary(BinaryOp op, DType dtype) => Elementwise(dtype, FamilyOf(op));

    /// <summary>
    /// A float sum of <paramref name="length"/> terms of magnitude at most <paramref name="termMagnitude"/>
    /// accumulated in <paramref name="accumulator"/>, then written as <paramref name="output"/>: the accumulation
    /// bound, and at least the basic tolerance of the output dtype.
    /// </summary>
    public static Tolerance Accumulated(DType accumulator, DType output, long length, double termMagnitude)
    {
        if (!accumulator.IsFloat() && !output.IsFloat()) return Tolerance.Exact;
        var unit = accumulator.IsFloat() ? Tolerance.UnitRoundoff(accumulator) : 0;
        return Tolerance.Accumulated(unit, length, termMagnitude).Max(Elementwise(output, OpFamily.Basic));
    }
}
