using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// float32 pow in float32 lanes, twice the lanes of the float64 core it replaces (which widened each half). A float32
/// result needs t = y log2|x| to about 2^-32 relative (|t| is up to 150 wherever the result is neither 0 nor inf), so
/// log2|x| is carried as a head and tail pair: |x| = 2^k m with m in [sqrt(1/2), sqrt(2)), s = (m - 1) / (m + 1) as a
/// pair (m + 1 by Fast2Sum, the quotient corrected by its FMA residual), and log2 m = c1 s + c3 s^3 + s^5 Q(s^2)
/// with c_n = 2 / (n ln 2) the series of 2 atanh s: c1 s and c3 s^3 in pairs (FMA products), Q its next four terms
/// (truncation 2^-34 relative, |s| &lt;= 0.172). t = y log2|x| splits exactly by an FMA; 2^t = 2^n 2^f with n the
/// nearest integer to t's head and f = (head - n) + tail by two-sum. 2^f = 1 + f ln2 + f^2 R(f) with R from
/// <see cref="Exp2(TFloat)"/>'s polynomial: f ln2 and 1 + f ln2 as pairs, f's rounding error in the tail, so one
/// rounding dominates (a float32 Horner sum of the whole polynomial cost half an ulp more); 2^n is applied by
/// <see cref="IFloat32Lanes{TFloat, TInt}.ScaleByPowerOfTwo"/>, so subnormal results round once. A negative x with an
/// integer y takes the sign of x^y; the sign and integer tests run only in vectors holding a negative (or NaN) base.
/// Lanes with a zero, subnormal, infinite or NaN x, an infinite or NaN y, or a negative x with a non-integer y take
/// the float64 routine (<see cref="Pow(TDouble, TDouble)"/>, whose special lanes are Math.Pow's), lane by lane in the
/// sense that each lane's bits depend on its own operands. Measured against Math.Pow in float64 (Float32PowTests,
/// whole binades of x and of y, the reduction's ends with y log2 x past 64): at most 0.869 ulp; the float64 core
/// was within 0.501.
/// </summary>
internal static unsafe partial class VectorMath<TLanes, TDouble, TLong, TFloat, TInt>
{
    // 2 / ln 2 and 2 / (3 ln 2) as float32 pairs: the series' first two terms must be exact to 2^-32.
    private const float TwoOverLn2Hi = 2.885390043258667f;
    private const float TwoOverLn2Lo = 3.851926067000022e-08f;
    private const float TwoThirdsOverLn2Hi = 0.9617967009544373f;
    private const float TwoThirdsOverLn2Lo = -7.028461812552678e-09f;

    // ln 2 as a float32 pair (the nearest float32 and the rest).
    private const float SingleLn2Head = 0.6931471824645996f;
    private const float SingleLn2Tail = -1.9046542121259336e-09f;

    // Past these t the result is inf or 0 whatever the tail; 2^(t/2) stays a normal float32 within them.
    private const float SinglePowExponentHigh = 140f;
    private const float SinglePowExponentLow = -160f;

    [MethodImpl(Inline)]
    public static TFloat Pow(TFloat x, TFloat y)
    {
        var a = TLanes.Abs(x);
        // Normal finite |x| and finite y (NaN fails each comparison).
        var ordinary = TLanes.BitwiseAnd(TLanes.BitwiseAnd(TLanes.LessThanOrEqual(TLanes.Create(SmallestNormalSingle), a),
            TLanes.LessThanOrEqual(a, TLanes.Create(float.MaxValue))), TLanes.LessThanOrEqual(TLanes.Abs(y), TLanes.Create(float.MaxValue)));
        var (logHi, logLo) = Log2OfNormalSingle(TLanes.ConditionalSelect(ordinary, a, TLanes.Create(1f)));
        var tHi = TLanes.Multiply(y, logHi);
        var tLo = TLanes.FusedMultiplyAdd(y, logLo, TLanes.MultiplySubtract(y, logHi, tHi));
        // Where the head is beyond the bounds (or inf) the tail is meaningless and the result saturates anyway.
        var inRange = TLanes.LessThanOrEqual(TLanes.Abs(tHi), TLanes.Create(SinglePowExponentHigh));
        tLo = TLanes.BitwiseAnd(inRange, tLo);
        tHi = TLanes.MinNative(TLanes.MaxNative(tHi, TLanes.Create(SinglePowExponentLow)), TLanes.Create(SinglePowExponentHigh));
        var result = Exp2OfPair(tHi, tLo);
        // Negative (or NaN) bases are rare: only a vector holding one pays for the sign and the integer tests.
        if (!TLanes.AllSet(TLanes.LessThanOrEqual(TLanes.Create(0f), x)))
            result = WithNegativeBases(x, y, result, ref ordinary);
        return TLanes.AllSet(ordinary) ? result
            : TLanes.ConditionalSelect(ordinary, result,
                TLanes.Narrow(Pow(TLanes.WidenLower(x), TLanes.WidenLower(y)), Pow(TLanes.WidenUpper(x), TLanes.WidenUpper(y))));
    }

    /// <summary>
    /// |x|^y with x's sign where y is an odd integer; a negative x with a non-integer y leaves the ordinary lanes
    /// (the float64 route gives its NaN).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TFloat WithNegativeBases(TFloat x, TFloat y, TFloat magnitude, ref TFloat ordinary)
    {
        var negative = TLanes.LessThan(x, TLanes.Create(0f));
        var integer = TLanes.Equal(TLanes.Round(y), y);
        ordinary = TLanes.ConditionalSelect(negative, TLanes.BitwiseAnd(ordinary, integer), ordinary);
        // An odd integer y is one whose half is not an integer (every float32 from 2^24 on is even).
        var halfY = TLanes.Multiply(y, TLanes.Create(0.5f));
        var odd = TLanes.ConditionalSelect(TLanes.Equal(TLanes.Round(halfY), halfY), TLanes.Create(0f), integer);
        return TLanes.Xor(magnitude, TLanes.BitwiseAnd(TLanes.BitwiseAnd(negative, odd), TLanes.Create(-0f)));
    }

    /// <summary>log2 v as head + tail for a positive normal finite float32 v, within about 2^-36 relative.</summary>
    [MethodImpl(Inline)]
    private static (TFloat Hi, TFloat Lo) Log2OfNormalSingle(TFloat v)
    {
        var one = TLanes.Create(1f);
        var bits = TLanes.Subtract(TLanes.AsInt32(v), TLanes.Create(SingleSqrtHalfBits));
        var k = TLanes.ConvertToSingle(TLanes.ShiftRightArithmetic(bits, 23));
        var m = TLanes.AsSingle(TLanes.Add(TLanes.BitwiseAnd(bits, TLanes.Create(0x007FFFFF)), TLanes.Create(SingleSqrtHalfBits)));
        var f = TLanes.Subtract(m, one); // exact
        // m + 1 by Fast2Sum (m's exponent is at most 1's).
        var d = TLanes.Add(one, m);
        var dLo = TLanes.Subtract(m, TLanes.Subtract(d, one));
        var reciprocal = TLanes.Divide(one, d);
        var s = TLanes.Multiply(f, reciprocal);
        var sLo = TLanes.Multiply(TLanes.NegatedMultiplyAdd(s, dLo, TLanes.NegatedMultiplyAdd(s, d, f)), reciprocal);
        var z = TLanes.Multiply(s, s);
        var zLo = TLanes.MultiplySubtract(s, s, z);
        // s^3 as a pair.
        var cube = TLanes.Multiply(z, s);
        var cubeLo = TLanes.FusedMultiplyAdd(s, zLo, TLanes.MultiplySubtract(z, s, cube));
        var q = TLanes.FusedMultiplyAdd(TLanes.Create(0.26230818f), z, TLanes.Create(0.3205989f));
        q = TLanes.FusedMultiplyAdd(q, z, TLanes.Create(0.41219857f));
        q = TLanes.FusedMultiplyAdd(q, z, TLanes.Create(0.57707804f));
        // c3 s^3 + s^5 Q: head c3Hi cube, the rest (small beside it) in its tail.
        var third = TLanes.Multiply(cube, TLanes.Create(TwoThirdsOverLn2Hi));
        var thirdLo = TLanes.MultiplySubtract(cube, TLanes.Create(TwoThirdsOverLn2Hi), third);
        thirdLo = TLanes.FusedMultiplyAdd(cubeLo, TLanes.Create(TwoThirdsOverLn2Hi),
            TLanes.FusedMultiplyAdd(cube, TLanes.FusedMultiplyAdd(z, q, TLanes.Create(TwoThirdsOverLn2Lo)), thirdLo));
        // c1 s: s's tail also moves the s^3 term, by 3 c3 s^2 sLo.
        var first = TLanes.Multiply(s, TLanes.Create(TwoOverLn2Hi));
        var firstLo = TLanes.MultiplySubtract(s, TLanes.Create(TwoOverLn2Hi), first);
        firstLo = TLanes.FusedMultiplyAdd(sLo, TLanes.FusedMultiplyAdd(z, TLanes.Create(3 * TwoThirdsOverLn2Hi), TLanes.Create(TwoOverLn2Hi)),
            TLanes.FusedMultiplyAdd(s, TLanes.Create(TwoOverLn2Lo), firstLo));
        // k + first + third by Fast2Sums: |k| >= 1 > |first| unless k is 0, and |first| > |third|.
        var logM = TLanes.Add(first, third);
        var logMLo = TLanes.Add(TLanes.Add(TLanes.Subtract(first, logM), third), TLanes.Add(firstLo, thirdLo));
        var hi = TLanes.Add(k, logM);
        var lo = TLanes.Add(TLanes.Add(TLanes.Subtract(k, hi), logM), logMLo);
        return (hi, lo);
    }

    /// <summary>2^(hi + lo) for hi in [-160, 140] and |lo| well below an ulp of hi.</summary>
    [MethodImpl(Inline)]
    private static TFloat Exp2OfPair(TFloat hi, TFloat lo)
    {
        var n = TLanes.Round(hi);
        var fHi = TLanes.Subtract(hi, n); // exact
        // fHi + lo by two-sum (lo carries the log's s^5 Q term, so it may exceed fHi): what the sum drops is added to
        // 2^f - 1 below.
        var f = TLanes.Add(fHi, lo);
        var loPart = TLanes.Subtract(f, fHi);
        var dropped = TLanes.Add(TLanes.Subtract(fHi, TLanes.Subtract(f, loPart)), TLanes.Subtract(lo, loPart));
        // 2^f = 1 + f ln2 + f^2 R(f): the float32 Horner sum of the whole polynomial would cost half an ulp, so the
        // linear term is kept as a pair, 1 + its head by Fast2Sum, and the rest joins the tail.
        var r = TLanes.FusedMultiplyAdd(TLanes.Create(0.00015403498f), f, TLanes.Create(0.001339073f));
        r = TLanes.FusedMultiplyAdd(r, f, TLanes.Create(0.009618238f));
        r = TLanes.FusedMultiplyAdd(r, f, TLanes.Create(0.055503573f));
        r = TLanes.FusedMultiplyAdd(r, f, TLanes.Create(0.24022649f));
        var linear = TLanes.Multiply(f, TLanes.Create(SingleLn2Head));
        var linearLo = TLanes.MultiplySubtract(f, TLanes.Create(SingleLn2Head), linear);
        var rest = TLanes.FusedMultiplyAdd(TLanes.FusedMultiplyAdd(f, r, TLanes.Create(SingleLn2Tail)), f,
            TLanes.FusedMultiplyAdd(dropped, TLanes.Create(SingleLn2Head), linearLo));
        var one = TLanes.Create(1f);
        var head = TLanes.Add(one, linear);
        var y = TLanes.Add(head, TLanes.Add(TLanes.Add(TLanes.Subtract(one, head), linear), rest));
        return TLanes.ScaleByPowerOfTwo(y, n);
    }
}
