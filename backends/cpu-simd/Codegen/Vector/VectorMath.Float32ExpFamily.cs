using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// float32 exp2, sinh and cosh in float32 lanes, twice the lanes of the float64 routines (VectorMath.Exp2.cs,
/// VectorMath.ExpFamily.cs), which widened each half and narrowed back. exp2: x = n + f with n the nearest integer
/// (f exact, |f| &lt;= 1/2), 2^f = 1 + f P(f) with P of degree 5 (relative error 2^-26.5), and 2^n applied in two
/// exact power-of-two steps as in <see cref="Exp(TFloat)"/>, so that subnormal results round once and an integer x
/// gives its power of two exactly. sinh and cosh stand on h = e^|x| / 2 from exp's reduction (the halving folded
/// into the exponent, so h is finite up to sinh's and cosh's own overflow at 89.4): cosh = h + 1/(4h) (near 0 the
/// errors of h in the two terms cancel), sinh = h - 1/(4h) from 2 on, and below 2 sinh |x| = |x| + |x|^3 Q(x^2)
/// with Q of degree 4 (relative error 2^-31.7); sinh takes x's sign. Polynomials fitted here by Lawson iterations.
/// Every lane is computed from its own input; no lane needs a float64 route. An exhaustive sweep of every float32
/// against the float64 routines, run once outside the tests: exp2 at most 0.90 ulp (subnormal results included),
/// sinh 1.52 (just past its split), cosh 1.47; the float64 route gave 0.501 (Exp2Tests and Float32HyperbolicTests
/// sweep whole binades).
/// </summary>
internal static unsafe partial class VectorMath<TLanes, TDouble, TLong, TFloat, TInt>
{
    // From 2 on, sinh takes h - 1/(4h); below, its polynomial.
    private const float SingleSinhSplit = 2f;

    [MethodImpl(Inline)]
    public static TFloat Exp2(TFloat x)
    {
        // Beyond these bounds 2^x is inf or rounds to 0; NaN is restored at the end (as in Exp).
        var clamped = TLanes.MinNative(TLanes.MaxNative(x, TLanes.Create(-152f)), TLanes.Create(129f));
        var n = TLanes.Round(clamped);
        var f = TLanes.Subtract(clamped, n);
        var p = TLanes.FusedMultiplyAdd(TLanes.Create(0.00015403498f), f, TLanes.Create(0.001339073f));
        p = TLanes.FusedMultiplyAdd(p, f, TLanes.Create(0.009618238f));
        p = TLanes.FusedMultiplyAdd(p, f, TLanes.Create(0.055503573f));
        p = TLanes.FusedMultiplyAdd(p, f, TLanes.Create(0.24022649f));
        p = TLanes.FusedMultiplyAdd(p, f, TLanes.Create(0.6931472f));
        var y = TLanes.FusedMultiplyAdd(f, p, TLanes.Create(1f));
        var k = TLanes.ConvertToInt32(n);
        var half = TLanes.ShiftRightArithmetic(k, 1);
        var result = TLanes.Multiply(TLanes.Multiply(y, PowerOfTwo(half)), PowerOfTwo(TLanes.Subtract(k, half)));
        return TLanes.ConditionalSelect(TLanes.Equal(x, x), result, x);
    }

    [MethodImpl(Inline)]
    public static TFloat Sinh(TFloat x)
    {
        var a = TLanes.Abs(x);
        var h = HalfExpOfSingle(a);
        var large = TLanes.Subtract(h, TLanes.Divide(TLanes.Create(0.25f), h));
        var z = TLanes.Multiply(a, a);
        var q = TLanes.FusedMultiplyAdd(TLanes.Create(2.696648e-08f), z, TLanes.Create(2.747486e-06f));
        q = TLanes.FusedMultiplyAdd(q, z, TLanes.Create(0.0001984286f));
        q = TLanes.FusedMultiplyAdd(q, z, TLanes.Create(0.00833332f));
        q = TLanes.FusedMultiplyAdd(q, z, TLanes.Create(0.16666667f));
        var small = TLanes.FusedMultiplyAdd(TLanes.Multiply(a, z), q, a);
        var result = TLanes.ConditionalSelect(TLanes.LessThanOrEqual(TLanes.Create(SingleSinhSplit), a), large, small);
        // CopySign keeps -0; a NaN x fails the comparison and the clamp differently per ISA, so it is restored here.
        return TLanes.ConditionalSelect(TLanes.Equal(x, x), TLanes.CopySign(result, x), x);
    }

    [MethodImpl(Inline)]
    public static TFloat Cosh(TFloat x)
    {
        var h = HalfExpOfSingle(TLanes.Abs(x));
        return TLanes.ConditionalSelect(TLanes.Equal(x, x), TLanes.Add(h, TLanes.Divide(TLanes.Create(0.25f), h)), x);
    }

    /// <summary>
    /// e^a / 2 for a &gt;= 0 by <see cref="Exp(TFloat)"/>'s reduction with the exponent one less, so that it is finite
    /// up to 89.4 (where e^a itself has overflowed); a is clamped at 90, where the result is inf.
    /// </summary>
    [MethodImpl(Inline)]
    private static TFloat HalfExpOfSingle(TFloat a)
    {
        var clamped = TLanes.MinNative(a, TLanes.Create(90f));
        var n = TLanes.Round(TLanes.Multiply(clamped, TLanes.Create(1.44269504088896341f)));
        var r = TLanes.FusedMultiplyAdd(n, TLanes.Create(-0.693359375f), clamped);
        r = TLanes.FusedMultiplyAdd(n, TLanes.Create(2.12194440e-4f), r);
        var y = TLanes.Add(TLanes.FusedMultiplyAdd(ExpPolynomial(r), TLanes.Multiply(r, r), r), TLanes.Create(1f));
        var k = TLanes.Subtract(TLanes.ConvertToInt32(n), TLanes.Create(1));
        var half = TLanes.ShiftRightArithmetic(k, 1);
        return TLanes.Multiply(TLanes.Multiply(y, PowerOfTwo(half)), PowerOfTwo(TLanes.Subtract(k, half)));
    }
}
