using System.Globalization;
using JaxNet.Conformance.Numerics;

namespace JaxNet.Conformance.Cases;

/// <summary>
/// How close a float result must be: |got - expected| &lt;= Absolute + Relative * |expected|. Whatever the numbers,
/// NaN must meet NaN and an infinity the same infinity; -0.0 and +0.0 are equal unless <see cref="SignOfZero"/>
/// is set (cases whose purpose is the sign of zero). Integer and Bool results are always compared exactly.
/// </summary>
public sealed record Tolerance(double Absolute, double Relative, bool SignOfZero = false)
{
    /// <summary>Bit-for-bit values (up to NaN payloads).</summary>
    public static Tolerance Exact { get; } = new(0, 0);

    /// <summary>
    /// The error bound of a float sum of <paramref name="length"/> terms, each at most
    /// <paramref name="termMagnitude"/> in size, accumulated with unit roundoff <paramref name="unitRoundoff"/> in
    /// any order (the classic worst case n*u*sum|x|, doubled), plus a final rounding.
    /// </summary>
    public static Tolerance Accumulated(double unitRoundoff, long length, double termMagnitude) =>
        new(2 * unitRoundoff * Math.Max(length, 1) * termMagnitude, 2 * unitRoundoff);

    /// <summary>The looser of the two in each component.</summary>
    public Tolerance Max(Tolerance other) =>
        new(Math.Max(Absolute, other.Absolute), Math.Max(Relative, other.Relative), SignOfZero || other.SignOfZero);

    public bool Accepts(double got, double expected)
    {
        if (double.IsNaN(expected) || double.IsNaN(got)) return double.IsNaN(expected) && double.IsNaN(got);
        if (double.IsInfinity(expected) || double.IsInfinity(got)) return got == expected;
        if (got == expected) return !SignOfZero || double.IsNegative(got) == double.IsNegative(expected);
        return Math.Abs(got - expected) <= Absolute + Relative * Math.Abs(expected);
    }

    /// <summary>The unit roundoff (half an ulp at 1) of a float dtype.</summary>
    public static double UnitRoundoff(DType dtype) => FloatFormat.Epsilon(dtype) / 2;

    public override string ToString() => this == Exact
        ? "exact"
        : string.Create(CultureInfo.InvariantCulture, $"abs {Absolute:G3} + rel {Relative:G3}{(SignOfZero ? ", sign of zero" : "")}");
}
