using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// float32 atan, atan2, asin and acos in float32 lanes: twice the lanes of the float64 routines, which widened each
/// half and narrowed back. Each result is base + s a with base 0, pi/2 or pi (in two parts), s = ±1 and a an arc kept
/// as hi + lo, summed by Fast2Sum (|base| &gt;= |a| wherever base is not 0) so that only the last addition rounds.
/// atan and atan2: b = min / max of |x| and |y| in [0, 1] (one division), a = atan b = b + b^3 A(b^2) with A of degree
/// 8, then pi/2 - a where |y| &gt; |x| and pi - that where x is negative (-0 too). asin and acos: a = asin s with
/// s = |x| up to 1/2 and s = sqrt((1 - |x|) / 2) above (1 - |x| is exact there, and s^2 is taken as that quotient,
/// not as the rounded s squared): asin s = s + s^3 B(s^2), B of degree 5; asin x = pi/2 - 2a above 1/2, acos x =
/// pi/2 - x's a, 2a, or pi - 2a. A and B were fitted here by Lawson iterations (relative errors 2^-28.5 and 2^-31.7).
/// Infinities, zeros and NaN need no other route: atan2 of two zeros or two infinities takes b = 0 or 1 (giving the
/// IEEE quadrant angles), |x| &gt; 1 makes asin's and acos's square root NaN, and every lane depends on its own
/// input alone. Sweeps of every float32 (both signs) against Math, run once outside the tests: atan at most 1.09 ulp,
/// asin and acos 1.06; atan2 over 10^8 random pairs 1.52 (the quotient's rounding costs up to an ulp of the result).
/// The float64 routines were within 0.501 ulp; NumPy documents 1-4 ulp for its float32 SIMD routines.
/// </summary>
internal static unsafe partial class VectorMath<TLanes, TDouble, TLong, TFloat, TInt>
{
    private const float SingleHalfPiHi = 1.57079637f;
    private const float SingleHalfPiLo = -4.37113883e-08f; // pi/2 - SingleHalfPiHi
    private const float SinglePiHi = 3.14159274f;
    private const float SinglePiLo = -8.74227766e-08f; // pi - SinglePiHi
    private const float SingleQuarterPiHi = 0.785398185f;
    private const float SingleQuarterPiLo = -2.18556941e-08f; // pi/4 - SingleQuarterPiHi

    [MethodImpl(Inline)]
    public static TFloat Atan(TFloat x)
    {
        var magnitude = TLanes.Abs(x);
        var one = TLanes.Create(1f);
        var steep = TLanes.LessThan(one, magnitude);
        var b = TLanes.Divide(TLanes.ConditionalSelect(steep, one, magnitude), TLanes.ConditionalSelect(steep, magnitude, one));
        var (hi, lo) = AtanOfUnitSingle(b);
        var baseHi = TLanes.BitwiseAnd(steep, TLanes.Create(SingleHalfPiHi));
        var baseLo = TLanes.BitwiseAnd(steep, TLanes.Create(SingleHalfPiLo));
        var angle = TurnSingle(baseHi, baseLo, TLanes.BitwiseAnd(steep, TLanes.Create(-0f)), hi, lo);
        return TLanes.CopySign(angle, x);
    }

    [MethodImpl(Inline)]
    public static TFloat Atan2(TFloat y, TFloat x)
    {
        var ay = TLanes.Abs(y);
        var ax = TLanes.Abs(x);
        var steep = TLanes.LessThan(ax, ay);
        var numerator = TLanes.ConditionalSelect(steep, ax, ay);
        var denominator = TLanes.ConditionalSelect(steep, ay, ax);
        // Two zeros or two infinities (equal, so not steep) have no quotient: b = 0 for zeros gives 0 or pi, b = 1 for
        // infinities pi/4 or 3 pi/4. A NaN operand compares unequal, and its NaN reaches b.
        var equal = TLanes.Equal(numerator, denominator);
        var b = TLanes.ConditionalSelect(equal,
            TLanes.ConditionalSelect(TLanes.Equal(denominator, TLanes.Create(0f)), TLanes.Create(0f), TLanes.Create(1f)),
            TLanes.Divide(numerator, denominator));
        var (hi, lo) = AtanOfUnitSingle(b);
        // Sign bit set (x negative, -0 too): pi - a, or pi/2 + a where steep.
        var negative = TLanes.AsSingle(TLanes.ShiftRightArithmetic(TLanes.AsInt32(x), 31));
        var baseHi = TLanes.ConditionalSelect(steep, TLanes.Create(SingleHalfPiHi), TLanes.BitwiseAnd(negative, TLanes.Create(SinglePiHi)));
        var baseLo = TLanes.ConditionalSelect(steep, TLanes.Create(SingleHalfPiLo), TLanes.BitwiseAnd(negative, TLanes.Create(SinglePiLo)));
        var sign = TLanes.BitwiseAnd(TLanes.Xor(steep, negative), TLanes.Create(-0f));
        return TLanes.CopySign(TurnSingle(baseHi, baseLo, sign, hi, lo), y);
    }

    [MethodImpl(Inline)]
    public static TFloat Asin(TFloat x)
    {
        var (hi, lo, large) = AsinOfReducedSingle(TLanes.Abs(x));
        // Above 1/2: pi/2 - 2a (doubling is exact).
        var baseHi = TLanes.BitwiseAnd(large, TLanes.Create(SingleHalfPiHi));
        var baseLo = TLanes.BitwiseAnd(large, TLanes.Create(SingleHalfPiLo));
        var scale = TLanes.ConditionalSelect(large, TLanes.Create(2f), TLanes.Create(1f));
        var angle = TurnSingle(baseHi, baseLo, TLanes.BitwiseAnd(large, TLanes.Create(-0f)), TLanes.Multiply(hi, scale), TLanes.Multiply(lo, scale));
        return TLanes.CopySign(angle, x);
    }

    [MethodImpl(Inline)]
    public static TFloat Acos(TFloat x)
    {
        var (hi, lo, large) = AsinOfReducedSingle(TLanes.Abs(x));
        var negative = TLanes.AsSingle(TLanes.ShiftRightArithmetic(TLanes.AsInt32(x), 31));
        // Up to 1/2: pi/2 - a for x positive, pi/2 + a for x negative. Above: 2a for x positive, pi - 2a negative.
        var baseHi = TLanes.ConditionalSelect(large, TLanes.BitwiseAnd(negative, TLanes.Create(SinglePiHi)), TLanes.Create(SingleHalfPiHi));
        var baseLo = TLanes.ConditionalSelect(large, TLanes.BitwiseAnd(negative, TLanes.Create(SinglePiLo)), TLanes.Create(SingleHalfPiLo));
        var scale = TLanes.ConditionalSelect(large, TLanes.Create(2f), TLanes.Create(1f));
        var sign = TLanes.Xor(TLanes.BitwiseAnd(TLanes.Xor(large, negative), TLanes.Create(-0f)), TLanes.Create(-0f));
        return TurnSingle(baseHi, baseLo, sign, TLanes.Multiply(hi, scale), TLanes.Multiply(lo, scale));
    }

    /// <summary>
    /// asin s as hi + lo, with s = <paramref name="magnitude"/> up to 1/2 and s = sqrt((1 - magnitude) / 2) above
    /// (marked <c>Large</c>); NaN above 1.
    /// </summary>
    [MethodImpl(Inline)]
    private static (TFloat Hi, TFloat Lo, TFloat Large) AsinOfReducedSingle(TFloat magnitude)
    {
        var large = TLanes.LessThan(TLanes.Create(0.5f), magnitude);
        var w = TLanes.Multiply(TLanes.Subtract(TLanes.Create(1f), magnitude), TLanes.Create(0.5f));
        var z = TLanes.ConditionalSelect(large, w, TLanes.Multiply(magnitude, magnitude));
        var s = TLanes.ConditionalSelect(large, TLanes.Sqrt(w), magnitude);
        var p = TLanes.FusedMultiplyAdd(TLanes.Create(3.770212084e-02f), z, TLanes.Create(1.431217324e-02f));
        p = TLanes.FusedMultiplyAdd(p, z, TLanes.Create(3.183952346e-02f));
        p = TLanes.FusedMultiplyAdd(p, z, TLanes.Create(4.451335222e-02f));
        p = TLanes.FusedMultiplyAdd(p, z, TLanes.Create(7.500521839e-02f));
        p = TLanes.FusedMultiplyAdd(p, z, TLanes.Create(1.666665971e-01f));
        var cube = TLanes.Multiply(s, z);
        var hi = TLanes.FusedMultiplyAdd(cube, p, s);
        return (hi, TLanes.FusedMultiplyAdd(cube, p, TLanes.Subtract(s, hi)), large); // s - hi is exact: hi is within 5% of s
    }

    /// <summary>
    /// atan b for b in [0, 1] as hi + lo (b - hi is exact: hi is within 22% of b). At b = 1 the polynomial's rounding
    /// errors (its partial sums cancel there) come within 0.1 ulp of pi/4's rounding boundary and cross it, so b = 1
    /// takes pi/4 itself: atan 1 and atan2(y, ±y) round as Math's do.
    /// </summary>
    [MethodImpl(Inline)]
    private static (TFloat Hi, TFloat Lo) AtanOfUnitSingle(TFloat b)
    {
        var z = TLanes.Multiply(b, b);
        var p = TLanes.FusedMultiplyAdd(TLanes.Create(-1.782144187e-03f), z, TLanes.Create(1.086627133e-02f));
        p = TLanes.FusedMultiplyAdd(p, z, TLanes.Create(-3.109353408e-02f));
        p = TLanes.FusedMultiplyAdd(p, z, TLanes.Create(5.787887052e-02f));
        p = TLanes.FusedMultiplyAdd(p, z, TLanes.Create(-8.399207890e-02f));
        p = TLanes.FusedMultiplyAdd(p, z, TLanes.Create(1.095086113e-01f));
        p = TLanes.FusedMultiplyAdd(p, z, TLanes.Create(-1.426401436e-01f));
        p = TLanes.FusedMultiplyAdd(p, z, TLanes.Create(1.999852955e-01f));
        p = TLanes.FusedMultiplyAdd(p, z, TLanes.Create(-3.333329856e-01f));
        var cube = TLanes.Multiply(b, z);
        var hi = TLanes.FusedMultiplyAdd(cube, p, b);
        var lo = TLanes.FusedMultiplyAdd(cube, p, TLanes.Subtract(b, hi));
        var one = TLanes.Equal(b, TLanes.Create(1f));
        return (TLanes.ConditionalSelect(one, TLanes.Create(SingleQuarterPiHi), hi), TLanes.ConditionalSelect(one, TLanes.Create(SingleQuarterPiLo), lo));
    }

    /// <summary>
    /// (baseHi + baseLo) + s (hi + lo), s = -1 where <paramref name="sign"/> is -0 and 1 where it is +0, rounded once:
    /// Fast2Sum needs |baseHi| &gt;= |hi| or baseHi = 0, which every caller's base and arc satisfy.
    /// </summary>
    [MethodImpl(Inline)]
    private static TFloat TurnSingle(TFloat baseHi, TFloat baseLo, TFloat sign, TFloat hi, TFloat lo)
    {
        var signedHi = TLanes.Xor(hi, sign);
        var head = TLanes.Add(baseHi, signedHi);
        var tail = TLanes.Add(TLanes.Subtract(baseHi, head), signedHi);
        return TLanes.Add(head, TLanes.Add(tail, TLanes.Add(baseLo, TLanes.Xor(lo, sign))));
    }
}
