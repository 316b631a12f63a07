using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// float32 log1p in float32 lanes, twice the lanes of the float64 route (<see cref="Log1p(TDouble)"/>), which
/// widened each half: softplus and log_sigmoid spend their time here. u = 1 + x with c its exact rounding error
/// (two-sum), u = 2^k m with m in [sqrt(1/2), sqrt(2)), and log(1 + x) = k ln2 + log1p(f) + c' (1 - f + f^2) with
/// f = m - 1 (exact) and c' = c 2^-k, so the correction costs no division. log1p(f) = f - f^2/2 + f^3 P(f) with P
/// of degree 7 fitted here by Lawson iterations (relative error 2^-26.9); ln2 in two parts, the first with trailing
/// zeros so that k times it is exact, and k ln2 + f by Fast2Sum. x's sign is kept (so -0 stays -0). Lanes at or
/// below -1, from 2^127 up, or NaN take the float64 route, lane by lane, so every lane's bits depend on its own
/// input. A sweep of every float32 in (-1, 2^127) against a float64 reference, run once outside the tests: at most
/// 0.95 ulp (the tests sweep six binades, <c>Float32Log1pTests</c>); the float64 route was within 0.501.
/// </summary>
internal static unsafe partial class VectorMath<TLanes, TDouble, TLong, TFloat, TInt>
{
    // ln 2 with its low 9 bits zero (k ln2 exact for |k| < 2^9), and the rest.
    private const float SingleLn2Hi = 0.693145752f;
    private const float SingleLn2Lo = 1.42860677e-06f;

    // The largest float32 below 2^127: up to it u's exponent k is at most 127, so 2^-k is a normal float32.
    private const float BelowTwoTo127 = 1.701411733e38f;

    // The bits of sqrt(1/2) as a float32: subtracting them before splitting the exponent puts m in [sqrt(1/2), sqrt(2)).
    private const int SingleSqrtHalfBits = 0x3F3504F3;

    [MethodImpl(Inline)]
    public static TFloat Log1p(TFloat x)
    {
        // (-1, 2^127): -1 itself is in the first comparison only, so the exclusive or takes it out; NaN is in neither.
        var inside = TLanes.BitwiseAnd(TLanes.LessThanOrEqual(TLanes.Create(-1f), x), TLanes.LessThanOrEqual(x, TLanes.Create(BelowTwoTo127)));
        inside = TLanes.Xor(inside, TLanes.Equal(x, TLanes.Create(-1f)));
        var fast = TLanes.CopySign(Log1pOfSingle(x), x);
        return TLanes.AllSet(inside) ? fast
            : TLanes.ConditionalSelect(inside, fast, TLanes.Narrow(Log1p(TLanes.WidenLower(x)), Log1p(TLanes.WidenUpper(x))));
    }

    /// <summary>log(1 + x) for x in (-1, 2^127), up to its sign; elsewhere a value the caller replaces.</summary>
    [MethodImpl(Inline)]
    private static TFloat Log1pOfSingle(TFloat x) => Log1pOfPair(x, TLanes.Create(0f));

    /// <summary>
    /// log(1 + x + xLo) for x in [0, 2^127) (or (-1, 2^127) with xLo zero) and xLo far below 1 + x: the tail joins
    /// the rounding error of 1 + x, so a caller whose argument is a pair loses nothing to its rounding.
    /// </summary>
    [MethodImpl(Inline)]
    private static TFloat Log1pOfPair(TFloat x, TFloat xLo)
    {
        var one = TLanes.Create(1f);
        var u = TLanes.Add(one, x);
        var xPart = TLanes.Subtract(u, one);
        var c = TLanes.Add(TLanes.Add(TLanes.Subtract(one, TLanes.Subtract(u, xPart)), TLanes.Subtract(x, xPart)), xLo);
        var bits = TLanes.Subtract(TLanes.AsInt32(u), TLanes.Create(SingleSqrtHalfBits));
        var k = TLanes.ShiftRightArithmetic(bits, 23);
        var m = TLanes.AsSingle(TLanes.Add(TLanes.BitwiseAnd(bits, TLanes.Create(0x007FFFFF)), TLanes.Create(SingleSqrtHalfBits)));
        // 2^-k from its exponent field 127 - k (k in [-24, 127]; at 127 the field is 0 and so is the scale, where
        // c 2^-127 is far below f's ulp anyway).
        var scale = TLanes.AsSingle(TLanes.ShiftLeft(TLanes.Subtract(TLanes.Create(127), k), 23));
        var f = TLanes.Subtract(m, one);
        // log(m + c') = log1p(f) + c'/m, and c'/m = c' (1 - f + f^2) to far below f's ulp. c' stays apart from f: the
        // sum would round it away where it is half of f's ulp.
        var cScaled = TLanes.Multiply(c, scale);
        var correction = TLanes.FusedMultiplyAdd(cScaled, TLanes.Subtract(TLanes.Multiply(f, f), f), cScaled);
        return KLn2PlusLog1p(k, f, correction);
    }

    /// <summary>
    /// k ln2 + log1p(f) + <paramref name="correction"/> for f in [sqrt(1/2) - 1, sqrt(2) - 1): the end of a float32
    /// logarithm once its argument is 2^k (1 + f).
    /// </summary>
    [MethodImpl(Inline)]
    private static TFloat KLn2PlusLog1p(TInt k, TFloat f, TFloat correction)
    {
        var z = TLanes.Multiply(f, f);
        var p = TLanes.FusedMultiplyAdd(TLanes.Create(-7.88919777e-02f), f, TLanes.Create(1.29313633e-01f));
        p = TLanes.FusedMultiplyAdd(p, f, TLanes.Create(-1.31360143e-01f));
        p = TLanes.FusedMultiplyAdd(p, f, TLanes.Create(1.41723379e-01f));
        p = TLanes.FusedMultiplyAdd(p, f, TLanes.Create(-1.66231766e-01f));
        p = TLanes.FusedMultiplyAdd(p, f, TLanes.Create(2.00028375e-01f));
        p = TLanes.FusedMultiplyAdd(p, f, TLanes.Create(-2.50008583e-01f));
        p = TLanes.FusedMultiplyAdd(p, f, TLanes.Create(3.33333045e-01f));
        var t = TLanes.FusedMultiplyAdd(TLanes.Multiply(f, z), p, TLanes.Multiply(z, TLanes.Create(-0.5f)));
        // k ln2 + f by Fast2Sum (|f| < ln 2 whenever k is not 0), so that only the last addition rounds where k ln2
        // and a negative f cancel (x just above sqrt(2) - 1).
        var kf = TLanes.ConvertToSingle(k);
        var kLn2 = TLanes.Multiply(kf, TLanes.Create(SingleLn2Hi));
        var head = TLanes.Add(kLn2, f);
        var tail = TLanes.Add(TLanes.Subtract(kLn2, head), f);
        return TLanes.Add(head, TLanes.Add(tail, TLanes.Add(TLanes.FusedMultiplyAdd(kf, TLanes.Create(SingleLn2Lo), t), correction)));
    }
}
