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
        var p = Vector512.FusedMultiplyAdd(Vector512.Create(1.9875691500e-4f), r, Vector512.Create(1.3981999507e-3f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(8.3334519073e-3f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(4.1665795894e-2f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.6666665459e-1f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(5.0000001201e-1f));
        var y = Vector512.FusedMultiplyAdd(p, r * r, r) + Vector512<float>.One;
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

    [MethodImpl(Inline)]
    public static Vector512<float> Tanh(Vector512<float> x)
    {
        var a = Vector512.Abs(x);
        var z = a * a;
        // tanh a = a + a^3 (c3 + z (c5 + ...)): Taylor coefficients 2^2k (2^2k - 1) B_2k / (2k)!.
        var s = Vector512.FusedMultiplyAdd(Vector512.Create(-2.3912911424355248e-4f), z, Vector512.Create(5.9002744094558595e-4f));
        s = Vector512.FusedMultiplyAdd(s, z, Vector512.Create(-1.4558343870513183e-3f));
        s = Vector512.FusedMultiplyAdd(s, z, Vector512.Create(3.5921280365724810e-3f));
        s = Vector512.FusedMultiplyAdd(s, z, Vector512.Create(-8.8632355299021966e-3f));
        s = Vector512.FusedMultiplyAdd(s, z, Vector512.Create(2.1869488536155203e-2f));
        s = Vector512.FusedMultiplyAdd(s, z, Vector512.Create(-5.3968253968253968e-2f));
        s = Vector512.FusedMultiplyAdd(s, z, Vector512.Create(1.3333333333333333e-1f));
        s = Vector512.FusedMultiplyAdd(s, z, Vector512.Create(-3.3333333333333333e-1f));
        var small = Vector512.FusedMultiplyAdd(s * z, a, a);
        var large = Vector512<float>.One - Vector512.Create(2f) / (Exp(a + a) + Vector512<float>.One);
        var t = Vector512.ConditionalSelect(Vector512.LessThan(a, Vector512.Create(0.55f)), small, large);
        // CopySign keeps -0 and NaN (a NaN a fails the comparison, and 1 - 2/(NaN + 1) is NaN).
        return Vector512.CopySign(t, x);
    }
}
