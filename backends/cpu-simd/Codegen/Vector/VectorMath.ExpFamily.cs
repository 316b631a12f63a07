using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// float64 expm1, tanh, sinh and cosh whose every lane depends on that lane's input alone (they were computed lane by
/// lane with Math). All stand on <see cref="ExpReduced"/>: x = n ln2 + r with |r| &lt;= ln2/2, r's rounding error
/// kept apart, and e^r - 1 = r + r^2/2 + r^3 P(r) with a degree-9 minimax P fitted for these routines (relative error
/// 2^-60), so nothing is lost to cancellation for small x. The results come from 2^n and e^r - 1 without subtracting
/// 1 from e^x; sinh and cosh below 1 have their own polynomials. float32 has its own sinh and cosh
/// (VectorMath.Float32ExpFamily.cs). Measured against Math
/// (tests/JaxNet.Backends.CpuSimd.Tests/ExpLogFamilyTests.cs): expm1 and tanh within 1 ulp, sinh and cosh within 2.
/// </summary>
internal static unsafe partial class VectorMath<TLanes, TDouble, TLong, TFloat, TInt>
{
    private const double Log2E = 1.4426950408889634;

    // Beyond these |x| tanh rounds to 1, and e^-|x| is below half an ulp of e^|x| for sinh and cosh.
    private const double TanhSaturation = 20d;
    private const double HyperbolicLargeLimit = 22d;

    // Past sinh's and cosh's overflow (710.476) and with n at most 1025, so 2^(n-2) is still finite.
    private const double HyperbolicOverflow = 710.5;

    // Below this |x| expm1 rounds to x (x^2/2 is under half an ulp); the formulas would halve a subnormal x.
    private const double TinyArgument = 5.551115123125783e-17; // 2^-54

    /// <summary>e^x - 1; expm1(x) has x's sign, so -0 stays -0. Below -45 it rounds to -1, above 709.79 it is inf.</summary>
    [MethodImpl(Inline)]
    public static TDouble Expm1(TDouble x)
    {
        var clamped = TLanes.MinNative(TLanes.MaxNative(x, TLanes.Create(-45d)), TLanes.Create(710d));
        var (n, q, qLo) = ExpReduced(clamped, TLanes.Zero);
        return KeepNaN(x, WhereTiny(x, x, TLanes.CopySign(ExpMinusOne(n, q, qLo), x)));
    }

    /// <summary>
    /// tanh |x| = m / (m + 2) with m = e^(2|x|) - 1, the rounding of m + 2 and of the quotient corrected once, so
    /// the result keeps m's accuracy; x's sign.
    /// </summary>
    [MethodImpl(Inline)]
    public static TDouble Tanh(TDouble x)
    {
        var a = TLanes.MinNative(TLanes.Abs(x), TLanes.Create(TanhSaturation));
        var (n, q, qLo) = ExpReduced(TLanes.Add(a, a), TLanes.Zero);
        var m = ExpMinusOne(n, q, qLo);
        var two = TLanes.Create(2d);
        var (d, dLo) = TwoSum(m, two);
        var t = TLanes.Divide(m, d);
        var residual = TLanes.Subtract(TLanes.FusedMultiplyAdd(TLanes.Negate(t), d, m), TLanes.Multiply(t, dLo));
        return KeepNaN(x, TLanes.CopySign(TLanes.Add(t, TLanes.Divide(residual, d)), x));
    }

    /// <summary>sinh |x| = |x| + |x|^3 P(x^2) below 1, (m + m / (m + 1)) / 2 with m = e^|x| - 1 up to 22, e^|x| / 2 beyond; x's sign.</summary>
    [MethodImpl(Inline)]
    public static TDouble Sinh(TDouble x)
    {
        var a = TLanes.MinNative(TLanes.Abs(x), TLanes.Create(HyperbolicOverflow));
        var (n, q, qLo) = ExpReduced(a, TLanes.Zero);
        var m = ExpMinusOne(n, q, qLo);
        var z = TLanes.Multiply(a, a);
        var nearZero = TLanes.FusedMultiplyAdd(TLanes.Multiply(a, z), SinhPolynomial(z), a);
        var middle = TLanes.Multiply(TLanes.Add(m, TLanes.Divide(m, TLanes.Add(m, TLanes.One))), TLanes.Create(0.5));
        var result = TLanes.ConditionalSelect(TLanes.LessThan(a, TLanes.Create(HyperbolicLargeLimit)), middle, HalfExp(n, q, qLo));
        result = TLanes.ConditionalSelect(TLanes.LessThan(a, TLanes.One), nearZero, result);
        return KeepNaN(x, TLanes.CopySign(result, x));
    }

    /// <summary>cosh |x| = 1 + x^2/2 + x^4 Q(x^2) below 1, 1 + m^2 / (2 (m + 1)) with m = e^|x| - 1 up to 22, e^|x| / 2 beyond.</summary>
    [MethodImpl(Inline)]
    public static TDouble Cosh(TDouble x)
    {
        var a = TLanes.MinNative(TLanes.Abs(x), TLanes.Create(HyperbolicOverflow));
        var (n, q, qLo) = ExpReduced(a, TLanes.Zero);
        var m = ExpMinusOne(n, q, qLo);
        var z = TLanes.Multiply(a, a);
        var nearZero = TLanes.Add(TLanes.One, TLanes.FusedMultiplyAdd(TLanes.Multiply(z, z), CoshPolynomial(z), TLanes.Multiply(z, TLanes.Create(0.5))));
        var middle = TLanes.Add(TLanes.One, TLanes.Divide(TLanes.Multiply(m, m), TLanes.Multiply(TLanes.Add(m, TLanes.One), TLanes.Create(2d))));
        var result = TLanes.ConditionalSelect(TLanes.LessThan(a, TLanes.Create(HyperbolicLargeLimit)), middle, HalfExp(n, q, qLo));
        result = TLanes.ConditionalSelect(TLanes.LessThan(a, TLanes.One), nearZero, result);
        return KeepNaN(x, result);
    }

    /// <summary>
    /// e^(hi + lo) = 2^n (1 + q + qLo) for |hi| &lt;= 711 and |lo| tiny beside hi: n in the low bits of an int64 (as
    /// the rounding shift leaves it) and e^r - 1 as q + qLo. r = hi - n ln2 + lo; hi - n Ln2Hi is exact (both are
    /// multiples of 2^-54 and the difference is below 1/2), and the rounding of the rest is carried as c:
    /// e^(r + c) - 1 = q + c (1 + q). qLo holds what the last additions rounded off, so that 2^n (1 + q) - 1 keeps
    /// its precision where the two terms nearly cancel (n = 1 and r &lt; 0).
    /// </summary>
    [MethodImpl(Inline)]
    private static (TLong N, TDouble Q, TDouble QLo) ExpReduced(TDouble hi, TDouble lo)
    {
        var shifted = TLanes.FusedMultiplyAdd(hi, TLanes.Create(Log2E), TLanes.Create(RoundingShift));
        var n = TLanes.Subtract(shifted, TLanes.Create(RoundingShift));
        var r1 = TLanes.FusedMultiplyAdd(TLanes.Negate(n), TLanes.Create(Ln2Hi), hi);
        var tail = TLanes.FusedMultiplyAdd(TLanes.Negate(n), TLanes.Create(Ln2Lo), lo);
        var (r, c) = TwoSum(r1, tail);
        var (q, qLo) = ExpMinusOneOfReduced(r, c);
        return (TLanes.AsInt64(shifted), q, qLo);
    }

    /// <summary>
    /// e^(r + c) - 1 as q + qLo for |r| &lt;= ln2/2 and c within a rounding of r: q + c (1 + q) with
    /// e^r - 1 = r + r^2/2 + r^3 P(r), qLo holding what the last additions rounded off.
    /// </summary>
    [MethodImpl(Inline)]
    private static (TDouble Q, TDouble QLo) ExpMinusOneOfReduced(TDouble r, TDouble c)
    {
        var z = TLanes.Multiply(r, r);
        var zLo = TLanes.FusedMultiplyAdd(r, r, TLanes.Negate(z));
        var w = TLanes.FusedMultiplyAdd(z, TLanes.Create(0.5), TLanes.Multiply(TLanes.Multiply(z, r), Expm1Polynomial(r)));
        var q = TLanes.Add(r, w);
        var qLo = TLanes.Add(TLanes.Add(TLanes.Subtract(r, q), w), TLanes.FusedMultiplyAdd(zLo, TLanes.Create(0.5), TLanes.Multiply(c, TLanes.Add(q, TLanes.One)))); // |w| < |r| / 5
        return (q, qLo);
    }

    /// <summary>2^k as a float64 for k + 1023 in [1, 2047] (2047 gives inf), k in the low bits as <see cref="ExpReduced"/> leaves n.</summary>
    [MethodImpl(Inline)]
    private static TDouble TwoToThe(TLong kBits, long add) =>
        TLanes.AsDouble(TLanes.ShiftLeft(TLanes.Add(kBits, TLanes.Create(1023 + add)), 52));

    /// <summary>2^n (1 + q + qLo) - 1 = 2 (2^(n-1) (q + qLo) + (2^(n-1) - 1/2)); 2^(n-1) - 1/2 is exact for n &gt;= -52.</summary>
    [MethodImpl(Inline)]
    private static TDouble ExpMinusOne(TLong n, TDouble q, TDouble qLo)
    {
        var half = TwoToThe(n, -1);
        return TLanes.Multiply(ScaledSum(half, q, qLo, TLanes.Subtract(half, TLanes.Create(0.5))), TLanes.Create(2d));
    }

    /// <summary>2^n (1 + q + qLo) / 2, in two exact power-of-two steps so that n up to 1025 gives a finite result where it is one.</summary>
    [MethodImpl(Inline)]
    private static TDouble HalfExp(TLong n, TDouble q, TDouble qLo)
    {
        var quarter = TwoToThe(n, -2);
        return TLanes.Multiply(ScaledSum(quarter, q, qLo, quarter), TLanes.Create(2d));
    }

    /// <summary>2^n (1 + q + qLo) for |n| &lt;= 1021 (pow and erf keep their exponents within that).</summary>
    [MethodImpl(Inline)]
    private static TDouble ScaledExp(TLong n, TDouble q, TDouble qLo)
    {
        var half = TwoToThe(n, -1);
        return TLanes.Multiply(ScaledSum(half, q, qLo, half), TLanes.Create(2d));
    }

    /// <summary>
    /// scale (q + qLo) + constant rounded once but for qLo's tiny share: scale is a power of two, so scale q is exact
    /// and its sum with the constant is split exactly by a two-sum.
    /// </summary>
    [MethodImpl(Inline)]
    private static TDouble ScaledSum(TDouble scale, TDouble q, TDouble qLo, TDouble constant)
    {
        var (sum, error) = TwoSum(TLanes.Multiply(scale, q), constant);
        return TLanes.Add(sum, TLanes.FusedMultiplyAdd(scale, qLo, error));
    }

    /// <summary>(e^r - 1 - r - r^2/2) / r^3 on |r| &lt;= ln2/2 (minimax: PolynomialCoefficients).</summary>
    [MethodImpl(Inline)]
    private static TDouble Expm1Polynomial(TDouble r) =>
        Horner(r, PolynomialCoefficients.Expm1);

    /// <summary>(sinh a - a) / a^3 in z = a^2 for a &lt;= 1 (minimax: PolynomialCoefficients, relative error 2^-56).</summary>
    [MethodImpl(Inline)]
    private static TDouble SinhPolynomial(TDouble z) =>
        Horner(z, PolynomialCoefficients.Sinh);

    /// <summary>(cosh a - 1 - a^2/2) / a^4 in z = a^2 for a &lt;= 1 (minimax: PolynomialCoefficients, relative error 2^-58).</summary>
    [MethodImpl(Inline)]
    private static TDouble CoshPolynomial(TDouble z) =>
        Horner(z, PolynomialCoefficients.Cosh);

    [MethodImpl(Inline)]
    private static TDouble WhereTiny(TDouble x, TDouble tiny, TDouble result) =>
        TLanes.ConditionalSelect(TLanes.LessThan(TLanes.Abs(x), TLanes.Create(TinyArgument)), tiny, result);
}
