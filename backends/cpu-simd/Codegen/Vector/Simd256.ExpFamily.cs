using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// float64 expm1, tanh, sinh and cosh whose every lane depends on that lane's input alone (they were computed lane by
/// lane with Math). All stand on <see cref="ExpReduced"/>: x = n ln2 + r with |r| &lt;= ln2/2, r's rounding error
/// kept apart, and e^r - 1 = r + r^2/2 + r^3 P(r) with a degree-9 minimax P fitted for these routines (relative error
/// 2^-60), so nothing is lost to cancellation for small x. The results come from 2^n and e^r - 1 without subtracting
/// 1 from e^x; sinh and cosh below 1 have their own polynomials. float32 runs the same routines in float64 lanes and rounds. Measured against Math
/// (tests/JaxNet.Backends.CpuSimd.Tests/ExpLogFamilyTests.cs): expm1 and tanh within 1 ulp, sinh and cosh within 2.
/// SimdNNN.ExpFamily.cs exist for 512 and 256 bits: keep the two in step.
/// </summary>
internal static unsafe partial class Simd256
{
    private const double Log2E = 1.4426950408889634;
    private const double Ln2Hi = 0.6931471805599453;
    private const double Ln2Lo = 2.3190468138462996e-17; // ln 2 - Ln2Hi

    // Beyond these |x| tanh rounds to 1, and e^-|x| is below half an ulp of e^|x| for sinh and cosh.
    private const double TanhSaturation = 20d;
    private const double HyperbolicLargeLimit = 22d;

    // Past sinh's and cosh's overflow (710.476) and with n at most 1025, so 2^(n-2) is still finite.
    private const double HyperbolicOverflow = 710.5;

    // Below this |x| expm1 rounds to x (x^2/2 is under half an ulp); the formulas would halve a subnormal x.
    private const double TinyArgument = 5.551115123125783e-17; // 2^-54

    /// <summary>e^x - 1; expm1(x) has x's sign, so -0 stays -0. Below -45 it rounds to -1, above 709.79 it is inf.</summary>
    [MethodImpl(Inline)]
    public static Vector256<double> Expm1(Vector256<double> x)
    {
        var clamped = Vector256.MinNative(Vector256.MaxNative(x, Vector256.Create(-45d)), Vector256.Create(710d));
        var (n, q, qLo) = ExpReduced(clamped, Vector256<double>.Zero);
        return KeepNaN(x, WhereTiny(x, x, Vector256.CopySign(ExpMinusOne(n, q, qLo), x)));
    }

    /// <summary>
    /// tanh |x| = m / (m + 2) with m = e^(2|x|) - 1, the rounding of m + 2 and of the quotient corrected once, so
    /// the result keeps m's accuracy; x's sign.
    /// </summary>
    [MethodImpl(Inline)]
    public static Vector256<double> Tanh(Vector256<double> x)
    {
        var a = Vector256.MinNative(Vector256.Abs(x), Vector256.Create(TanhSaturation));
        var (n, q, qLo) = ExpReduced(a + a, Vector256<double>.Zero);
        var m = ExpMinusOne(n, q, qLo);
        var two = Vector256.Create(2d);
        var (d, dLo) = TwoSum(m, two);
        var t = m / d;
        var residual = Vector256.FusedMultiplyAdd(-t, d, m) - t * dLo;
        return KeepNaN(x, Vector256.CopySign(t + residual / d, x));
    }

    /// <summary>sinh |x| = |x| + |x|^3 P(x^2) below 1, (m + m / (m + 1)) / 2 with m = e^|x| - 1 up to 22, e^|x| / 2 beyond; x's sign.</summary>
    [MethodImpl(Inline)]
    public static Vector256<double> Sinh(Vector256<double> x)
    {
        var a = Vector256.MinNative(Vector256.Abs(x), Vector256.Create(HyperbolicOverflow));
        var (n, q, qLo) = ExpReduced(a, Vector256<double>.Zero);
        var m = ExpMinusOne(n, q, qLo);
        var z = a * a;
        var nearZero = Vector256.FusedMultiplyAdd(a * z, SinhPolynomial(z), a);
        var middle = (m + m / (m + Vector256<double>.One)) * Vector256.Create(0.5);
        var result = Vector256.ConditionalSelect(Vector256.LessThan(a, Vector256.Create(HyperbolicLargeLimit)), middle, HalfExp(n, q, qLo));
        result = Vector256.ConditionalSelect(Vector256.LessThan(a, Vector256<double>.One), nearZero, result);
        return KeepNaN(x, Vector256.CopySign(result, x));
    }

    /// <summary>cosh |x| = 1 + x^2/2 + x^4 Q(x^2) below 1, 1 + m^2 / (2 (m + 1)) with m = e^|x| - 1 up to 22, e^|x| / 2 beyond.</summary>
    [MethodImpl(Inline)]
    public static Vector256<double> Cosh(Vector256<double> x)
    {
        var a = Vector256.MinNative(Vector256.Abs(x), Vector256.Create(HyperbolicOverflow));
        var (n, q, qLo) = ExpReduced(a, Vector256<double>.Zero);
        var m = ExpMinusOne(n, q, qLo);
        var z = a * a;
        var nearZero = Vector256<double>.One + Vector256.FusedMultiplyAdd(z * z, CoshPolynomial(z), z * Vector256.Create(0.5));
        var middle = Vector256<double>.One + m * m / ((m + Vector256<double>.One) * Vector256.Create(2d));
        var result = Vector256.ConditionalSelect(Vector256.LessThan(a, Vector256.Create(HyperbolicLargeLimit)), middle, HalfExp(n, q, qLo));
        result = Vector256.ConditionalSelect(Vector256.LessThan(a, Vector256<double>.One), nearZero, result);
        return KeepNaN(x, result);
    }

    [MethodImpl(Inline)]
    public static Vector256<float> Expm1(Vector256<float> x) =>
        Vector256.Narrow(Expm1(Vector256.WidenLower(x)), Expm1(Vector256.WidenUpper(x)));

    [MethodImpl(Inline)]
    public static Vector256<float> Sinh(Vector256<float> x) =>
        Vector256.Narrow(Sinh(Vector256.WidenLower(x)), Sinh(Vector256.WidenUpper(x)));

    [MethodImpl(Inline)]
    public static Vector256<float> Cosh(Vector256<float> x) =>
        Vector256.Narrow(Cosh(Vector256.WidenLower(x)), Cosh(Vector256.WidenUpper(x)));

    /// <summary>
    /// e^(hi + lo) = 2^n (1 + q + qLo) for |hi| &lt;= 711 and |lo| tiny beside hi: n in the low bits of an int64 (as
    /// the rounding shift leaves it) and e^r - 1 as q + qLo. r = hi - n ln2 + lo; hi - n Ln2Hi is exact (both are
    /// multiples of 2^-54 and the difference is below 1/2), and the rounding of the rest is carried as c:
    /// e^(r + c) - 1 = q + c (1 + q). qLo holds what the last additions rounded off, so that 2^n (1 + q) - 1 keeps
    /// its precision where the two terms nearly cancel (n = 1 and r &lt; 0).
    /// </summary>
    [MethodImpl(Inline)]
    private static (Vector256<long> N, Vector256<double> Q, Vector256<double> QLo) ExpReduced(Vector256<double> hi, Vector256<double> lo)
    {
        var shifted = Vector256.FusedMultiplyAdd(hi, Vector256.Create(Log2E), Vector256.Create(RoundingShift));
        var n = shifted - Vector256.Create(RoundingShift);
        var r1 = Vector256.FusedMultiplyAdd(-n, Vector256.Create(Ln2Hi), hi);
        var tail = Vector256.FusedMultiplyAdd(-n, Vector256.Create(Ln2Lo), lo);
        var (r, c) = TwoSum(r1, tail);
        var z = r * r;
        var zLo = Vector256.FusedMultiplyAdd(r, r, -z);
        var w = Vector256.FusedMultiplyAdd(z, Vector256.Create(0.5), z * r * Expm1Polynomial(r));
        var q = r + w;
        var qLo = ((r - q) + w) + Vector256.FusedMultiplyAdd(zLo, Vector256.Create(0.5), c * (q + Vector256<double>.One)); // |w| < |r| / 5
        return (shifted.AsInt64(), q, qLo);
    }

    /// <summary>2^k as a float64 for k + 1023 in [1, 2047] (2047 gives inf), k in the low bits as <see cref="ExpReduced"/> leaves n.</summary>
    [MethodImpl(Inline)]
    private static Vector256<double> TwoToThe(Vector256<long> kBits, long add) =>
        ((kBits + Vector256.Create(1023 + add)) << 52).AsDouble();

    /// <summary>2^n (1 + q + qLo) - 1 = 2 (2^(n-1) (q + qLo) + (2^(n-1) - 1/2)); 2^(n-1) - 1/2 is exact for n &gt;= -52.</summary>
    [MethodImpl(Inline)]
    private static Vector256<double> ExpMinusOne(Vector256<long> n, Vector256<double> q, Vector256<double> qLo)
    {
        var half = TwoToThe(n, -1);
        return ScaledSum(half, q, qLo, half - Vector256.Create(0.5)) * Vector256.Create(2d);
    }

    /// <summary>2^n (1 + q + qLo) / 2, in two exact power-of-two steps so that n up to 1025 gives a finite result where it is one.</summary>
    [MethodImpl(Inline)]
    private static Vector256<double> HalfExp(Vector256<long> n, Vector256<double> q, Vector256<double> qLo)
    {
        var quarter = TwoToThe(n, -2);
        return ScaledSum(quarter, q, qLo, quarter) * Vector256.Create(2d);
    }

    /// <summary>2^n (1 + q + qLo) for |n| &lt;= 1021 (pow and erf keep their exponents within that).</summary>
    [MethodImpl(Inline)]
    private static Vector256<double> ScaledExp(Vector256<long> n, Vector256<double> q, Vector256<double> qLo)
    {
        var half = TwoToThe(n, -1);
        return ScaledSum(half, q, qLo, half) * Vector256.Create(2d);
    }

    /// <summary>
    /// scale (q + qLo) + constant rounded once but for qLo's tiny share: scale is a power of two, so scale q is exact
    /// and its sum with the constant is split exactly by a two-sum.
    /// </summary>
    [MethodImpl(Inline)]
    private static Vector256<double> ScaledSum(Vector256<double> scale, Vector256<double> q, Vector256<double> qLo, Vector256<double> constant)
    {
        var (sum, error) = TwoSum(scale * q, constant);
        return sum + Vector256.FusedMultiplyAdd(scale, qLo, error);
    }

    /// <summary>(e^r - 1 - r - r^2/2) / r^3 on |r| &lt;= ln2/2 (minimax: PolynomialCoefficients).</summary>
    [MethodImpl(Inline)]
    private static Vector256<double> Expm1Polynomial(Vector256<double> r) =>
        Horner(r, PolynomialCoefficients.Expm1);

    /// <summary>(sinh a - a) / a^3 in z = a^2 for a &lt;= 1 (minimax: PolynomialCoefficients, relative error 2^-56).</summary>
    [MethodImpl(Inline)]
    private static Vector256<double> SinhPolynomial(Vector256<double> z) =>
        Horner(z, PolynomialCoefficients.Sinh);

    /// <summary>(cosh a - 1 - a^2/2) / a^4 in z = a^2 for a &lt;= 1 (minimax: PolynomialCoefficients, relative error 2^-58).</summary>
    [MethodImpl(Inline)]
    private static Vector256<double> CoshPolynomial(Vector256<double> z) =>
        Horner(z, PolynomialCoefficients.Cosh);

    /// <summary>The polynomial with <paramref name="coefficients"/> (highest degree first) at x, by Horner's rule: one
    /// fused multiply-add per coefficient, in the order the routines' error bounds were measured with.</summary>
    [MethodImpl(Inline)]
    private static Vector256<double> Horner(Vector256<double> x, double[] coefficients)
    {
        var p = Vector256.Create(coefficients[0]);
        for (var i = 1; i < coefficients.Length; i++) p = Vector256.FusedMultiplyAdd(p, x, Vector256.Create(coefficients[i]));
        return p;
    }

    /// <summary>a + b = s + e exactly (Knuth's two-sum: no assumption on which is larger).</summary>
    [MethodImpl(Inline)]
    private static (Vector256<double> Sum, Vector256<double> Error) TwoSum(Vector256<double> a, Vector256<double> b)
    {
        var s = a + b;
        var bPart = s - a;
        return (s, (a - (s - bPart)) + (b - bPart));
    }

    [MethodImpl(Inline)]
    private static Vector256<double> WhereTiny(Vector256<double> x, Vector256<double> tiny, Vector256<double> result) =>
        Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(x), Vector256.Create(TinyArgument)), tiny, result);

    /// <summary>The result, with x's NaN where x is NaN (the clamps above may have turned it into a number).</summary>
    [MethodImpl(Inline)]
    private static Vector256<double> KeepNaN(Vector256<double> x, Vector256<double> result) =>
        Vector256.ConditionalSelect(Vector256.Equals(x, x), result, x);
}
