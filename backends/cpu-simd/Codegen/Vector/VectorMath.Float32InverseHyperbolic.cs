using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// float32 asinh, acosh and atanh in float32 lanes, twice the lanes of the float64 routines
/// (VectorMath.InverseHyperbolic.cs), which widened each half. Each is a log1p of an argument carried as a head and
/// tail pair into the float32 log1p's reduction (<see cref="Log1pOfPair"/>), so the argument's own roundings cost
/// nothing: atanh |x| = log1p(2|x| / (1 - |x|)) / 2 (1 - |x| by Fast2Sum, the quotient corrected by its FMA
/// residual); asinh |x| = log1p(|x| + (sqrt(x^2 + 1) - 1)) and acosh x = log1p((x - 1) + sqrt((x - 1)(x + 1))), the
/// square and the radicand exact as pairs, the root corrected by its residual, and root - 1 and x - 1 exact
/// (Sterbenz). From 2^12 up asinh and acosh are log 2|x| to far below an ulp, taken from |x|'s exponent plus one (no
/// overflow). Below 2^-12 asinh and atanh are x + c x^3 in one FMA (c = -1/6 and 1/3; subnormals come out as x), where
/// the log1p's final roundings near 1 + 2^-24 cost an ulp; these two formulas are computed only in vectors that hold
/// such a lane (or a NaN), the rest take the log1p alone. asinh and atanh take x's sign
/// (so -0 stays -0). Lanes outside each domain's finite interior (asinh: infinite or NaN; acosh: below 1, infinite
/// or NaN; atanh: |x| &gt;= 1 or NaN) take the float64 routine, lane by lane, so every lane's bits depend on its own
/// input. Measured against float64 references over 19 whole binades (subnormals and both domain ends included) and
/// random arguments from subnormal to the largest (Float32InverseHyperbolicTests): asinh at most 0.79 ulp, acosh
/// 0.995 (near 1.03, where the float32 log1p has its own worst), atanh 0.73; the float64 route gave 0.501.
/// </summary>
internal static unsafe partial class VectorMath<TLanes, TDouble, TLong, TFloat, TInt>
{
    // From here on sqrt(x^2 +- 1) is |x| to within 2^-25 relatively: log 2|x| is the result to far below an ulp.
    private const float LargeSingleHyperbolic = 4096f;

    // Below it asinh and atanh are x + c x^3 to far below an ulp.
    private const float TinySingleHyperbolic = 2.44140625e-4f; // 2^-12

    [MethodImpl(Inline)]
    public static TFloat Asinh(TFloat x)
    {
        var a = TLanes.Abs(x);
        var one = TLanes.Create(1f);
        var large = TLanes.LessThanOrEqual(TLanes.Create(LargeSingleHyperbolic), a);
        var small = TLanes.ConditionalSelect(large, one, a);
        var square = TLanes.Multiply(small, small);
        var (root, rootLo) = RootOfSquarePlusOne(square, TLanes.MultiplySubtract(small, small, square));
        // a + (root - 1) by Fast2Sum: root - 1 is exact and below a.
        var excess = TLanes.Subtract(root, one);
        var u = TLanes.Add(small, excess);
        var uLo = TLanes.Add(TLanes.Add(TLanes.Subtract(small, u), excess), rootLo);
        var result = Log1pOfPair(u, uLo);
        // Large and tiny arguments are rare: only a vector holding one (or a NaN) computes their formulas.
        if (!TLanes.AllSet(TLanes.LessThan(a, TLanes.Create(LargeSingleHyperbolic))))
            result = TLanes.ConditionalSelect(large, LogOfNormalSingle(a, 1), result);
        result = WithCubicNearZeroSingle(a, TLanes.Create(-1f / 6), result);
        var inside = TLanes.LessThanOrEqual(a, TLanes.Create(float.MaxValue)); // NaN fails too
        var fast = TLanes.CopySign(result, x);
        return TLanes.AllSet(inside) ? fast
            : TLanes.ConditionalSelect(inside, fast, TLanes.Narrow(Asinh(TLanes.WidenLower(x)), Asinh(TLanes.WidenUpper(x))));
    }

    [MethodImpl(Inline)]
    public static TFloat Acosh(TFloat x)
    {
        var one = TLanes.Create(1f);
        var inside = TLanes.BitwiseAnd(TLanes.LessThanOrEqual(one, x), TLanes.LessThanOrEqual(x, TLanes.Create(float.MaxValue)));
        var large = TLanes.LessThanOrEqual(TLanes.Create(LargeSingleHyperbolic), x);
        var safe = TLanes.ConditionalSelect(TLanes.Xor(inside, large), x, one); // [1, 2^12) stays
        var below = TLanes.Subtract(safe, one); // exact
        // (x - 1)(x + 1) as a pair: x + 1 by Fast2Sum, the product's error by an FMA.
        var above = TLanes.Add(safe, one);
        var aboveLo = TLanes.Add(TLanes.Subtract(safe, above), one);
        var product = TLanes.Multiply(below, above);
        var productLo = TLanes.FusedMultiplyAdd(below, aboveLo, TLanes.MultiplySubtract(below, above, product));
        var (root, rootLo) = RootOfPair(product, productLo);
        // root + (x - 1) by Fast2Sum: root >= x - 1.
        var u = TLanes.Add(root, below);
        var uLo = TLanes.Add(TLanes.Add(TLanes.Subtract(root, u), below), rootLo);
        var fast = Log1pOfPair(u, uLo);
        // Large arguments are rare: only a vector holding one (or a NaN) computes log 2x.
        if (!TLanes.AllSet(TLanes.LessThan(x, TLanes.Create(LargeSingleHyperbolic))))
            fast = TLanes.ConditionalSelect(large, LogOfNormalSingle(TLanes.ConditionalSelect(inside, x, one), 1), fast);
        return TLanes.AllSet(inside) ? fast
            : TLanes.ConditionalSelect(inside, fast, TLanes.Narrow(Acosh(TLanes.WidenLower(x)), Acosh(TLanes.WidenUpper(x))));
    }

    [MethodImpl(Inline)]
    public static TFloat Atanh(TFloat x)
    {
        var one = TLanes.Create(1f);
        var a = TLanes.Abs(x);
        var inside = TLanes.LessThan(a, one); // NaN fails too
        var safe = TLanes.BitwiseAnd(inside, a);
        // 1 - a by Fast2Sum, then 2a / (1 - a) corrected by its residual.
        var down = TLanes.Subtract(one, safe);
        var downLo = TLanes.Subtract(TLanes.Subtract(one, down), safe);
        var twice = TLanes.Add(safe, safe);
        var q = TLanes.Divide(twice, down);
        var qLo = TLanes.Divide(TLanes.NegatedMultiplyAdd(q, downLo, TLanes.NegatedMultiplyAdd(q, down, twice)), down);
        var fast = TLanes.CopySign(WithCubicNearZeroSingle(safe, TLanes.Create(1f / 3), TLanes.Multiply(Log1pOfPair(q, qLo), TLanes.Create(0.5f))), x);
        return TLanes.AllSet(inside) ? fast
            : TLanes.ConditionalSelect(inside, fast, TLanes.Narrow(Atanh(TLanes.WidenLower(x)), Atanh(TLanes.WidenUpper(x))));
    }

    /// <summary>
    /// a + c a^3 (one rounding) where a &lt; 2^-12, the result elsewhere: there the next term is 2^-48 of a, and the
    /// log1p's final roundings (its 1 + u rounds where u is near 2^-24) would cost up to an ulp.
    /// </summary>
    [MethodImpl(Inline)]
    private static TFloat WithCubicNearZeroSingle(TFloat a, TFloat c, TFloat result) =>
        TLanes.AllSet(TLanes.LessThanOrEqual(TLanes.Create(TinySingleHyperbolic), a)) ? result // the common case (NaN fails)
            : TLanes.ConditionalSelect(TLanes.LessThan(a, TLanes.Create(TinySingleHyperbolic)),
                TLanes.FusedMultiplyAdd(TLanes.Multiply(TLanes.Multiply(a, a), c), a, a), result);

    /// <summary>sqrt(square + squareLo + 1) as a pair, for a square split exactly by an FMA.</summary>
    [MethodImpl(Inline)]
    private static (TFloat Hi, TFloat Lo) RootOfSquarePlusOne(TFloat square, TFloat squareLo)
    {
        // square + 1 by Fast2Sum with the larger first.
        var one = TLanes.Create(1f);
        var larger = TLanes.MaxNative(square, one);
        var smaller = TLanes.MinNative(square, one);
        var radicand = TLanes.Add(larger, smaller);
        var radicandLo = TLanes.Add(TLanes.Add(TLanes.Subtract(larger, radicand), smaller), squareLo);
        return RootOfPair(radicand, radicandLo);
    }

    /// <summary>sqrt(v + vLo) as a pair for a non-negative v and |vLo| far below v (or v zero and vLo too).</summary>
    [MethodImpl(Inline)]
    private static (TFloat Hi, TFloat Lo) RootOfPair(TFloat v, TFloat vLo)
    {
        var root = TLanes.Sqrt(v);
        var residual = TLanes.Add(TLanes.NegatedMultiplyAdd(root, root, v), vLo);
        // At v = 0 the root is 0 and so is its correction (0 / 0 is replaced).
        var correction = TLanes.Divide(residual, TLanes.Add(root, root));
        return (root, TLanes.BitwiseAnd(TLanes.LessThan(TLanes.Create(0f), root), correction));
    }
}
