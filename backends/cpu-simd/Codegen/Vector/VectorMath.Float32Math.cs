using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// float32 exp, expm1, logistic and tanh computed in float32 lanes (.NET's float exp widens to float64 internally, and
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

    /// <summary>
    /// expm1 from <see cref="Exp(TFloat)"/>'s reduction: e^x - 1 = 2^n (e^r - 1) + (2^n - 1), e^r - 1 = r + r^2 p(r).
    /// It is taken in halves, 2 (2^(n-1) (e^r - 1) + (2^(n-1) - 1/2)), so that 2^(n-1) stays normal up to n = 128
    /// (e^x near float32's largest value); the doubling is exact or overflows to inf as the result does. Below 2^-24 in magnitude expm1 x rounds to x (that keeps -0 and subnormals exact), and below -18
    /// the result is -1 (the clamp).
    /// </summary>
    [MethodImpl(Inline)]
    public static TFloat Expm1(TFloat x)
    {
        var clamped = TLanes.MinNative(TLanes.MaxNative(x, TLanes.Create(-18f)), TLanes.Create(89f)); // NaN restored below
        var n = TLanes.Round(TLanes.Multiply(clamped, TLanes.Create(1.44269504088896341f)));
        var r = TLanes.FusedMultiplyAdd(n, TLanes.Create(-0.693359375f), clamped);
        r = TLanes.FusedMultiplyAdd(n, TLanes.Create(2.12194440e-4f), r);
        var half = PowerOfTwo(TLanes.Subtract(TLanes.ConvertToInt32(n), TLanes.Create(1)));
        // (2^(n-1) - 1/2) + 2^(n-1) r by Fast2Sum (the first term is the larger), so that where they cancel (n = 1,
        // r < 0) the sum's rounding is carried into the last addition instead of costing an ulp.
        var constant = TLanes.Subtract(half, TLanes.Create(0.5f));
        var linear = TLanes.Multiply(r, half);
        var head = TLanes.Add(constant, linear);
        // From n = 26 on, 2^(n-1) - 1/2 itself rounds: what it dropped joins the tail too.
        var dropped = TLanes.Subtract(TLanes.Subtract(half, constant), TLanes.Create(0.5f));
        var tail = TLanes.Add(TLanes.Add(TLanes.Subtract(constant, head), linear), dropped);
        var m = TLanes.Add(head, TLanes.FusedMultiplyAdd(ExpPolynomial(r), TLanes.Multiply(TLanes.Multiply(r, r), half), tail));
        var result = TLanes.Add(m, m);
        var tiny = TLanes.LessThanOrEqual(TLanes.Abs(x), TLanes.Create(5.96046448e-08f));
        // Neither tiny nor NaN (where both comparisons fail): the result; otherwise x.
        return TLanes.ConditionalSelect(TLanes.Xor(tiny, TLanes.Equal(x, x)), result, x);
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
