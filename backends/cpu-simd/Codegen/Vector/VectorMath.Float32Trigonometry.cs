using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// float32 sin, cos and tan in float32 lanes: twice the lanes of the float64 route (<see cref="SinOfSingle"/>), which
/// widened each half and narrowed back. |x| = q pi/2 + r, |r| &lt;= pi/4, with pi/2 in three float32 parts; the
/// first step is exact (|x| and q times the leading part are multiples of 2^-23 and their difference is below 2), so
/// arguments next to a multiple of pi/2 keep their precision. sin r = r + r^3 S(r^2) and
/// cos r = 1 + r^2 (-1/2 + r^2 C(r^2)), degree-2 polynomials fitted here by Lawson iterations (relative errors
/// 2^-27.8 and 2^-32.9). q mod 4 picks the polynomial and the sign; sin takes x's sign (so sin(-0) = -0).
/// Lanes past <see cref="SingleTrigonometryLimit"/>, infinite or NaN take the float64 route, lane by lane, so every
/// lane's bits depend on its own input. An exhaustive sweep of every float32 below the limit against Math: at most
/// 1.55 ulp (NumPy's float32 SIMD sin and cos claim 1.49); the float64 route beyond is within 0.501 ulp. tan reduces
/// the same way but keeps r's rounding error (see <see cref="TanOfSingleMagnitude"/>), since tan's odd quadrants divide
/// by r: at most 1.05 ulp below the limit, by the same kind of sweep.
/// </summary>
internal static unsafe partial class VectorMath<TLanes, TDouble, TLong, TFloat, TInt>
{
    // 2^18: up to here the reduction keeps sin and cos within 1.55 ulp (at 2^20 the sweep finds 1.8).
    private const float SingleTrigonometryLimit = 262144f;

    // 1.5 * 2^23: adding it rounds a float32 below 2^22 to an integer and leaves the integer in the low mantissa bits.
    private const float SingleRoundingShift = 12582912f;

    [MethodImpl(Inline)]
    public static TFloat Sin(TFloat x)
    {
        var fast = TLanes.Xor(SinOrCosOfSingle(x, quadrantShift: 0), TLanes.BitwiseAnd(x, TLanes.Create(-0f)));
        var small = TLanes.LessThanOrEqual(TLanes.Abs(x), TLanes.Create(SingleTrigonometryLimit));
        return TLanes.AllSet(small) ? fast
            : TLanes.ConditionalSelect(small, fast, TLanes.Narrow(SinOfSingle(TLanes.WidenLower(x)), SinOfSingle(TLanes.WidenUpper(x))));
    }

    [MethodImpl(Inline)]
    public static TFloat Cos(TFloat x)
    {
        var fast = SinOrCosOfSingle(x, quadrantShift: 1);
        var small = TLanes.LessThanOrEqual(TLanes.Abs(x), TLanes.Create(SingleTrigonometryLimit));
        return TLanes.AllSet(small) ? fast
            : TLanes.ConditionalSelect(small, fast, TLanes.Narrow(CosOfSingle(TLanes.WidenLower(x)), CosOfSingle(TLanes.WidenUpper(x))));
    }

    /// <summary>
    /// tan x: tan r = r + r^3 T(r^2) as hi + lo for even q, -1 / (hi + lo) for odd q, x's sign. Lanes past
    /// <see cref="SingleTrigonometryLimit"/>, infinite or NaN take the float64 route (<see cref="TanOfSingle"/>).
    /// </summary>
    [MethodImpl(Inline)]
    public static TFloat Tan(TFloat x)
    {
        var fast = TLanes.Xor(TanOfSingleMagnitude(TLanes.Abs(x)), TLanes.BitwiseAnd(x, TLanes.Create(-0f)));
        var small = TLanes.LessThanOrEqual(TLanes.Abs(x), TLanes.Create(SingleTrigonometryLimit));
        return TLanes.AllSet(small) ? fast
            : TLanes.ConditionalSelect(small, fast, TLanes.Narrow(TanOfSingle(TLanes.WidenLower(x)), TanOfSingle(TLanes.WidenUpper(x))));
    }

    /// <summary>
    /// sin |x| (<paramref name="quadrantShift"/> 0) or cos |x| (1, since cos t = sin(t + pi/2)): sin r, cos r, -sin r,
    /// -cos r for (q + shift) mod 4 = 0..3.
    /// </summary>
    [MethodImpl(Inline)]
    private static TFloat SinOrCosOfSingle(TFloat x, int quadrantShift)
    {
        var r = ReduceSingle(TLanes.Abs(x), out var shifted);
        var z = TLanes.Multiply(r, r);
        var s = TLanes.FusedMultiplyAdd(TLanes.Create(-1.95096727e-04f), z, TLanes.Create(8.33211653e-03f));
        s = TLanes.FusedMultiplyAdd(s, z, TLanes.Create(-1.66666538e-01f));
        s = TLanes.FusedMultiplyAdd(s, TLanes.Multiply(r, z), r);
        var c = TLanes.FusedMultiplyAdd(TLanes.Create(2.44287312e-05f), z, TLanes.Create(-1.38872757e-03f));
        c = TLanes.FusedMultiplyAdd(c, z, TLanes.Create(4.16666456e-02f));
        c = TLanes.FusedMultiplyAdd(c, z, TLanes.Create(-0.5f));
        c = TLanes.FusedMultiplyAdd(c, z, TLanes.Create(1f));
        var quadrant = TLanes.Add(TLanes.AsInt32(shifted), TLanes.Create(quadrantShift));
        var odd = TLanes.AsSingle(TLanes.ShiftRightArithmetic(TLanes.ShiftLeft(quadrant, 31), 31));
        var negative = TLanes.BitwiseAnd(TLanes.AsSingle(TLanes.ShiftLeft(quadrant, 30)), TLanes.Create(-0f));
        return TLanes.Xor(TLanes.ConditionalSelect(odd, c, s), negative);
    }

    /// <summary>
    /// tan of a magnitude below the limit. r is carried as r + rLo (<see cref="ReduceSingleExactly"/>) and tan r as
    /// hi + lo (r - hi is exact: hi is within 30% of r; rLo enters as rLo (1 + tan^2 r)), so that both quadrants round
    /// once from an accurate value: odd quadrants' -1 / tan r takes the reciprocal of hi and its exact residual
    /// 1 - hi / hi, corrected by lo in one more FMA. T of degree 6 fitted here by Lawson iterations (relative error
    /// of r + r^3 T 2^-29.5 on |r| &lt;= pi/4).
    /// </summary>
    [MethodImpl(Inline)]
    private static TFloat TanOfSingleMagnitude(TFloat magnitude)
    {
        var r = ReduceSingleExactly(magnitude, out var rLo, out var shifted);
        var z = TLanes.Multiply(r, r);
        var t = TLanes.FusedMultiplyAdd(TLanes.Create(4.372700583e-03f), z, TLanes.Create(9.824241715e-05f));
        t = TLanes.FusedMultiplyAdd(t, z, TLanes.Create(1.082744449e-02f));
        t = TLanes.FusedMultiplyAdd(t, z, TLanes.Create(2.128620818e-02f));
        t = TLanes.FusedMultiplyAdd(t, z, TLanes.Create(5.405891314e-02f));
        t = TLanes.FusedMultiplyAdd(t, z, TLanes.Create(1.333267540e-01f));
        t = TLanes.FusedMultiplyAdd(t, z, TLanes.Create(3.333334923e-01f));
        var cube = TLanes.Multiply(r, z);
        var hi = TLanes.FusedMultiplyAdd(cube, t, r);
        var lo = TLanes.FusedMultiplyAdd(cube, t, TLanes.Subtract(r, hi));
        lo = TLanes.FusedMultiplyAdd(rLo, TLanes.FusedMultiplyAdd(hi, hi, TLanes.Create(1f)), lo);
        var sum = TLanes.Add(hi, lo);
        lo = TLanes.Subtract(lo, TLanes.Subtract(sum, hi));
        hi = sum;
        // -1 / tan r from -1 / hi, so that no negation is left: the residual 1 - hi / hi is 1 + hi (-1 / hi).
        var inverse = TLanes.Divide(TLanes.Create(-1f), hi);
        var residual = TLanes.FusedMultiplyAdd(inverse, hi, TLanes.Create(1f));
        residual = TLanes.FusedMultiplyAdd(inverse, lo, residual);
        var cotangent = TLanes.FusedMultiplyAdd(inverse, residual, inverse);
        var odd = TLanes.AsSingle(TLanes.ShiftRightArithmetic(TLanes.ShiftLeft(TLanes.AsInt32(shifted), 31), 31));
        return TLanes.ConditionalSelect(odd, cotangent, hi);
    }

    /// <summary>
    /// <see cref="ReduceSingle"/> with r as r + <paramref name="rLo"/>: the first step is exact, q times the second part
    /// is split exactly by an FMA and subtracted by two-sum, and the third part joins the low word.
    /// </summary>
    [MethodImpl(Inline)]
    private static TFloat ReduceSingleExactly(TFloat magnitude, out TFloat rLo, out TFloat shifted)
    {
        shifted = TLanes.FusedMultiplyAdd(magnitude, TLanes.Create(0.636619747f), TLanes.Create(SingleRoundingShift));
        var q = TLanes.Subtract(shifted, TLanes.Create(SingleRoundingShift));
        var r1 = TLanes.NegatedMultiplyAdd(q, TLanes.Create(1.57079637f), magnitude);
        // The second and third parts of pi/2 are negative: q times their magnitudes is added.
        var product = TLanes.Multiply(q, TLanes.Create(4.37113883e-08f));
        var productLo = TLanes.MultiplySubtract(q, TLanes.Create(4.37113883e-08f), product);
        var r = TLanes.Add(r1, product);
        var productPart = TLanes.Subtract(r, r1);
        var error = TLanes.Add(TLanes.Subtract(r1, TLanes.Subtract(r, productPart)), TLanes.Subtract(product, productPart));
        rLo = TLanes.Add(error, TLanes.FusedMultiplyAdd(q, TLanes.Create(1.71512451e-15f), productLo));
        return r;
    }

    /// <summary>
    /// r = |x| - q pi/2 for q the integer nearest |x| 2/pi, which <paramref name="shifted"/> holds in its low mantissa
    /// bits (so q mod 4 is a bit test). |x| must be below 2^22.
    /// </summary>
    [MethodImpl(Inline)]
    private static TFloat ReduceSingle(TFloat magnitude, out TFloat shifted)
    {
        shifted = TLanes.FusedMultiplyAdd(magnitude, TLanes.Create(0.636619747f), TLanes.Create(SingleRoundingShift));
        var q = TLanes.Subtract(shifted, TLanes.Create(SingleRoundingShift));
        var r = TLanes.NegatedMultiplyAdd(q, TLanes.Create(1.57079637f), magnitude);
        // The second and third parts of pi/2 are negative: q times their magnitudes is added.
        r = TLanes.FusedMultiplyAdd(q, TLanes.Create(4.37113883e-08f), r);
        return TLanes.FusedMultiplyAdd(q, TLanes.Create(1.71512451e-15f), r);
    }
}
