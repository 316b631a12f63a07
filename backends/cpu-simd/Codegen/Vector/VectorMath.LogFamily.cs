using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// float64 log1p and pow whose every lane depends on that lane's input alone (they were computed lane by lane).
/// Both stand on <see cref="LogReduced"/>, log v as a double-double accurate to about 2^-63: v = 2^e m with m in
/// [sqrt(1/2), sqrt(2)), s = (m - 1) / (m + 1) kept as a double-double (one division), log m = 2s + (2/3) s^3 +
/// s^5 R(s^2), the first two terms in double-double and R a degree-7 minimax polynomial fitted for these routines;
/// an argument carried as a double-double (log1p's 1 + x, atanh's quotient) enters the reduction whole. pow(x, y) is
/// e^(y log|x|) with y log|x| as a double-double into <see cref="ExpReduced"/>, so a result near e^700 is still
/// within about an ulp. Lanes pow cannot take in vector form (zero, subnormal, infinite or NaN operands, a negative
/// base with a non-integer exponent, results beyond e^±708) are computed one by one with Math.Pow. float32 pow has a lighter
/// float64 core of its own (VectorMath.Float32Pow.cs) and uses this routine for its special lanes; float32 log1p has its own (VectorMath.Float32Log1p.cs) and uses this one for its
/// special lanes. Measured against Math and against SpecialFunctions.Log1p's definition
/// (tests/JaxNet.Backends.CpuSimd.Tests/ExpLogFamilyTests.cs).
/// </summary>
internal static unsafe partial class VectorMath<TLanes, TDouble, TLong, TFloat, TInt>
{
    private const long SqrtHalfBits = 0x3FE6A09E667F3BCD;
    private const double TwoThirdsHi = 0.6666666666666666;
    private const double TwoThirdsLo = 3.700743415417188e-17;
    private const double SmallestNormal = 2.2250738585072014e-308;
    private const double PowExponentLimit = 708d;

    // ln 2 with its low 32 bits zero, so e ShortLn2Hi is exact for any exponent, and the rest.
    private const double ShortLn2Hi = 6.93147180369123816490e-01;
    private const double ShortLn2Lo = 1.90821492927058770002e-10;

    /// <summary>log(1 + x) = log(u + c) with u = 1 + x and c its exact rounding error; x's sign (so -0 stays -0).</summary>
    [MethodImpl(Inline)]
    public static TDouble Log1p(TDouble x)
    {
        var special = TLanes.OnesComplement(TLanes.BitwiseAnd(TLanes.GreaterThan(x, TLanes.Create(-1d)), TLanes.LessThan(x, TLanes.Create(double.PositiveInfinity))));
        var (u, c) = TwoSum(TLanes.One, TLanes.ConditionalSelect(special, TLanes.Zero, x));
        var (hi, lo) = LogReduced(u, c);
        var result = TLanes.CopySign(TLanes.Add(hi, lo), x);
        return TLanes.NoneSet(special) ? result : OneByOne(result, x, special, ScalarLaneFunction.Log1p);
    }

    /// <summary>x^y as e^(y log|x|), negated for a negative x and an odd integer y.</summary>
    [MethodImpl(Inline)]
    public static TDouble Pow(TDouble x, TDouble y)
    {
        var a = TLanes.Abs(x);
        var integer = TLanes.Equal(TLanes.Round(y), y);
        var special = TLanes.BitwiseOr(TLanes.OnesComplement(TLanes.BitwiseAnd(TLanes.BitwiseAnd(TLanes.GreaterThanOrEqual(a, TLanes.Create(SmallestNormal)), TLanes.LessThan(a, TLanes.Create(double.PositiveInfinity))), TLanes.LessThan(TLanes.Abs(y), TLanes.Create(double.PositiveInfinity)))), TLanes.AndNot(TLanes.LessThan(x, TLanes.Zero), integer));
        var (hi, lo) = LogReduced(TLanes.ConditionalSelect(special, TLanes.One, a));
        var zHi = TLanes.Multiply(y, hi);
        var zLo = TLanes.Add(TLanes.FusedMultiplyAdd(y, hi, TLanes.Negate(zHi)), TLanes.Multiply(y, lo));
        special = TLanes.BitwiseOr(special, TLanes.OnesComplement(TLanes.LessThanOrEqual(TLanes.Abs(zHi), TLanes.Create(PowExponentLimit))));
        var (n, q, qLo) = ExpReduced(TLanes.ConditionalSelect(special, TLanes.Zero, zHi), zLo);
        var result = ScaledExp(n, q, qLo);
        // An odd integer y is one whose half is not an integer (every float64 beyond 2^53 is even).
        var halfY = TLanes.Multiply(y, TLanes.Create(0.5));
        var odd = TLanes.BitwiseAnd(integer, TLanes.OnesComplement(TLanes.Equal(TLanes.Round(halfY), halfY)));
        result = TLanes.Xor(result, TLanes.BitwiseAnd(TLanes.BitwiseAnd(TLanes.LessThan(x, TLanes.Zero), odd), TLanes.Create(-0d)));
        return TLanes.NoneSet(special) ? result : OneByOne(result, x, y, special, ScalarLaneFunction.Pow);
    }

    /// <summary>log v = Hi + Lo (|Lo| below half an ulp of Hi, relative error about 2^-63) for a positive normal finite v.</summary>
    [MethodImpl(Inline)]
    private static (TDouble Hi, TDouble Lo) LogReduced(TDouble v)
    {
        var (m, eAsDouble) = SplitExponent(v);
        return LogOfSplit(m, TLanes.Zero, eAsDouble);
    }

    /// <summary>
    /// log(v + vLo) as <see cref="LogReduced(TDouble)"/>, for |vLo| at most about an ulp of v: vLo joins the reduced
    /// argument, scaled by 2^-e as m is, so a routine that carries its argument as a double-double divides nothing by it.
    /// </summary>
    [MethodImpl(Inline)]
    private static (TDouble Hi, TDouble Lo) LogReduced(TDouble v, TDouble vLo)
    {
        var (m, eAsDouble) = SplitExponent(v);
        // 2^-e from its bits, e capped at 1022 so that it stays normal: beyond, vLo is far below log v's last place.
        var capped = TLanes.AsInt64(TLanes.Add(TLanes.MinNative(eAsDouble, TLanes.Create(1022d)), TLanes.Create(RoundingShift)));
        var scale = TLanes.AsDouble(TLanes.ShiftLeft(TLanes.Subtract(TLanes.Create(RoundingShiftBits + 1023), capped), 52));
        return LogOfSplit(m, TLanes.Multiply(vLo, scale), eAsDouble);
    }

    /// <summary>v = 2^e m with m in [sqrt(1/2), sqrt(2)): m, and e as a float64.</summary>
    [MethodImpl(Inline)]
    private static (TDouble M, TDouble EAsDouble) SplitExponent(TDouble v)
    {
        // m's bits are v's with e taken off.
        var bits = TLanes.AsInt64(v);
        var e = TLanes.ShiftRightArithmetic(TLanes.Subtract(bits, TLanes.Create(SqrtHalfBits)), 52);
        var m = TLanes.AsDouble(TLanes.Subtract(bits, TLanes.ShiftLeft(e, 52)));
        return (m, TLanes.Subtract(TLanes.AsDouble(TLanes.Add(e, TLanes.Create(RoundingShiftBits))), TLanes.Create(RoundingShift)));
    }

    /// <summary>
    /// e ln2 + log(m + mLo) as a double-double: s = (f + mLo) / (2 + f + mLo) with f = m - 1, kept as 2s + 2sLo, and
    /// log = 2s + (2/3) s^3 + s^5 R(s^2) with the first two terms in double-double. One division: 2s is f times
    /// 2 / (2 + f) (a rounding or two off the quotient), and the residual, taken with an FMA, puts what it misses
    /// into 2sLo (the quotient and its residual's quotient were two divisions).
    /// </summary>
    [MethodImpl(Inline)]
    private static (TDouble Hi, TDouble Lo) LogOfSplit(TDouble m, TDouble mLo, TDouble eAsDouble)
    {
        var f = TLanes.Subtract(m, TLanes.One); // exact
        var two = TLanes.Create(2d);
        var t = TLanes.Add(two, f);
        var tLo = TLanes.Subtract(f, TLanes.Subtract(t, two));
        // 2 / t rather than 1 / t: 2s and 2sLo come out directly, and a subnormal mLo (log1p of one) is not halved to 0.
        var twoOverT = TLanes.Divide(two, t);
        var twoS = TLanes.Multiply(f, twoOverT);
        var s = TLanes.Multiply(twoS, TLanes.Create(0.5));
        var residual = TLanes.Add(TLanes.FusedMultiplyAdd(TLanes.Negate(s), t, f), TLanes.Subtract(mLo, TLanes.Multiply(s, TLanes.Add(tLo, mLo))));
        var twoSLo = TLanes.Multiply(residual, twoOverT);
        // (2/3) s^3 as u + uLo.
        var z = TLanes.Multiply(s, s);
        var zLo = TLanes.FusedMultiplyAdd(s, s, TLanes.Negate(z));
        var s3 = TLanes.Multiply(s, z);
        var s3Lo = TLanes.Add(TLanes.FusedMultiplyAdd(s, z, TLanes.Negate(s3)), TLanes.FusedMultiplyAdd(s, zLo, TLanes.Multiply(TLanes.Multiply(TLanes.Create(1.5), z), twoSLo)));
        var u = TLanes.Multiply(TLanes.Create(TwoThirdsHi), s3);
        var uLo = TLanes.Add(TLanes.FusedMultiplyAdd(TLanes.Create(TwoThirdsHi), s3, TLanes.Negate(u)), TLanes.FusedMultiplyAdd(TLanes.Create(TwoThirdsHi), s3Lo, TLanes.Multiply(TLanes.Create(TwoThirdsLo), s3)));
        // log m = 2s + u (fast two-sum: |u| < |2s| / 30) + the small terms.
        var h = TLanes.Add(twoS, u);
        var hLo = TLanes.Add(TLanes.Subtract(twoS, h), u);
        var rest = TLanes.Add(TLanes.FusedMultiplyAdd(TLanes.Multiply(s3, z), LogPolynomial(z), TLanes.Add(twoSLo, uLo)), hLo);
        // + e ln2: e ShortLn2Hi is exact and above |log m| unless e = 0, so its sum with log m splits by a fast two-sum.
        var p = TLanes.Multiply(eAsDouble, TLanes.Create(ShortLn2Hi));
        var sum = TLanes.Add(p, h);
        var low = TLanes.Add(TLanes.Subtract(h, TLanes.Subtract(sum, p)), TLanes.FusedMultiplyAdd(eAsDouble, TLanes.Create(ShortLn2Lo), rest));
        var hi = TLanes.Add(sum, low);
        return (hi, TLanes.Subtract(low, TLanes.Subtract(hi, sum)));
    }

    /// <summary>(2 atanh s - 2s - (2/3) s^3) / s^5 in z = s^2 for |s| &lt;= 3 - 2 sqrt(2) (minimax: PolynomialCoefficients).</summary>
    [MethodImpl(Inline)]
    private static TDouble LogPolynomial(TDouble z) =>
        Horner(z, PolynomialCoefficients.Log);
}
