using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// float32 exp, logistic and tanh computed in float32 lanes (.NET's float exp widens to float64 internally, and
/// tanh was two float64 exps and divisions). exp: x = n ln2 + r (Cody-Waite, ln2 in two parts, |r| &lt;= ln2/2),
/// a degree-7 polynomial for e^r (Cephes' expf coefficients), and 2^n applied in two exact power-of-two steps so
/// that subnormal results round once. tanh: its odd Taylor series to x^19 below 0.55, 1 - 2/(e^2|x| + 1) above,
/// with x's sign. Measured against float64 (tests/JaxNet.Backends.CpuSimd.Tests/Float32MathTests.cs): exp at most
/// 1 ulp, logistic 2, tanh 2. SimdNNN.Float32Math.cs exist for 512 and 256 bits: keep the two in step.
/// </summary>
internal static unsafe partial class Simd256
{
    [MethodImpl(Inline)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        // Beyond these bounds the result is inf or rounds to 0; NaN is restored at the end.
        var clamped = Vector256.Min(Vector256.Max(x, Vector256.Create(-104f)), Vector256.Create(89f));
        var n = Vector256.Round(clamped * Vector256.Create(1.44269504088896341f));
        var r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-0.693359375f), clamped);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(2.12194440e-4f), r);
        var p = Vector256.FusedMultiplyAdd(Vector256.Create(1.9875691500e-4f), r, Vector256.Create(1.3981999507e-3f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(8.3334519073e-3f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(4.1665795894e-2f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.6666665459e-1f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(5.0000001201e-1f));
        var y = Vector256.FusedMultiplyAdd(p, r * r, r) + Vector256<float>.One;
        var k = Vector256.ConvertToInt32(n);
        var half = k >> 1;
        var result = y * PowerOfTwo(half) * PowerOfTwo(k - half);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), result, x);
    }

    /// <summary>2^k for k in [-126, 127], from the exponent bits.</summary>
    [MethodImpl(Inline)]
    private static Vector256<float> PowerOfTwo(Vector256<int> k) => ((k + Vector256.Create(127)) << 23).AsSingle();

    [MethodImpl(Inline)]
    public static Vector256<float> Logistic(Vector256<float> x) => Vector256<float>.One / (Vector256<float>.One + Exp(-x));

    [MethodImpl(Inline)]
    public static Vector256<float> Tanh(Vector256<float> x)
    {
        var a = Vector256.Abs(x);
        var z = a * a;
        // tanh a = a + a^3 (c3 + z (c5 + ...)): Taylor coefficients 2^2k (2^2k - 1) B_2k / (2k)!.
        var s = Vector256.FusedMultiplyAdd(Vector256.Create(-2.3912911424355248e-4f), z, Vector256.Create(5.9002744094558595e-4f));
        s = Vector256.FusedMultiplyAdd(s, z, Vector256.Create(-1.4558343870513183e-3f));
        s = Vector256.FusedMultiplyAdd(s, z, Vector256.Create(3.5921280365724810e-3f));
        s = Vector256.FusedMultiplyAdd(s, z, Vector256.Create(-8.8632355299021966e-3f));
        s = Vector256.FusedMultiplyAdd(s, z, Vector256.Create(2.1869488536155203e-2f));
        s = Vector256.FusedMultiplyAdd(s, z, Vector256.Create(-5.3968253968253968e-2f));
        s = Vector256.FusedMultiplyAdd(s, z, Vector256.Create(1.3333333333333333e-1f));
        s = Vector256.FusedMultiplyAdd(s, z, Vector256.Create(-3.3333333333333333e-1f));
        var small = Vector256.FusedMultiplyAdd(s * z, a, a);
        var large = Vector256<float>.One - Vector256.Create(2f) / (Exp(a + a) + Vector256<float>.One);
        var t = Vector256.ConditionalSelect(Vector256.LessThan(a, Vector256.Create(0.55f)), small, large);
        // CopySign keeps -0 and NaN (a NaN a fails the comparison, and 1 - 2/(NaN + 1) is NaN).
        return Vector256.CopySign(t, x);
    }
}
