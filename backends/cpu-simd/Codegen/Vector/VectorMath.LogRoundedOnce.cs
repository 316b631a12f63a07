using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// log of a double-double argument for the routines whose result is that log, or half of it, rounded once (log1p,
/// atanh, asinh, acosh). <see cref="LogReduced"/> carries log m to 2^-63 because pow multiplies it by up to 700;
/// here about 2^-59 is enough (a result within half an ulp and a hundredth), which saves a division and a third of
/// the operations: only 2s is kept as a double-double, the s^3 terms are added in plain float64 (they are below 1%
/// of the result), e ln2 is exact with a short ln2, and the argument's low part enters the reduced argument instead of
/// being divided by it.
/// </summary>
internal static unsafe partial class VectorMath<TLanes, TDouble, TLong, TFloat, TInt>
{
    // ln 2 with its low 32 bits zero, so e ln2Hi is exact for any exponent, and the rest.
    private const double ShortLn2Hi = 6.93147180369123816490e-01;
    private const double ShortLn2Lo = 1.90821492927058770002e-10;

    /// <summary>
    /// log(v + vLo) = Hi + Lo to about 2^-59 relatively, for a positive normal finite v and |vLo| at most about an ulp
    /// of v. v = 2^e m with m in [sqrt(1/2), sqrt(2)), f = m - 1 and mLo = vLo / 2^e; s = (f + mLo) / (2 + f + mLo)
    /// as 2s + 2sLo (2s from f times 2 / (2 + f), what it misses from the FMA residual) and
    /// log m = 2s + s^3 (2/3 + s^2 R(s^2)), R the polynomial of LogReduced.
    /// </summary>
    [MethodImpl(Inline)]
    private static (TDouble Hi, TDouble Lo) LogRoundedOnce(TDouble v, TDouble vLo)
    {
        var bits = TLanes.AsInt64(v);
        var e = TLanes.ShiftRightArithmetic(TLanes.Subtract(bits, TLanes.Create(SqrtHalfBits)), 52);
        var m = TLanes.AsDouble(TLanes.Subtract(bits, TLanes.ShiftLeft(e, 52)));
        var eAsDouble = TLanes.Subtract(TLanes.AsDouble(TLanes.Add(e, TLanes.Create(RoundingShiftBits))), TLanes.Create(RoundingShift));
        // 2^-e from its bits, e capped at 1022 so that it stays normal: beyond, vLo is far below log v's last place.
        var capped = TLanes.AsInt64(TLanes.Add(TLanes.MinNative(eAsDouble, TLanes.Create(1022d)), TLanes.Create(RoundingShift)));
        var mLo = TLanes.Multiply(vLo, TLanes.AsDouble(TLanes.ShiftLeft(TLanes.Subtract(TLanes.Create(RoundingShiftBits + 1023), capped), 52)));
        var f = TLanes.Subtract(m, TLanes.One); // exact
        var two = TLanes.Create(2d);
        var t = TLanes.Add(two, f);
        var tLo = TLanes.Subtract(f, TLanes.Subtract(t, two));
        // 2 / t rather than 1 / t: 2s and 2sLo come out directly, and a subnormal vLo (log1p of one) is not halved to 0.
        var twoOverT = TLanes.Divide(two, t);
        var twoS = TLanes.Multiply(f, twoOverT);
        var s = TLanes.Multiply(twoS, TLanes.Create(0.5));
        var residual = TLanes.Add(TLanes.FusedMultiplyAdd(TLanes.Negate(s), t, f), TLanes.Subtract(mLo, TLanes.Multiply(s, TLanes.Add(tLo, mLo))));
        var z = TLanes.Multiply(s, s);
        var cubicTerms = TLanes.Multiply(TLanes.Multiply(s, z), TLanes.FusedMultiplyAdd(z, LogPolynomial(z), TLanes.Create(TwoThirdsHi)));
        var tail = TLanes.FusedMultiplyAdd(residual, twoOverT, cubicTerms);
        // + e ln2: e ShortLn2Hi is exact and at least |2s| unless e = 0, so its sum with 2s splits by a fast two-sum.
        var p = TLanes.Multiply(eAsDouble, TLanes.Create(ShortLn2Hi));
        var sum = TLanes.Add(p, twoS);
        var low = TLanes.Add(TLanes.Subtract(twoS, TLanes.Subtract(sum, p)), TLanes.FusedMultiplyAdd(eAsDouble, TLanes.Create(ShortLn2Lo), tail));
        var hi = TLanes.Add(sum, low);
        return (hi, TLanes.Subtract(low, TLanes.Subtract(hi, sum)));
    }
}
