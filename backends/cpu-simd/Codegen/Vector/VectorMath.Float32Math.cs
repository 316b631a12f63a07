using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// float32 exp, logistic and tanh computed in float32 lanes (.NET's float exp widens to float64 internally, and
/// tanh was two float64 exps and divisions). exp: x = n ln2 + r (Cody-Waite, ln2 in two parts, |r| &lt;= ln2/2),
/// a degree-7 polynomial for e^r (Cephes' expf coefficients), and 2^n applied in two exact power-of-two steps so
/// that subnormal results round once. tanh: m / (m + 2) with m = e^(2|x|) - 1 from the same reduction, with x's
/// sign. Measured against float64 (tests/JaxNet.Backends.CpuSimd.Tests/Float32MathTests.cs): exp at most
/// 1 ulp, logistic 2, tanh 3 (2.2 measured).
/// </summary>
internal static unsafe partial class VectorMath<TLanes, TDouble, TLong, TFloat, TInt>
{
    [MethodImpl(Inline)]
    public static TFloat Exp(TFloat x)
    {
        // Beyond these bounds the result is inf or rounds to 0; NaN is restored at the end, so the native min and
        // max (whose NaN rule is the platform's) give the same bits as Min and Max, with one instruction each.
        var clamped = TLanes.MinNative(TLanes.MaxNative(x, TLanes.Create(-104f)), TLanes.Create(89f));
        var n = TLanes.Round(TLanes.Multiply(clamped, TLanes.Create(1.44269504088896341f)));
        var r = TLanes.FusedMultiplyAdd(n, TLanes.Create(-0.693359375f), clamped);
        r = TLanes.FusedMultiplyAdd(n, TLanes.Create(2.12194440e-4f), r);
        var y = TLanes.Add(TLanes.FusedMultiplyAdd(ExpPolynomial(r), TLanes.Multiply(r, r), r), TLanes.Create(1f));
        var k = TLanes.ConvertToInt32(n);
        var half = TLanes.ShiftRightArithmetic(k, 1);
        var result = TLanes.Multiply(TLanes.Multiply(y, PowerOfTwo(half)), PowerOfTwo(TLanes.Subtract(k, half)));
        return TLanes.ConditionalSelect(TLanes.Equal(x, x), result, x);
    }

    /// <summary>2^k for k in [-126, 127], from the exponent bits.</summary>
    [MethodImpl(Inline)]
    private static TFloat PowerOfTwo(TInt k) => TLanes.AsSingle(TLanes.ShiftLeft(TLanes.Add(k, TLanes.Create(127)), 23));

    [MethodImpl(Inline)]
    public static TFloat Logistic(TFloat x) => TLanes.Divide(TLanes.Create(1f), TLanes.Add(TLanes.Create(1f), Exp(TLanes.Negate(x))));

    /// <summary>
    /// tanh |x| = m / (m + 2) with m = e^(2|x|) - 1, from the exp reduction without its final + 1 (so small
    /// arguments lose nothing to cancellation): 2|x| = n ln2 + r, e^r - 1 = r + r^2 p(r), and
    /// m = (e^r - 1) 2^n + (2^n - 1) in one FMA (2^n - 1 is exact). |x| is clamped to 9, where tanh rounds to 1.
    /// </summary>
    [MethodImpl(Inline)]
    public static TFloat Tanh(TFloat x)
    {
        var a = TLanes.MinNative(TLanes.Abs(x), TLanes.Create(9f)); // NaN restored at the end, as in Exp
        var twice = TLanes.Add(a, a);
        var n = TLanes.Round(TLanes.Multiply(twice, TLanes.Create(1.44269504088896341f)));
        var r = TLanes.FusedMultiplyAdd(n, TLanes.Create(-0.693359375f), twice);
        r = TLanes.FusedMultiplyAdd(n, TLanes.Create(2.12194440e-4f), r);
        var q = TLanes.FusedMultiplyAdd(ExpPolynomial(r), TLanes.Multiply(r, r), r);
        var scale = PowerOfTwo(TLanes.ConvertToInt32(n));
        var m = TLanes.FusedMultiplyAdd(q, scale, TLanes.Subtract(scale, TLanes.Create(1f)));
        var t = TLanes.Divide(m, TLanes.Add(m, TLanes.Create(2f)));
        // CopySign keeps -0; a NaN x fails the clamp's comparison differently per ISA, so it is restored here.
        return TLanes.ConditionalSelect(TLanes.Equal(x, x), TLanes.CopySign(t, x), x);
    }

    /// <summary>(e^r - 1 - r) / r^2 on |r| &lt;= ln2/2 (Cephes' expf coefficients).</summary>
    [MethodImpl(Inline)]
    private static TFloat ExpPolynomial(TFloat r)
    {
        var p = TLanes.FusedMultiplyAdd(TLanes.Create(1.9875691500e-4f), r, TLanes.Create(1.3981999507e-3f));
        p = TLanes.FusedMultiplyAdd(p, r, TLanes.Create(8.3334519073e-3f));
        p = TLanes.FusedMultiplyAdd(p, r, TLanes.Create(4.1665795894e-2f));
        p = TLanes.FusedMultiplyAdd(p, r, TLanes.Create(1.6666665459e-1f));
        return TLanes.FusedMultiplyAdd(p, r, TLanes.Create(5.0000001201e-1f));
    }
}
