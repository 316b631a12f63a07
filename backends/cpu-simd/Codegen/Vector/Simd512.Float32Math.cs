using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// float32 exp, logistic and tanh computed in float32 lanes (.NET's float exp widens to float64 internally, and
/// tanh was two float64 exps and divisions). exp: x = n ln2 + r (Cody-Waite, ln2 in two parts, |r| &lt;= ln2/2),
/// a degree-7 polynomial for e^r (Cephes' expf coefficients), and 2^n applied in two exact power-of-two steps so
/// that subnormal results round once. tanh: m / (m + 2) with m = e^(2|x|) - 1 from the same reduction, with x's
/// sign. Measured against float64 (tests/JaxNet.Backends.CpuSimd.Tests/Float32MathTests.cs): exp at most
/// 1 ulp, logistic 2, tanh 3 (2.2 measured). SimdNNN.Float32Math.cs exist for 512 and 256 bits: keep the two in step.
/// </summary>
internal static unsafe partial class Simd512
{
    [MethodImpl(Inline)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        // Beyond these bounds the result is inf or rounds to 0; NaN is restored at the end.
        var clamped = Vector512.Min(Vector512.Max(x, Vector512.Create(-104f)), Vector512.Create(89f));
        var n = Vector512.Round(clamped * Vector512.Create(1.44269504088896341f));
        var r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-0.693359375f), clamped);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(2.12194440e-4f), r);
        var y = Vector512.FusedMultiplyAdd(ExpPolynomial(r), r * r, r) + Vector512<float>.One;
        var k = Vector512.ConvertToInt32(n);
        var half = k >> 1;
        var result = y * PowerOfTwo(half) * PowerOfTwo(k - half);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), result, x);
    }

    /// <summary>2^k for k in [-126, 127], from the exponent bits.</summary>
    [MethodImpl(Inline)]
    private static Vector512<float> PowerOfTwo(Vector512<int> k) => ((k + Vector512.Create(127)) << 23).AsSingle();

    [MethodImpl(Inline)]
    public static Vector512<float> Logistic(Vector512<float> x) => Vector512<float>.One / (Vector512<float>.One + Exp(-x));

    /// <summary>
    /// tanh |x| = m / (m + 2) with m = e^(2|x|) - 1, from the exp reduction without its final + 1 (so small
    /// arguments lose nothing to cancellation): 2|x| = n ln2 + r, e^r - 1 = r + r^2 p(r), and
    /// m = (e^r - 1) 2^n + (2^n - 1) in one FMA (2^n - 1 is exact). |x| is clamped to 9, where tanh rounds to 1.
    /// </summary>
    [MethodImpl(Inline)]
    public static Vector512<float> Tanh(Vector512<float> x)
    {
        var a = Vector512.Min(Vector512.Abs(x), Vector512.Create(9f));
        var twice = a + a;
        var n = Vector512.Round(twice * Vector512.Create(1.44269504088896341f));
        var r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-0.693359375f), twice);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(2.12194440e-4f), r);
        var q = Vector512.FusedMultiplyAdd(ExpPolynomial(r), r * r, r);
        var scale = PowerOfTwo(Vector512.ConvertToInt32(n));
        var m = Vector512.FusedMultiplyAdd(q, scale, scale - Vector512<float>.One);
        var t = m / (m + Vector512.Create(2f));
        // CopySign keeps -0; a NaN x fails the clamp's comparison differently per ISA, so it is restored here.
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), Vector512.CopySign(t, x), x);
    }

    /// <summary>(e^r - 1 - r) / r^2 on |r| &lt;= ln2/2 (Cephes' expf coefficients).</summary>
    [MethodImpl(Inline)]
    private static Vector512<float> ExpPolynomial(Vector512<float> r)
    {
        var p = Vector512.FusedMultiplyAdd(Vector512.Create(1.9875691500e-4f), r, Vector512.Create(1.3981999507e-3f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(8.3334519073e-3f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(4.1665795894e-2f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.6666665459e-1f));
        return Vector512.FusedMultiplyAdd(p, r, Vector512.Create(5.0000001201e-1f));
    }
}
