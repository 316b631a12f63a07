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
internal static unsafe partial class Simd512
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
    public static Vector512<double> Expm1(Vector512<double> x)
    {
        var clamped = Vector512.MinNative(Vector512.MaxNative(x, Vector512.Create(-45d)), Vector512.Create(710d));
        var (n, q, qLo) = ExpReduced(clamped, Vector512<double>.Zero);
        return KeepNaN(x, WhereTiny(x, x, Vector512.CopySign(ExpMinusOne(n, q, qLo), x)));
    }

    /// <summary>
    /// tanh |x| = m / (m + 2) with m = e^(2|x|) - 1, the rounding of m + 2 and of the quotient corrected once, so
    /// the result keeps m's accuracy; x's sign.
    /// </summary>
    [MethodImpl(Inline)]
    public static Vector512<double> Tanh(Vector512<double> x)
    {
        var a = Vector512.MinNative(Vector512.Abs(x), Vector512.Create(TanhSaturation));
        var (n, q, qLo) = ExpReduced(a + a, Vector512<double>.Zero);
        var m = ExpMinusOne(n, q, qLo);
        var two = Vector512.Create(2d);
        var (d, dLo) = TwoSum(m, two);
        var t = m / d;
        var residual = Vector512.FusedMultiplyAdd(-t, d, m) - t * dLo;
        return KeepNaN(x, Vector512.CopySign(t + residual / d, x));
    }

    /// <summary>sinh |x| = |x| + |x|^3 P(x^2) below 1, (m + m / (m + 1)) / 2 with m = e^|x| - 1 up to 22, e^|x| / 2 beyond; x's sign.</summary>
    [MethodImpl(Inline)]
    public static Vector512<double> Sinh(Vector512<double> x)
    {
        var a = Vector512.MinNative(Vector512.Abs(x), Vector512.Create(HyperbolicOverflow));
        var (n, q, qLo) = ExpReduced(a, Vector512<double>.Zero);
        var m = ExpMinusOne(n, q, qLo);
        var z = a * a;
        var nearZero = Vector512.FusedMultiplyAdd(a * z, SinhPolynomial(z), a);
        var middle = (m + m / (m + Vector512<double>.One)) * Vector512.Create(0.5);
        var result = Vector512.ConditionalSelect(Vector512.LessThan(a, Vector512.Create(HyperbolicLargeLimit)), middle, HalfExp(n, q, qLo));
        result = Vector512.ConditionalSelect(Vector512.LessThan(a, Vector512<double>.One), nearZero, result);
        return KeepNaN(x, Vector512.CopySign(result, x));
    }

    /// <summary>cosh |x| = 1 + x^2/2 + x^4 Q(x^2) below 1, 1 + m^2 / (2 (m + 1)) with m = e^|x| - 1 up to 22, e^|x| / 2 beyond.</summary>
    [MethodImpl(Inline)]
    public static Vector512<double> Cosh(Vector512<double> x)
    {
        var a = Vector512.MinNative(Vector512.Abs(x), Vector512.Create(HyperbolicOverflow));
        var (n, q, qLo) = ExpReduced(a, Vector512<double>.Zero);
        var m = ExpMinusOne(n, q, qLo);
        var z = a * a;
        var nearZero = Vector512<double>.One + Vector512.FusedMultiplyAdd(z * z, CoshPolynomial(z), z * Vector512.Create(0.5));
        var middle = Vector512<double>.One + m * m / ((m + Vector512<double>.One) * Vector512.Create(2d));
        var result = Vector512.ConditionalSelect(Vector512.LessThan(a, Vector512.Create(HyperbolicLargeLimit)), middle, HalfExp(n, q, qLo));
        result = Vector512.ConditionalSelect(Vector512.LessThan(a, Vector512<double>.One), nearZero, result);
        return KeepNaN(x, result);
    }

    [MethodImpl(Inline)]
    public static Vector512<float> Expm1(Vector512<float> x) =>
        Vector512.Narrow(Expm1(Vector512.WidenLower(x)), Expm1(Vector512.WidenUpper(x)));

    [MethodImpl(Inline)]
    public static Vector512<float> Sinh(Vector512<float> x) =>
        Vector512.Narrow(Sinh(Vector512.WidenLower(x)), Sinh(Vector512.WidenUpper(x)));

    [MethodImpl(Inline)]
    public static Vector512<float> Cosh(Vector512<float> x) =>
        Vector512.Narrow(Cosh(Vector512.WidenLower(x)), Cosh(Vector512.WidenUpper(x)));

    /// <summary>
    /// e^(hi + lo) = 2^n (1 + q + qLo) for |hi| &lt;= 711 and |lo| tiny beside hi: n in the low bits of an int64 (as
    /// the rounding shift leaves it) and e^r - 1 as q + qLo. r = hi - n ln2 + lo; hi - n Ln2Hi is exact (both are
    /// multiples of 2^-54 and the difference is below 1/2), and the rounding of the rest is carried as c:
    /// e^(r + c) - 1 = q + c (1 + q). qLo holds what the last additions rounded off, so that 2^n (1 + q) - 1 keeps
    /// its precision where the two terms nearly cancel (n = 1 and r &lt; 0).
    /// </summary>
    [MethodImpl(Inline)]
    private static (Vector512<long> N, Vector512<double> Q, Vector512<double> QLo) ExpReduced(Vector512<double> hi, Vector512<double> lo)
    {
        var shifted = Vector512.FusedMultiplyAdd(hi, Vector512.Create(Log2E), Vector512.Create(RoundingShift));
        var n = shifted - Vector512.Create(RoundingShift);
        var r1 = Vector512.FusedMultiplyAdd(-n, Vector512.Create(Ln2Hi), hi);
        var tail = Vector512.FusedMultiplyAdd(-n, Vector512.Create(Ln2Lo), lo);
        var (r, c) = TwoSum(r1, tail);
        var z = r * r;
        var zLo = Vector512.FusedMultiplyAdd(r, r, -z);
        var w = Vector512.FusedMultiplyAdd(z, Vector512.Create(0.5), z * r * Expm1Polynomial(r));
        var q = r + w;
        var qLo = ((r - q) + w) + Vector512.FusedMultiplyAdd(zLo, Vector512.Create(0.5), c * (q + Vector512<double>.One)); // |w| < |r| / 5
        return (shifted.AsInt64(), q, qLo);
    }

    /// <summary>2^k as a float64 for k + 1023 in [1, 2047] (2047 gives inf), k in the low bits as <see cref="ExpReduced"/> leaves n.</summary>
    [MethodImpl(Inline)]
    private static Vector512<double> TwoToThe(Vector512<long> kBits, long add) =>
        ((kBits + Vector512.Create(1023 + add)) << 52).AsDouble();

    /// <summary>2^n (1 + q + qLo) - 1 = 2 (2^(n-1) (q + qLo) + (2^(n-1) - 1/2)); 2^(n-1) - 1/2 is exact for n &gt;= -52.</summary>
    [MethodImpl(Inline)]
    private static Vector512<double> ExpMinusOne(Vector512<long> n, Vector512<double> q, Vector512<double> qLo)
    {
        var half = TwoToThe(n, -1);
        return ScaledSum(half, q, qLo, half - Vector512.Create(0.5)) * Vector512.Create(2d);
    }

    /// <summary>2^n (1 + q + qLo) / 2, in two exact power-of-two steps so that n up to 1025 gives a finite result where it is one.</summary>
    [MethodImpl(Inline)]
    private static Vector512<double> HalfExp(Vector512<long> n, Vector512<double> q, Vector512<double> qLo)
    {
        var quarter = TwoToThe(n, -2);
        return ScaledSum(quarter, q, qLo, quarter) * Vector512.Create(2d);
    }

    /// <summary>2^n (1 + q + qLo) for |n| &lt;= 1021 (pow and erf keep their exponents within that).</summary>
    [MethodImpl(Inline)]
    private static Vector512<double> ScaledExp(Vector512<long> n, Vector512<double> q, Vector512<double> qLo)
    {
        var half = TwoToThe(n, -1);
        return ScaledSum(half, q, qLo, half) * Vector512.Create(2d);
    }

    /// <summary>
    /// scale (q + qLo) + constant rounded once but for qLo's tiny share: scale is a power of two, so scale q is exact
    /// and its sum with the constant is split exactly by a two-sum.
    /// </summary>
    [MethodImpl(Inline)]
    private static Vector512<double> ScaledSum(Vector512<double> scale, Vector512<double> q, Vector512<double> qLo, Vector512<double> constant)
    {
        var (sum, error) = TwoSum(scale * q, constant);
        return sum + Vector512.FusedMultiplyAdd(scale, qLo, error);
    }

    /// <summary>(e^r - 1 - r - r^2/2) / r^3 on |r| &lt;= ln2/2 (minimax: PolynomialCoefficients).</summary>
    [MethodImpl(Inline)]
    private static Vector512<double> Expm1Polynomial(Vector512<double> r) =>
        Horner(r, PolynomialCoefficients.Expm1);

    /// <summary>(sinh a - a) / a^3 in z = a^2 for a &lt;= 1 (minimax: PolynomialCoefficients, relative error 2^-56).</summary>
    [MethodImpl(Inline)]
    private static Vector512<double> SinhPolynomial(Vector512<double> z) =>
        Horner(z, PolynomialCoefficients.Sinh);

    /// <summary>(cosh a - 1 - a^2/2) / a^4 in z = a^2 for a &lt;= 1 (minimax: PolynomialCoefficients, relative error 2^-58).</summary>
    [MethodImpl(Inline)]
    private static Vector512<double> CoshPolynomial(Vector512<double> z) =>
        Horner(z, PolynomialCoefficients.Cosh);

    /// <summary>The polynomial with <paramref name="coefficients"/> (highest degree first) at x, by Horner's rule: one
    /// fused multiply-add per coefficient, in the order the routines' error bounds were measured with.</summary>
    [MethodImpl(Inline)]
    private static Vector512<double> Horner(Vector512<double> x, double[] coefficients)
    {
        var p = Vector512.Create(coefficients[0]);
        for (var i = 1; i < coefficients.Length; i++) p = Vector512.FusedMultiplyAdd(p, x, Vector512.Create(coefficients[i]));
        return p;
    }

    /// <summary>a + b = s + e exactly (Knuth's two-sum: no assumption on which is larger).</summary>
    [MethodImpl(Inline)]
    private static (Vector512<double> Sum, Vector512<double> Error) TwoSum(Vector512<double> a, Vector512<double> b)
    {
        var s = a + b;
        var bPart = s - a;
        return (s, (a - (s - bPart)) + (b - bPart));
    }

    [MethodImpl(Inline)]
    private static Vector512<double> WhereTiny(Vector512<double> x, Vector512<double> tiny, Vector512<double> result) =>
        Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(x), Vector512.Create(TinyArgument)), tiny, result);

    /// <summary>The result, with x's NaN where x is NaN (the clamps above may have turned it into a number).</summary>
    [MethodImpl(Inline)]
    private static Vector512<double> KeepNaN(Vector512<double> x, Vector512<double> result) =>
        Vector512.ConditionalSelect(Vector512.Equals(x, x), result, x);
}
