using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// float32 pow with a float64 core far lighter than the float64 routine (<see cref="Pow(TDouble, TDouble)"/>), whose
/// double-double log and exp it ran on each widened half before. A float32 result needs y log2|x| only to about
/// 2^-30 absolute (its magnitude is at most 150 wherever the result is neither 0 nor inf), so plain float64 serves:
/// |x| = 2^e m with m in [sqrt(1/2), sqrt(2)), log m = 2s (1 + s^2 R(s^2)) with s = (m - 1) / (m + 1) and R of
/// degree 4 (relative error 2^-44.9); t = y log2|x| clamped to +-1020, and 2^t = 2^n (1 + f P(f)) with n the
/// nearest integer and P of degree 6 (relative error 2^-34.3), so the float64 result is within 2^-30 and rounds once
/// to float32 (subnormal and overflowing results included). A negative x with an integer y takes the sign of
/// x^y. Lanes with a zero, infinite or NaN operand, or a negative x with a non-integer y, take the float64 routine
/// (whose special lanes are Math.Pow's), lane by lane in the sense that each lane's bits depend on its own operands.
/// Polynomials fitted here by Lawson iterations. Measured against the float64 routine: within 0.5 ulp and a hair
/// (Float32PowTests).
/// </summary>
internal static unsafe partial class VectorMath<TLanes, TDouble, TLong, TFloat, TInt>
{
    // 2^t stays a normal float64 within this bound, far past float32's range either way.
    private const double SinglePowExponentLimit = 1020d;

    [MethodImpl(Inline)]
    public static TFloat Pow(TFloat x, TFloat y) =>
        TLanes.Narrow(PowOfSingle(TLanes.WidenLower(x), TLanes.WidenLower(y)), PowOfSingle(TLanes.WidenUpper(x), TLanes.WidenUpper(y)));

    /// <summary>x^y for float32 operands held in float64 lanes, to float64 precision well beyond float32's.</summary>
    [MethodImpl(Inline)]
    private static TDouble PowOfSingle(TDouble x, TDouble y)
    {
        var a = TLanes.Abs(x);
        var integer = TLanes.Equal(TLanes.Round(y), y);
        var finite = TLanes.Create(double.PositiveInfinity);
        // 0 < |x| < inf and |y| < inf (NaN fails each comparison), and not a negative x with a non-integer y.
        var ordinary = TLanes.BitwiseAnd(TLanes.BitwiseAnd(TLanes.GreaterThan(a, TLanes.Zero), TLanes.LessThan(a, finite)), TLanes.LessThan(TLanes.Abs(y), finite));
        ordinary = TLanes.AndNot(ordinary, TLanes.AndNot(TLanes.LessThan(x, TLanes.Zero), integer));
        var t = TLanes.Multiply(y, Log2OfSingle(TLanes.ConditionalSelect(ordinary, a, TLanes.One)));
        t = TLanes.ConditionalSelect(ordinary, t, TLanes.Zero);
        t = TLanes.MinNative(TLanes.MaxNative(t, TLanes.Create(-SinglePowExponentLimit)), TLanes.Create(SinglePowExponentLimit));
        var result = Exp2OfSingle(t);
        // An odd integer y is one whose half is not an integer (every float32 from 2^24 on is even).
        var halfY = TLanes.Multiply(y, TLanes.Create(0.5));
        var odd = TLanes.AndNot(integer, TLanes.Equal(TLanes.Round(halfY), halfY));
        result = TLanes.Xor(result, TLanes.BitwiseAnd(TLanes.BitwiseAnd(TLanes.LessThan(x, TLanes.Zero), odd), TLanes.Create(-0d)));
        return TLanes.AllSet(ordinary) ? result : TLanes.ConditionalSelect(ordinary, result, Pow(x, y));
    }

    /// <summary>log2 v for a positive finite v that is a float32 (so a normal float64), relative error about 2^-44.</summary>
    [MethodImpl(Inline)]
    private static TDouble Log2OfSingle(TDouble v)
    {
        var (m, e) = SplitExponent(v);
        var f = TLanes.Subtract(m, TLanes.One); // exact
        var s = TLanes.Divide(f, TLanes.Add(f, TLanes.Create(2d)));
        var z = TLanes.Multiply(s, s);
        var r = TLanes.FusedMultiplyAdd(TLanes.Create(0.09792414921181049), z, TLanes.Create(0.110880742608394));
        r = TLanes.FusedMultiplyAdd(r, z, TLanes.Create(0.14286054971959936));
        r = TLanes.FusedMultiplyAdd(r, z, TLanes.Create(0.19999997808086944));
        r = TLanes.FusedMultiplyAdd(r, z, TLanes.Create(0.3333333333790614));
        var twoS = TLanes.Add(s, s);
        var logM = TLanes.FusedMultiplyAdd(TLanes.Multiply(twoS, z), r, twoS);
        return TLanes.FusedMultiplyAdd(logM, TLanes.Create(Log2E), e);
    }

    /// <summary>2^t for |t| &lt;= 1020: 2^n (1 + f P(f)), n the nearest integer, held in the low bits of the shifted sum.</summary>
    [MethodImpl(Inline)]
    private static TDouble Exp2OfSingle(TDouble t)
    {
        var shifted = TLanes.Add(t, TLanes.Create(RoundingShift));
        var f = TLanes.Subtract(t, TLanes.Subtract(shifted, TLanes.Create(RoundingShift)));
        var p = TLanes.FusedMultiplyAdd(TLanes.Create(1.5196142600549795e-05), f, TLanes.Create(0.0001546675352634466));
        p = TLanes.FusedMultiplyAdd(p, f, TLanes.Create(0.0013333935082590607));
        p = TLanes.FusedMultiplyAdd(p, f, TLanes.Create(0.009618038140229096));
        p = TLanes.FusedMultiplyAdd(p, f, TLanes.Create(0.05550410365999276));
        p = TLanes.FusedMultiplyAdd(p, f, TLanes.Create(0.2402265106651019));
        p = TLanes.FusedMultiplyAdd(p, f, TLanes.Create(0.6931471807045186));
        return TLanes.Multiply(TLanes.FusedMultiplyAdd(f, p, TLanes.One), TwoToThe(TLanes.AsInt64(shifted), 0));
    }
}
