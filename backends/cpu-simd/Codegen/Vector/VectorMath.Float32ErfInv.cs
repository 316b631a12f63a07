using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// float32 erfinv in float32 lanes. jax.random.normal draws sqrt(2) erfinv(u), so every float32 normal sample went
/// through the float64 routine (<see cref="ErfInv(TDouble)"/>: a polynomial, then Halley steps that each evaluate
/// erf and exp) on widened halves. Here, with a = |y|, w = -log((1 - a)(1 + a)) (1 - a exact from 1/2 up, the
/// logarithm in float32 lanes), and erfinv(y) = a P(w) with P fitted here on w in [0, 5) (centred at 1) and
/// a Q(sqrt w) beyond (centred at 3), relative errors 2.6e-9 and 1.3e-8 with their float32 coefficients; their
/// constant terms are split in two so that they round no more than the sum does. No Newton step: the error is
/// the float32 evaluation's. A sweep of every float32 in [0, 1) against the float64 erfinv, run once outside the
/// tests, finds at most 2.22 ulp, near 0.9952 (the float64 route was within 0.501; JAX's own float32 erfinv is a polynomial of
/// this kind too). The tail runs only when some lane needs it, selected per lane. ±1, |y| &gt; 1 and NaN lanes take
/// the float64 route, lane by lane, so every lane's bits depend on its own input; the sign is y's (-0 stays -0).
/// </summary>
internal static unsafe partial class VectorMath<TLanes, TDouble, TLong, TFloat, TInt>
{
    // The largest float32 below 1 and below 5.
    private const float BelowOne = 0.99999994f;
    private const float BelowFive = 4.9999995f;

    [MethodImpl(Inline)]
    public static TFloat ErfInv(TFloat y)
    {
        var magnitude = TLanes.Abs(y);
        var inside = TLanes.LessThanOrEqual(magnitude, TLanes.Create(BelowOne)); // NaN is not
        var a = TLanes.BitwiseAnd(inside, magnitude); // 0 outside, where the float64 route answers
        var one = TLanes.Create(1f);
        var w = TLanes.Negate(LogOfNormalSingle(TLanes.Multiply(TLanes.Subtract(one, a), TLanes.Add(one, a))));
        var central = TLanes.LessThanOrEqual(w, TLanes.Create(BelowFive));
        var x = TLanes.Multiply(a, ErfInvCentral(TLanes.Subtract(w, one)));
        if (!TLanes.AllSet(central))
            x = TLanes.ConditionalSelect(central, x, TLanes.Multiply(a, ErfInvTail(TLanes.Subtract(TLanes.Sqrt(w), TLanes.Create(3f)))));
        var fast = TLanes.CopySign(x, y);
        return TLanes.AllSet(inside) ? fast
            : TLanes.ConditionalSelect(inside, fast, TLanes.Narrow(ErfInv(TLanes.WidenLower(y)), ErfInv(TLanes.WidenUpper(y))));
    }

    /// <summary>erfinv(a) / a for w = -log(1 - a^2) in [0, 5), as a polynomial in t = w - 1.</summary>
    [MethodImpl(Inline)]
    private static TFloat ErfInvCentral(TFloat t)
    {
        var q = TLanes.FusedMultiplyAdd(TLanes.Create(3.177592633e-10f), t, TLanes.Create(-1.357707102e-08f));
        q = TLanes.FusedMultiplyAdd(q, t, TLanes.Create(1.694672704e-07f));
        q = TLanes.FusedMultiplyAdd(q, t, TLanes.Create(-5.961393299e-07f));
        q = TLanes.FusedMultiplyAdd(q, t, TLanes.Create(-4.342296506e-06f));
        q = TLanes.FusedMultiplyAdd(q, t, TLanes.Create(3.830705828e-05f));
        q = TLanes.FusedMultiplyAdd(q, t, TLanes.Create(1.001322307e-04f));
        q = TLanes.FusedMultiplyAdd(q, t, TLanes.Create(-2.376436489e-03f));
        q = TLanes.FusedMultiplyAdd(q, t, TLanes.Create(4.250715021e-03f));
        q = TLanes.FusedMultiplyAdd(q, t, TLanes.Create(2.478328794e-01f));
        return TLanes.Add(TLanes.FusedMultiplyAdd(q, t, TLanes.Create(-1.735705268e-08f)), TLanes.Create(1.127374411f));
    }

    /// <summary>erfinv(a) / a for w from 5 to the float32 limit (16), as a polynomial in t = sqrt(w) - 3.</summary>
    [MethodImpl(Inline)]
    private static TFloat ErfInvTail(TFloat t)
    {
        var q = TLanes.FusedMultiplyAdd(TLanes.Create(1.128031945e-04f), t, TLanes.Create(-3.091534600e-04f));
        q = TLanes.FusedMultiplyAdd(q, t, TLanes.Create(-4.979556252e-05f));
        q = TLanes.FusedMultiplyAdd(q, t, TLanes.Create(1.483734930e-03f));
        q = TLanes.FusedMultiplyAdd(q, t, TLanes.Create(-3.602290759e-03f));
        q = TLanes.FusedMultiplyAdd(q, t, TLanes.Create(5.687722005e-03f));
        q = TLanes.FusedMultiplyAdd(q, t, TLanes.Create(-7.636092138e-03f));
        q = TLanes.FusedMultiplyAdd(q, t, TLanes.Create(9.445186704e-03f));
        q = TLanes.FusedMultiplyAdd(q, t, TLanes.Create(1.001674891f));
        return TLanes.Add(TLanes.FusedMultiplyAdd(q, t, TLanes.Create(-1.537300065e-08f)), TLanes.Create(2.832976818f));
    }

    /// <summary>
    /// log(u 2^<paramref name="extraExponent"/>) for a positive normal float32 u, from the float32 log1p's reduction
    /// (about 1 ulp); the extra power of two joins the exponent, so u 2^extraExponent itself may overflow.
    /// </summary>
    [MethodImpl(Inline)]
    private static TFloat LogOfNormalSingle(TFloat u, int extraExponent = 0)
    {
        var bits = TLanes.Subtract(TLanes.AsInt32(u), TLanes.Create(SingleSqrtHalfBits));
        var k = TLanes.Add(TLanes.ShiftRightArithmetic(bits, 23), TLanes.Create(extraExponent));
        var m = TLanes.AsSingle(TLanes.Add(TLanes.BitwiseAnd(bits, TLanes.Create(0x007FFFFF)), TLanes.Create(SingleSqrtHalfBits)));
        return KLn2PlusLog1p(k, TLanes.Subtract(m, TLanes.Create(1f)), TLanes.Create(0f));
    }
}
