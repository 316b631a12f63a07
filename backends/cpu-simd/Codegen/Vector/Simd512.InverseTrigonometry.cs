using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// float64 atan, atan2, asin and acos whose every lane depends on that lane's input alone (they were computed lane by
/// lane with Math). All four are <see cref="Angle"/>, the angle of the point (x, |y|): b = min / max of |x| and |y|
/// in [0, 1], c = k/4 nearest to b, atan b = atan c + atan t with t = (b - c) / (1 + b c) in [-1/8, 1/8] and
/// atan t = t + t^3 P(t^2), P a degree-7 minimax polynomial fitted for these routines (relative error 2^-61); then
/// pi/2 - that when |y| &gt; |x| and pi - that when x is negative, the constants and the partial results kept as
/// double-doubles so only the last addition rounds. asin x = atan2(x, sqrt(1 - x^2)), acos x = atan2(sqrt(1 - x^2), x)
/// with sqrt(1 - x^2) as a double-double. atan2 with both operands zero or both infinite, and NaN lanes, are Math's.
/// float32 runs the float64 routines and rounds. Measured against Math (InverseTrigonometryTests.cs).
/// SimdNNN.InverseTrigonometry.cs exist for 512 and 256 bits: keep the two in step.
/// </summary>
internal static unsafe partial class Simd512
{
    private const double HalfPiHi = 1.5707963267948966;
    private const double HalfPiLo = 6.123233995736766e-17;
    private const double PiHi = 3.141592653589793;
    private const double PiLo = 1.2246467991473532e-16;

    [MethodImpl(Inline)]
    public static Vector512<double> Atan(Vector512<double> x) =>
        Vector512.CopySign(Angle(Vector512.Abs(x), Vector512<double>.Zero, Vector512<double>.One, Vector512<double>.Zero), x);

    [MethodImpl(Inline)]
    public static Vector512<double> Atan2(Vector512<double> y, Vector512<double> x)
    {
        var ay = Vector512.Abs(y);
        var ax = Vector512.Abs(x);
        var special = Vector512.Equals(ax, ay) & (Vector512.Equals(ax, Vector512<double>.Zero) | Vector512.Equals(ax, Vector512.Create(double.PositiveInfinity)))
            | ~Vector512.Equals(x, x) | ~Vector512.Equals(y, y);
        var result = Vector512.CopySign(Angle(ay, Vector512<double>.Zero, x, Vector512<double>.Zero), y);
        return special.AsUInt64() == Vector512<ulong>.Zero ? result : OneByOne(result, y, x, special, Math.Atan2);
    }

    [MethodImpl(Inline)]
    public static Vector512<double> Asin(Vector512<double> x)
    {
        var (root, rootLo) = SqrtOneMinusSquare(x);
        return Vector512.CopySign(Angle(Vector512.Abs(x), Vector512<double>.Zero, root, rootLo), x);
    }

    [MethodImpl(Inline)]
    public static Vector512<double> Acos(Vector512<double> x)
    {
        var (root, rootLo) = SqrtOneMinusSquare(x);
        return Angle(root, rootLo, x, Vector512<double>.Zero);
    }

    [MethodImpl(Inline)]
    public static Vector512<float> Atan(Vector512<float> x) =>
        Vector512.Narrow(Atan(Vector512.WidenLower(x)), Atan(Vector512.WidenUpper(x)));

    [MethodImpl(Inline)]
    public static Vector512<float> Atan2(Vector512<float> y, Vector512<float> x) =>
        Vector512.Narrow(Atan2(Vector512.WidenLower(y), Vector512.WidenLower(x)), Atan2(Vector512.WidenUpper(y), Vector512.WidenUpper(x)));

    [MethodImpl(Inline)]
    public static Vector512<float> Asin(Vector512<float> x) =>
        Vector512.Narrow(Asin(Vector512.WidenLower(x)), Asin(Vector512.WidenUpper(x)));

    [MethodImpl(Inline)]
    public static Vector512<float> Acos(Vector512<float> x) =>
        Vector512.Narrow(Acos(Vector512.WidenLower(x)), Acos(Vector512.WidenUpper(x)));

    /// <summary>sqrt(1 - x^2) as root + rootLo: 1 - x^2 exactly as a double-double, the root's residual by an FMA.</summary>
    [MethodImpl(Inline)]
    private static (Vector512<double> Root, Vector512<double> RootLo) SqrtOneMinusSquare(Vector512<double> x)
    {
        var square = x * x;
        var (w, wLo) = TwoSum(Vector512<double>.One, -square);
        wLo -= Vector512.FusedMultiplyAdd(x, x, -square);
        var root = Vector512.Sqrt(w);
        return (root, (Vector512.FusedMultiplyAdd(-root, root, w) + wLo) / (root + root));
    }

    /// <summary>
    /// The angle in [0, pi] of (x + xLo, ay + ayLo) for ay &gt;= 0, not both zero nor both infinite; NaN in, NaN out
    /// (the comparisons that pick a branch are false for NaN, and the NaN reaches the quotient). The quotient's
    /// rounding and the low parts enter as atan(b + bLo) = atan b + bLo / (1 + b^2).
    /// </summary>
    [MethodImpl(Inline)]
    private static Vector512<double> Angle(Vector512<double> ay, Vector512<double> ayLo, Vector512<double> x, Vector512<double> xLo)
    {
        var ax = Vector512.Abs(x);
        var axLo = xLo ^ (x & Vector512.Create(-0d)); // the low part of |x + xLo|
        var steep = Vector512.GreaterThan(ay, ax);
        var numerator = Vector512.ConditionalSelect(steep, ax, ay);
        var denominator = Vector512.ConditionalSelect(steep, ay, ax);
        var b = numerator / denominator;
        var residual = Vector512.FusedMultiplyAdd(-b, denominator, numerator)
            + Vector512.FusedMultiplyAdd(-b, Vector512.ConditionalSelect(steep, ayLo, axLo), Vector512.ConditionalSelect(steep, axLo, ayLo));
        var bLo = residual / Vector512.FusedMultiplyAdd(denominator * b, b, denominator);
        var (hi, lo) = AtanOfUnit(b);
        lo += Vector512.ConditionalSelect(Vector512.Equals(bLo, bLo), bLo, Vector512<double>.Zero); // NaN where the denominator is infinite
        var (flipped, flippedLo) = Subtract(HalfPiHi, HalfPiLo, hi, lo);
        hi = Vector512.ConditionalSelect(steep, flipped, hi);
        lo = Vector512.ConditionalSelect(steep, flippedLo, lo);
        var negative = Vector512.LessThan(x.AsInt64(), Vector512<long>.Zero).AsDouble(); // -0 too: atan2(+0, -0) = pi
        var (mirrored, mirroredLo) = Subtract(PiHi, PiLo, hi, lo);
        return Vector512.ConditionalSelect(negative, mirrored + mirroredLo, hi + lo);
    }

    /// <summary>(cHi + cLo) - (hi + lo) as a pair: cHi - hi is split exactly (|cHi| &gt;= |hi| here), the rest adds the low parts.</summary>
    [MethodImpl(Inline)]
    private static (Vector512<double> Hi, Vector512<double> Lo) Subtract(double cHi, double cLo, Vector512<double> hi, Vector512<double> lo)
    {
        var c = Vector512.Create(cHi);
        var difference = c - hi;
        return (difference, ((c - difference) - hi) + (Vector512.Create(cLo) - lo));
    }

    /// <summary>atan b for b in [0, 1] as hi + lo (lo not normalized): atan(k/4) from a double-double table plus atan t.</summary>
    [MethodImpl(Inline)]
    private static (Vector512<double> Hi, Vector512<double> Lo) AtanOfUnit(Vector512<double> b)
    {
        var k = Vector512.FusedMultiplyAdd(b, Vector512.Create(4d), Vector512.Create(RoundingShift)) - Vector512.Create(RoundingShift);
        var c = k * Vector512.Create(0.25);
        var t = (b - c) / Vector512.FusedMultiplyAdd(b, c, Vector512<double>.One); // b - c is exact
        var z = t * t;
        var atanT = Vector512.FusedMultiplyAdd(t * z, AtanPolynomial(z), t);
        var hi = Vector512<double>.Zero;
        var lo = Vector512<double>.Zero;
        ReadOnlySpan<double> his = [0.24497866312686414, 0.4636476090008061, 0.6435011087932844, 0.7853981633974483];
        ReadOnlySpan<double> los = [1.0698755618734451e-17, 2.2698777452961687e-17, 1.5834785051444286e-17, 3.061616997868383e-17];
        for (var i = 0; i < 4; i++)
        {
            var at = Vector512.Equals(k, Vector512.Create(i + 1d));
            hi = Vector512.ConditionalSelect(at, Vector512.Create(his[i]), hi);
            lo = Vector512.ConditionalSelect(at, Vector512.Create(los[i]), lo);
        }
        return (hi, lo + atanT);
    }

    /// <summary>(atan t - t) / t^3 in z = t^2 for |t| &lt;= 1/8 (minimax: PolynomialCoefficients).</summary>
    [MethodImpl(Inline)]
    private static Vector512<double> AtanPolynomial(Vector512<double> z) =>
        Horner(z, PolynomialCoefficients.Atan);
}
