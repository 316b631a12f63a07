using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// float64 log1p and pow whose every lane depends on that lane's input alone (they were computed lane by lane).
/// Both stand on <see cref="LogReduced"/>, log v as a double-double accurate to about 2^-63: v = 2^e m with m in
/// [sqrt(1/2), sqrt(2)), s = (m - 1) / (m + 1) kept as a double-double, log m = 2s + (2/3) s^3 + s^5 R(s^2), the first
/// two terms in double-double and R a degree-7 minimax polynomial fitted for these routines. pow(x, y) is
/// e^(y log|x|) with y log|x| as a double-double into <see cref="ExpReduced"/>, so a result near e^700 is still
/// within about an ulp. Lanes pow cannot take in vector form (zero, subnormal, infinite or NaN operands, a negative
/// base with a non-integer exponent, results beyond e^±708) are computed one by one with Math.Pow. float32 runs the
/// float64 routines and rounds. Measured against Math and against SpecialFunctions.Log1p's definition
/// (tests/JaxNet.Backends.CpuSimd.Tests/ExpLogFamilyTests.cs). SimdNNN.LogFamily.cs exist for 512 and 256 bits:
/// keep the two in step.
/// </summary>
internal static unsafe partial class Simd512
{
    private const long SqrtHalfBits = 0x3FE6A09E667F3BCD;
    private const long RoundingShiftBits = 0x4338000000000000; // the bits of RoundingShift
    private const double TwoThirdsHi = 0.6666666666666666;
    private const double TwoThirdsLo = 3.700743415417188e-17;
    private const double SmallestNormal = 2.2250738585072014e-308;
    private const double PowExponentLimit = 708d;

    /// <summary>log(1 + x): u = 1 + x with its rounding error c, log(1 + x) = log u + c / u; x's sign (so -0 stays -0).</summary>
    [MethodImpl(Inline)]
    public static Vector512<double> Log1p(Vector512<double> x)
    {
        var special = ~(Vector512.GreaterThan(x, Vector512.Create(-1d)) & Vector512.LessThan(x, Vector512.Create(double.PositiveInfinity)));
        var (u, c) = TwoSum(Vector512<double>.One, Vector512.ConditionalSelect(special, Vector512<double>.Zero, x));
        var (hi, lo) = LogReduced(u);
        var result = Vector512.CopySign(hi + (lo + c / u), x);
        return special.AsUInt64() == Vector512<ulong>.Zero ? result : OneByOne(result, x, special, Scalar.SpecialFunctions.Log1p);
    }

    /// <summary>x^y as e^(y log|x|), negated for a negative x and an odd integer y.</summary>
    [MethodImpl(Inline)]
    public static Vector512<double> Pow(Vector512<double> x, Vector512<double> y)
    {
        var a = Vector512.Abs(x);
        var integer = Vector512.Equals(Vector512.Round(y), y);
        var special = ~(Vector512.GreaterThanOrEqual(a, Vector512.Create(SmallestNormal)) & Vector512.LessThan(a, Vector512.Create(double.PositiveInfinity))
            & Vector512.LessThan(Vector512.Abs(y), Vector512.Create(double.PositiveInfinity)))
            | Vector512.AndNot(Vector512.LessThan(x, Vector512<double>.Zero), integer);
        var (hi, lo) = LogReduced(Vector512.ConditionalSelect(special, Vector512<double>.One, a));
        var zHi = y * hi;
        var zLo = Vector512.FusedMultiplyAdd(y, hi, -zHi) + y * lo;
        special |= ~Vector512.LessThanOrEqual(Vector512.Abs(zHi), Vector512.Create(PowExponentLimit));
        var (n, q, qLo) = ExpReduced(Vector512.ConditionalSelect(special, Vector512<double>.Zero, zHi), zLo);
        var result = ScaledExp(n, q, qLo);
        // An odd integer y is one whose half is not an integer (every float64 beyond 2^53 is even).
        var halfY = y * Vector512.Create(0.5);
        var odd = integer & ~Vector512.Equals(Vector512.Round(halfY), halfY);
        result ^= Vector512.LessThan(x, Vector512<double>.Zero) & odd & Vector512.Create(-0d);
        return special.AsUInt64() == Vector512<ulong>.Zero ? result : OneByOne(result, x, y, special, Math.Pow);
    }

    [MethodImpl(Inline)]
    public static Vector512<float> Log1p(Vector512<float> x) =>
        Vector512.Narrow(Log1p(Vector512.WidenLower(x)), Log1p(Vector512.WidenUpper(x)));

    [MethodImpl(Inline)]
    public static Vector512<float> Pow(Vector512<float> x, Vector512<float> y) =>
        Vector512.Narrow(Pow(Vector512.WidenLower(x), Vector512.WidenLower(y)), Pow(Vector512.WidenUpper(x), Vector512.WidenUpper(y)));

    /// <summary>log v = Hi + Lo (|Lo| below half an ulp of Hi, relative error about 2^-63) for a positive normal finite v.</summary>
    [MethodImpl(Inline)]
    private static (Vector512<double> Hi, Vector512<double> Lo) LogReduced(Vector512<double> v)
    {
        // e = the exponent that puts m = v / 2^e in [sqrt(1/2), sqrt(2)); m's bits are v's with e taken off.
        var bits = v.AsInt64();
        var e = Vector512.ShiftRightArithmetic(bits - Vector512.Create(SqrtHalfBits), 52);
        var m = (bits - (e << 52)).AsDouble();
        var eAsDouble = (e + Vector512.Create(RoundingShiftBits)).AsDouble() - Vector512.Create(RoundingShift);
        var f = m - Vector512<double>.One; // exact
        // s = f / (2 + f) as s + sLo: 2 + f and the quotient's residual are taken exactly.
        var two = Vector512.Create(2d);
        var t = two + f;
        var tLo = f - (t - two);
        var s = f / t;
        var sLo = (Vector512.FusedMultiplyAdd(-s, t, f) - s * tLo) / t;
        // (2/3) s^3 as u + uLo.
        var z = s * s;
        var zLo = Vector512.FusedMultiplyAdd(s, s, -z);
        var s3 = s * z;
        var s3Lo = Vector512.FusedMultiplyAdd(s, z, -s3) + Vector512.FusedMultiplyAdd(s, zLo, Vector512.Create(3d) * z * sLo);
        var u = Vector512.Create(TwoThirdsHi) * s3;
        var uLo = Vector512.FusedMultiplyAdd(Vector512.Create(TwoThirdsHi), s3, -u)
            + Vector512.FusedMultiplyAdd(Vector512.Create(TwoThirdsHi), s3Lo, Vector512.Create(TwoThirdsLo) * s3);
        // log m = 2s + u (fast two-sum: |u| < |2s| / 30) + the small terms.
        var twoS = s + s;
        var h = twoS + u;
        var hLo = (twoS - h) + u;
        var rest = Vector512.FusedMultiplyAdd(s3 * z, LogPolynomial(z), Vector512.FusedMultiplyAdd(two, sLo, uLo)) + hLo;
        // + e ln2, e ln2 split exactly with an FMA.
        var p = eAsDouble * Vector512.Create(Ln2Hi);
        var pLo = Vector512.FusedMultiplyAdd(eAsDouble, Vector512.Create(Ln2Hi), -p) + eAsDouble * Vector512.Create(Ln2Lo);
        var (sum, sumLo) = TwoSum(p, h);
        var low = sumLo + pLo + rest;
        var hi = sum + low;
        return (hi, low - (hi - sum));
    }

    /// <summary>(2 atanh s - 2s - (2/3) s^3) / s^5 in z = s^2 for |s| &lt;= 3 - 2 sqrt(2) (minimax: PolynomialCoefficients).</summary>
    [MethodImpl(Inline)]
    private static Vector512<double> LogPolynomial(Vector512<double> z) =>
        Horner(z, PolynomialCoefficients.Log);

    /// <summary>The marked lanes of <paramref name="result"/> replaced by <paramref name="f"/> of their inputs.</summary>
    private static Vector512<double> OneByOne(Vector512<double> result, Vector512<double> x, Vector512<double> y, Vector512<double> marked, Func<double, double, double> f)
    {
        for (var i = 0; i < Vector512<double>.Count; i++)
            if (marked.AsUInt64()[i] != 0) result = result.WithElement(i, f(x[i], y[i]));
        return result;
    }
}
