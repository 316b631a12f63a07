using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// float32 erf in float32 lanes, twice the lanes of the float64 route (<see cref="Erf(TDouble)"/>), which widened
/// each half: jax.nn.gelu(approximate=False) spends its time here. Below 1.25, erf x = x + x P(x^2) with P of degree 7
/// in x^2 - 0.78 (relative error 2^-29.9; centred, since Horner's rule in x^2 itself lost an ulp to cancellation
/// near 1.25). From 1.25 on, erf x = 1 - e^(-x^2) R(t) with t = 1/(1 + x): x^2 is split exactly by an
/// FMA, e^(-x^2) comes from <see cref="Exp(TFloat)"/> with the low part applied as a factor 1 - lo, and R, a degree-5
/// polynomial in t for erfc(x) e^(x^2) (relative error 2^-25), is needed only to a few float32 ulp because erfc is
/// at most 0.09 of erf there. Beyond 4 erf rounds to +-1 (|x| is clamped there, so infinities need no case of their
/// own). Both polynomials were fitted here by Lawson iterations. Every lane is computed from its own input; there is
/// no float64 route. An exhaustive sweep of every float32 against the float64 routine, run once outside the tests:
/// at most 1.16 ulp (just below the split); the float64 route gave 0.501 (Float32ErfTests sweeps whole binades).
/// </summary>
internal static unsafe partial class VectorMath<TLanes, TDouble, TLong, TFloat, TInt>
{
    private const float SingleErfSplit = 1.25f;

    // erfc 4 is below half an ulp of 1 (erf rounds to 1 from 3.9192 on).
    private const float SingleErfSaturation = 4f;

    [MethodImpl(Inline)]
    public static TFloat Erf(TFloat x)
    {
        var a = TLanes.Abs(x);
        var nearZero = ErfNearZeroOfSingle(x);
        var near = TLanes.LessThanOrEqual(a, TLanes.Create(SingleErfSplit)); // NaN is not near
        if (TLanes.AllSet(near)) return nearZero;
        var far = TLanes.CopySign(ErfFarOfSingle(a), x);
        // A NaN x went through the clamp, whose NaN rule is the platform's: it is restored here.
        return TLanes.ConditionalSelect(near, nearZero, TLanes.ConditionalSelect(TLanes.Equal(x, x), far, x));
    }

    /// <summary>erf x = x + x P(x^2 - 0.78) for |x| &lt;= 1.25 (x keeps its sign, -0 and subnormals come out right).</summary>
    [MethodImpl(Inline)]
    private static TFloat ErfNearZeroOfSingle(TFloat x)
    {
        var w = TLanes.Subtract(TLanes.Multiply(x, x), TLanes.Create(0.78f));
        var p = TLanes.FusedMultiplyAdd(TLanes.Create(-7.5729813e-06f), w, TLanes.Create(6.2590385e-05f));
        p = TLanes.FusedMultiplyAdd(p, w, TLanes.Create(-0.0004442788f));
        p = TLanes.FusedMultiplyAdd(p, w, TLanes.Create(0.0027793476f));
        p = TLanes.FusedMultiplyAdd(p, w, TLanes.Create(-0.014793534f));
        p = TLanes.FusedMultiplyAdd(p, w, TLanes.Create(0.06557239f));
        p = TLanes.FusedMultiplyAdd(p, w, TLanes.Create(-0.24061383f));
        p = TLanes.FusedMultiplyAdd(p, w, TLanes.Create(-0.10738663f));
        return TLanes.FusedMultiplyAdd(x, p, x);
    }

    /// <summary>erf a = 1 - e^(-a^2) R(1/(1 + a)) for a &gt;= 1.25 (a clamped at 4, where erf is 1 in float32).</summary>
    [MethodImpl(Inline)]
    private static TFloat ErfFarOfSingle(TFloat a)
    {
        var one = TLanes.Create(1f);
        var clamped = TLanes.MinNative(a, TLanes.Create(SingleErfSaturation));
        var t = TLanes.Subtract(TLanes.Divide(one, TLanes.Add(one, clamped)), TLanes.Create(0.32f));
        var r = TLanes.FusedMultiplyAdd(TLanes.Create(0.57128745f), t, TLanes.Create(-0.31002203f));
        r = TLanes.FusedMultiplyAdd(r, t, TLanes.Create(-0.37922746f));
        r = TLanes.FusedMultiplyAdd(r, t, TLanes.Create(0.5180158f));
        r = TLanes.FusedMultiplyAdd(r, t, TLanes.Create(0.9475594f));
        r = TLanes.FusedMultiplyAdd(r, t, TLanes.Create(0.24267036f));
        var square = TLanes.Multiply(clamped, clamped);
        var squareLo = TLanes.FusedMultiplyAdd(clamped, clamped, TLanes.Negate(square));
        // e^(-square - squareLo) = e^(-square) (1 - squareLo) to far below an ulp (|squareLo| <= 2^-20).
        var erfc = TLanes.Multiply(Exp(TLanes.Negate(square)), r);
        erfc = TLanes.FusedMultiplyAdd(TLanes.Negate(erfc), squareLo, erfc);
        return TLanes.Subtract(one, erfc);
    }
}
