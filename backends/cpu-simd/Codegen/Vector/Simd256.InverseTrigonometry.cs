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
internal static unsafe partial class Simd256
{
    private const double HalfPiHi = 1.5707963267948966;
    private const double HalfPiLo = 6.123233995736766e-17;
    private const double PiHi = 3.141592653589793;
    private const double PiLo = 1.2246467991473532e-16;

    [MethodImpl(Inline)]
    public static Vector256<double> Atan(Vector256<double> x) =>
        Vector256.CopySign(Angle(Vector256.Abs(x), Vector256<double>.Zero, Vector256<double>.One, Vector256<double>.Zero), x);

    [MethodImpl(Inline)]
    public static Vector256<double> Atan2(Vector256<double> y, Vector256<double> x)
    {
        var ay = Vector256.Abs(y);
        var ax = Vector256.Abs(x);
        var special = Vector256.Equals(ax, ay) & (Vector256.Equals(ax, Vector256<double>.Zero) | Vector256.Equals(ax, Vector256.Create(double.PositiveInfinity)))
            | ~Vector256.Equals(x, x) | ~Vector256.Equals(y, y);
        var result = Vector256.CopySign(Angle(ay, Vector256<double>.Zero, x, Vector256<double>.Zero), y);
        return special.AsUInt64() == Vector256<ulong>.Zero ? result : OneByOne(result, y, x, special, Math.Atan2);
    }

    [MethodImpl(Inline)]
    public static Vector256<double> Asin(Vector256<double> x)
    {
        var (root, rootLo) = SqrtOneMinusSquare(x);
        return Vector256.CopySign(Angle(Vector256.Abs(x), Vector256<double>.Zero, root, rootLo), x);
    }

    [MethodImpl(Inline)]
    public static Vector256<double> Acos(Vector256<double> x)
    {
        var (root, rootLo) = SqrtOneMinusSquare(x);
        return Angle(root, rootLo, x, Vector256<double>.Zero);
    }

    [MethodImpl(Inline)]
    public static Vector256<float> Atan(Vector256<float> x) =>
        Vector256.Narrow(Atan(Vector256.WidenLower(x)), Atan(Vector256.WidenUpper(x)));

    [MethodImpl(Inline)]
    public static Vector256<float> Atan2(Vector256<float> y, Vector256<float> x) =>
        Vector256.Narrow(Atan2(Vector256.WidenLower(y), Vector256.WidenLower(x)), Atan2(Vector256.WidenUpper(y), Vector256.WidenUpper(x)));

    [MethodImpl(Inline)]
    public static Vector256<float> Asin(Vector256<float> x) =>
        Vector256.Narrow(Asin(Vector256.WidenLower(x)), Asin(Vector256.WidenUpper(x)));

    [MethodImpl(Inline)]
    public static Vector256<float> Acos(Vector256<float> x) =>
        Vector256.Narrow(Acos(Vector256.WidenLower(x)), Acos(Vector256.WidenUpper(x)));

    /// <summary>sqrt(1 - x^2) as root + rootLo: 1 - x^2 exactly as a double-double, the root's residual by an FMA.</summary>
    [MethodImpl(Inline)]
    private static (Vector256<double> Root, Vector256<double> RootLo) SqrtOneMinusSquare(Vector256<double> x)
    {
        var square = x * x;
        var (w, wLo) = TwoSum(Vector256<double>.One, -square);
        wLo -= Vector256.FusedMultiplyAdd(x, x, -square);
        var root = Vector256.Sqrt(w);
        return (root, (Vector256.FusedMultiplyAdd(-root, root, w) + wLo) / (root + root));
    }

    /// <summary>
    /// The angle in [0, pi] of (x + xLo, ay + ayLo) for ay &gt;= 0, not both zero nor both infinite; NaN in, NaN out
    /// (the comparisons that pick a branch are false for NaN, and the NaN reaches the quotient). The quotient's
    /// rounding and the low parts enter as atan(b + bLo) = atan b + bLo / (1 + b^2).
    /// </summary>
    [MethodImpl(Inline)]
    private static Vector256<double> Angle(Vector256<double> ay, Vector256<double> ayLo, Vector256<double> x, Vector256<double> xLo)
    {
        var ax = Vector256.Abs(x);
        var axLo = xLo ^ (x & Vector256.Create(-0d)); // the low part of |x + xLo|
        var steep = Vector256.GreaterThan(ay, ax);
        var numerator = Vector256.ConditionalSelect(steep, ax, ay);
        var denominator = Vector256.ConditionalSelect(steep, ay, ax);
        var b = numerator / denominator;
        var residual = Vector256.FusedMultiplyAdd(-b, denominator, numerator)
            + Vector256.FusedMultiplyAdd(-b, Vector256.ConditionalSelect(steep, ayLo, axLo), Vector256.ConditionalSelect(steep, axLo, ayLo));
        var bLo = residual / Vector256.FusedMultiplyAdd(denominator * b, b, denominator);
        var (hi, lo) = AtanOfUnit(b);
        lo += Vector256.ConditionalSelect(Vector256.Equals(bLo, bLo), bLo, Vector256<double>.Zero); // NaN where the denominator is infinite
        var (flipped, flippedLo) = Subtract(HalfPiHi, HalfPiLo, hi, lo);
        hi = Vector256.ConditionalSelect(steep, flipped, hi);
        lo = Vector256.ConditionalSelect(steep, flippedLo, lo);
        var negative = Vector256.LessThan(x.AsInt64(), Vector256<long>.Zero).AsDouble(); // -0 too: atan2(+0, -0) = pi
        var (mirrored, mirroredLo) = Subtract(PiHi, PiLo, hi, lo);
        return Vector256.ConditionalSelect(negative, mirrored + mirroredLo, hi + lo);
    }

    /// <summary>(cHi + cLo) - (hi + lo) as a pair: cHi - hi is split exactly (|cHi| &gt;= |hi| here), the rest adds the low parts.</summary>
    [MethodImpl(Inline)]
    private static (Vector256<double> Hi, Vector256<double> Lo) Subtract(double cHi, double cLo, Vector256<double> hi, Vector256<double> lo)
    {
        var c = Vector256.Create(cHi);
        var difference = c - hi;
        return (difference, ((c - difference) - hi) + (Vector256.Create(cLo) - lo));
    }

    /// <summary>atan b for b in [0, 1] as hi + lo (lo not normalized): atan(k/4) from a double-double table plus atan t.</summary>
    [MethodImpl(Inline)]
    private static (Vector256<double> Hi, Vector256<double> Lo) AtanOfUnit(Vector256<double> b)
    {
        var k = Vector256.FusedMultiplyAdd(b, Vector256.Create(4d), Vector256.Create(RoundingShift)) - Vector256.Create(RoundingShift);
        var c = k * Vector256.Create(0.25);
        var t = (b - c) / Vector256.FusedMultiplyAdd(b, c, Vector256<double>.One); // b - c is exact
        var z = t * t;
        var atanT = Vector256.FusedMultiplyAdd(t * z, AtanPolynomial(z), t);
        var hi = Vector256<double>.Zero;
        var lo = Vector256<double>.Zero;
        ReadOnlySpan<double> his = [0.24497866312686414, 0.4636476090008061, 0.6435011087932844, 0.7853981633974483];
        ReadOnlySpan<double> los = [1.0698755618734451e-17, 2.2698777452961687e-17, 1.5834785051444286e-17, 3.061616997868383e-17];
        for (var i = 0; i < 4; i++)
        {
            var at = Vector256.Equals(k, Vector256.Create(i + 1d));
            hi = Vector256.ConditionalSelect(at, Vector256.Create(his[i]), hi);
            lo = Vector256.ConditionalSelect(at, Vector256.Create(los[i]), lo);
        }
        return (hi, lo + atanT);
    }

    /// <summary>(atan t - t) / t^3 in z = t^2 for |t| &lt;= 1/8 (minimax: PolynomialCoefficients).</summary>
    [MethodImpl(Inline)]
    private static Vector256<double> AtanPolynomial(Vector256<double> z) =>
        Horner(z, PolynomialCoefficients.Atan);
}
