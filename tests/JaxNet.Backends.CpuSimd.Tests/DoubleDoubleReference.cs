namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// Reference values for functions .NET's Math lacks, from series summed in double-double arithmetic (about 100
/// bits), so the rounded result is the correctly rounded one but for rare ties: expm1 and tanh for |x| &lt;= 2 (the
/// C library's tanh is itself up to an ulp off: tanh(0.21199682970158662) is 0.2088770028611787, Math gives
/// 0.20887700286117872), erf for |x| &lt;= 2.5, 2^x and x^y for normal results, log and log1p, asinh, acosh, atanh and cbrt. Deliberately independent of the backend's own routines.
/// </summary>
internal static class DoubleDoubleReference
{
    // 2/sqrt(pi) as hi + lo.
    private const double TwoOverSqrtPiHi = 1.1283791670955126;
    private const double TwoOverSqrtPiLo = 1.533545961316588e-17;

    /// <summary>e^x - 1 = sum x^k / k! for |x| &lt;= 2 (the terms shrink by x/k; 40 of them reach 2^-110).</summary>
    public static double Expm1(double x)
    {
        var (hi, lo) = Expm1Pair(x);
        return hi + lo;
    }

    // ln 2 as hi + lo (lo to 2^-107).
    private const double Ln2Hi = 0.6931471805599453;
    private const double Ln2Lo = 2.3190468138462996e-17;

    /// <summary>
    /// 2^x = 2^n 2^f with n = round(x) and f = x - n (exact), 2^f = e^t with t = f ln 2 as a double-double
    /// (t + tLo) and e^(t + tLo) = (1 + expm1 t)(1 + tLo) (tLo^2 is below 2^-108). For results of at least 2^-1022:
    /// the final scaling by 2^n is exact there.
    /// </summary>
    public static double Exp2(double x)
    {
        var (hi, lo) = Exp2Pair(x);
        return hi + lo;
    }

    /// <summary>2^x as a double-double, for results of at least 2^-1022 (see <see cref="Exp2(double)"/>).</summary>
    public static (double Hi, double Lo) Exp2Pair(double x)
    {
        var n = Math.Round(x);
        var f = x - n;
        var t = f * Ln2Hi;
        var tLo = Math.FusedMultiplyAdd(f, Ln2Hi, -t) + f * Ln2Lo;
        var power = Add((1, 0), Expm1Pair(t));
        var result = Add(power, Multiply(power, tLo));
        return (Math.ScaleB(result.Hi, (int)n), Math.ScaleB(result.Lo, (int)n));
    }

    /// <summary>
    /// x^y for x &gt; 0 as a double-double: z = y log x with log x in double-double (about 2^-100 relative, so 2^-90 of
    /// z up to 708), n = round(z / ln 2), and e^(z - n ln 2) = (1 + expm1 of its head)(1 + its tail) (|z - n ln 2|
    /// &lt;= 0.35, its tail's square below 2^-106), returned unscaled with n: near 2^-1022 the tail scaled by 2^n
    /// would round to the result's own last place.
    /// </summary>
    public static (double Hi, double Lo, int Exponent) PowPair(double x, double y)
    {
        var z = Multiply(Log((x, 0)), y);
        var n = Math.Round(z.Hi / Ln2Hi);
        var r = Add(z, Multiply((Ln2Hi, Ln2Lo), -n));
        var power = Add((1, 0), Expm1Pair(r.Hi));
        var result = Add(power, Multiply(power, r.Lo));
        return (result.Hi, result.Lo, (int)n);
    }

    /// <summary>
    /// asinh x: the odd series sum (-1)^n (2n)! / (4^n n!^2 (2n+1)) x^(2n+1) for |x| &lt;= 1/8 (each term at most 1/64
    /// of the one before), log(|x| + sqrt(x^2 + 1)) in double-double up to 2^60 and log |x| + ln 2 beyond (1/(4x^2)
    /// is below 2^-120 there).
    /// </summary>
    public static double Asinh(double x)
    {
        var (hi, lo) = AsinhPair(x);
        return Math.CopySign(hi + lo, x);
    }

    /// <summary>asinh |x| as a double-double (its sign is the caller's to apply).</summary>
    public static (double Hi, double Lo) AsinhPair(double x)
    {
        var a = Math.Abs(x);
        (double Hi, double Lo) result;
        if (a <= 0.125)
        {
            var square = (a * a, Math.FusedMultiplyAdd(a, a, -(a * a)));
            (double Hi, double Lo) term = (a, 0);
            result = term;
            for (var n = 1; n <= 30; n++)
            {
                term = Divide(Multiply(Multiply(term, square), -(2 * n - 1) * (2 * n - 1)), 2 * n * (2 * n + 1));
                result = Add(result, term);
            }
        }
        else if (a <= 1.152921504606847e18)
        {
            var radicand = Add((a * a, Math.FusedMultiplyAdd(a, a, -(a * a))), (1, 0));
            result = Log(Add(Sqrt(radicand), (a, 0)));
        }
        else result = Add(Log((a, 0)), (Ln2Hi, Ln2Lo));
        return result;
    }

    /// <summary>acosh x = log(x + sqrt(x^2 - 1)) in double-double (x^2 - 1 exact) up to 2^60, log x + ln 2 beyond.</summary>
    public static double Acosh(double x)
    {
        var (hi, lo) = AcoshPair(x);
        return hi + lo;
    }

    /// <summary>acosh x as a double-double.</summary>
    public static (double Hi, double Lo) AcoshPair(double x)
    {
        if (!(x >= 1)) return (double.NaN, 0);
        if (x == 1) return (0, 0); // the root's correction below would be 0/0
        if (double.IsPositiveInfinity(x)) return (x, 0);
        var result = x <= 1.152921504606847e18
            ? Log(Add(Sqrt(Add((x * x, Math.FusedMultiplyAdd(x, x, -(x * x))), (-1, 0))), (x, 0)))
            : Add(Log((x, 0)), (Ln2Hi, Ln2Lo));
        return result;
    }

    /// <summary>atanh x: the odd series sum x^(2n+1) / (2n+1) for |x| &lt;= 1/8, (log(1 + |x|) - log(1 - |x|)) / 2 in double-double above.</summary>
    public static double Atanh(double x)
    {
        var (hi, lo) = AtanhPair(x);
        return Math.CopySign(hi + lo, x);
    }

    /// <summary>atanh |x| as a double-double (its sign is the caller's to apply).</summary>
    public static (double Hi, double Lo) AtanhPair(double x)
    {
        var a = Math.Abs(x);
        if (a > 1) return (double.NaN, 0);
        if (a == 1) return (double.PositiveInfinity, 0);
        (double Hi, double Lo) result;
        if (a <= 0.125)
        {
            var square = (a * a, Math.FusedMultiplyAdd(a, a, -(a * a)));
            (double Hi, double Lo) power = (a, 0);
            result = power;
            for (var n = 1; n <= 30; n++)
            {
                power = Multiply(power, square);
                result = Add(result, Divide(power, 2 * n + 1));
            }
        }
        else result = Multiply(Add(Log(Add((1, 0), (a, 0))), Multiply(Log(Add((1, 0), (-a, 0))), -1)), 0.5);
        return result;
    }

    /// <summary>log(1 + x) for x &gt; -1: 1 + x is exact as a double-double, and its log's series needs no other care near 0.</summary>
    public static double Log1p(double x)
    {
        var (hi, lo) = Log1pPair(x);
        return x == 0 ? x : hi + lo;
    }

    /// <summary>log(1 + x) as a double-double; below 2^-60, x - x^2/2 (the series' halving would lose a subnormal x's last bit).</summary>
    public static (double Hi, double Lo) Log1pPair(double x)
    {
        if (x == -1) return (double.NegativeInfinity, 0);
        if (!(x > -1)) return (double.NaN, 0);
        if (double.IsPositiveInfinity(x)) return (x, 0);
        if (Math.Abs(x) < 8.673617379884035e-19) return (x, -0.5 * x * x);
        return Log(Add((1, 0), (x, 0)));
    }

    /// <summary>log v = e ln 2 + 2 atanh s, v = 2^e m with m in [sqrt(1/2), sqrt(2)), s = (m - 1) / (m + 1), by its series.</summary>
    public static (double Hi, double Lo) Log((double Hi, double Lo) v)
    {
        var e = Math.ILogB(v.Hi);
        if (Math.ScaleB(v.Hi, -e) >= Math.Sqrt(2)) e++;
        (double Hi, double Lo) m = (Math.ScaleB(v.Hi, -e), Math.ScaleB(v.Lo, -e));
        var s = Divide(Add(m, (-1, 0)), Add(m, (1, 0)));
        var square = Multiply(s, s);
        (double Hi, double Lo) power = s, sum = s;
        for (var k = 1; k <= 40; k++)
        {
            power = Multiply(power, square);
            sum = Add(sum, Divide(power, 2 * k + 1));
        }
        return Add(Multiply(sum, 2), Multiply((Ln2Hi, Ln2Lo), e));
    }

    private static (double Hi, double Lo) Sqrt((double Hi, double Lo) v)
    {
        var root = Math.Sqrt(v.Hi);
        var lo = (Math.FusedMultiplyAdd(-root, root, v.Hi) + v.Lo) / (2 * root);
        var hi = root + lo;
        return (hi, lo - (hi - root));
    }

    private static (double Hi, double Lo) Divide((double Hi, double Lo) a, (double Hi, double Lo) b)
    {
        var q = a.Hi / b.Hi;
        var residual = Add(a, Multiply(b, -q));
        var lo = (residual.Hi + residual.Lo) / b.Hi;
        var hi = q + lo;
        return (hi, lo - (hi - q));
    }

    /// <summary>tanh x = m / (m + 2) with m = e^(2x) - 1, for |x| &lt;= 1.</summary>
    public static double Tanh(double x)
    {
        var m = Expm1Pair(2 * x);
        var d = Add(m, (2, 0));
        var q = m.Hi / d.Hi;
        var residual = Add(m, Multiply(d, -q));
        return q + (residual.Hi + residual.Lo) / d.Hi;
    }

    private static (double Hi, double Lo) Expm1Pair(double x)
    {
        if (Math.Abs(x) > 2) throw new ArgumentOutOfRangeException(nameof(x));
        (double Hi, double Lo) term = (x, 0), sum = (x, 0);
        for (var k = 2; k <= 40; k++)
        {
            term = Divide(Multiply(term, x), k);
            sum = Add(sum, term);
        }
        return sum;
    }

    /// <summary>erf x = 2/sqrt(pi) sum (-1)^n x^(2n+1) / (n! (2n+1)) for |x| &lt;= 2.5 (at most 11 bits lost to cancellation).</summary>
    public static double Erf(double x)
    {
        var (hi, lo) = ErfPair(x);
        return hi + lo;
    }

    /// <summary>erf x as a double-double (Erf's series unrounded), for |x| &lt;= 2.5.</summary>
    public static (double Hi, double Lo) ErfPair(double x)
    {
        if (Math.Abs(x) > 2.5) throw new ArgumentOutOfRangeException(nameof(x));
        var square = (x * x, Math.FusedMultiplyAdd(x, x, -(x * x)));
        (double Hi, double Lo) power = (x, 0), sum = (x, 0);
        for (var n = 1; n <= 120; n++)
        {
            power = Divide(Multiply(power, square), -n); // (-1)^n x^(2n+1) / n!
            sum = Add(sum, Divide(power, 2 * n + 1));
        }
        return Multiply(sum, (TwoOverSqrtPiHi, TwoOverSqrtPiLo));
    }

    /// <summary>The cube root: Math.Cbrt's value r corrected by one Newton step on r^3 - x taken exactly (double-double), for normal x.</summary>
    public static double Cbrt(double x)
    {
        // Scaled by 2^-300 or 2^300 first where r^3 would leave the normal range.
        if (Math.Abs(x) > 1e290) return Math.ScaleB(Cbrt(Math.ScaleB(x, -300)), 100);
        if (Math.Abs(x) < 1e-290 && x != 0) return Math.ScaleB(Cbrt(Math.ScaleB(x, 300)), -100);
        var r = Math.Cbrt(x);
        if (x == 0 || !double.IsFinite(x)) return r;
        var cube = Multiply((r * r, Math.FusedMultiplyAdd(r, r, -(r * r))), r);
        var residual = (cube.Hi - x) + cube.Lo;
        return r - residual / (3 * r * r);
    }

    private static (double Hi, double Lo) Add((double Hi, double Lo) a, (double Hi, double Lo) b)
    {
        var s = a.Hi + b.Hi;
        var v = s - a.Hi;
        var error = (a.Hi - (s - v)) + (b.Hi - v) + a.Lo + b.Lo;
        var hi = s + error;
        return (hi, error - (hi - s));
    }

    private static (double Hi, double Lo) Multiply((double Hi, double Lo) a, double b) => Multiply(a, (b, 0));

    private static (double Hi, double Lo) Multiply((double Hi, double Lo) a, (double Hi, double Lo) b)
    {
        var p = a.Hi * b.Hi;
        var error = Math.FusedMultiplyAdd(a.Hi, b.Hi, -p) + a.Hi * b.Lo + a.Lo * b.Hi;
        var hi = p + error;
        return (hi, error - (hi - p));
    }

    private static (double Hi, double Lo) Divide((double Hi, double Lo) a, double b)
    {
        var q = a.Hi / b;
        var residual = Math.FusedMultiplyAdd(-q, b, a.Hi) + a.Lo;
        var lo = residual / b;
        var hi = q + lo;
        return (hi, lo - (hi - q));
    }
}
