namespace JaxNet.Backends.Cuda.Numerics;

/// <summary>
/// log, log2, log10 and log1p: x = m 2^e with m in [sqrt(1/2), sqrt(2)) (exponent read from the bits, so subnormals are
/// exact), and ln m = 2 atanh(s), s = (m - 1)/(m + 1), |s| &lt; 0.172, with s and the leading cubic term in
/// double-double. ln x comes out as a double-double with an absolute error near 2^-66, which pow relies on.
/// </summary>
internal static partial class DeviceMath
{
    private const double TwoThirds = 0.6666666666666666;
    private const double TwoThirdsTail = 3.700743415417188e-17;
    private const double Log2ETail = 2.0355273740931033e-17;
    private const double Log10E = 0.4342944819032518;
    private const double Log10ETail = 1.098319650216765e-17;

    /// <summary>ln m for m in [sqrt(1/2), sqrt(2)) as hi + lo.</summary>
    private static double LogMantissa(double m, out double lo)
    {
        var f = m - 1.0; // exact (Sterbenz)
        var dHi = TwoSum(2.0, f, out var dLo); // m + 1 = dHi + dLo exactly
        var sHi = f / dHi;
        var pHi = TwoProduct(sHi, dHi, out var pLo);
        var sLo = (((f - pHi) - pLo) - sHi * dLo) / dHi; // s = sHi + sLo to ~2^-106
        // s^2 and s^3 in double-double; the cubic term 2/3 s^3 in double-double, the rest (below 2^-14) in double.
        var s2Hi = TwoProduct(sHi, sHi, out var s2Lo);
        s2Lo += 2.0 * sHi * sLo;
        var s3Hi = TwoProduct(s2Hi, sHi, out var s3Lo);
        s3Lo += s2Hi * sLo + s2Lo * sHi;
        var cubicHi = TwoProduct(s3Hi, TwoThirds, out var cubicLo);
        cubicLo += s3Hi * TwoThirdsTail + s3Lo * TwoThirds;
        var z = s2Hi;
        var rest = s3Hi * z * (0.4 + z * (0.2857142857142857 + z * (0.2222222222222222 + z * (0.18181818181818182
            + z * (0.15384615384615385 + z * (0.13333333333333333 + z * (0.11764705882352941 + z * (0.10526315789473684
            + z * (0.09523809523809523 + z * (0.08695652173913043 + z * 0.08))))))))));
        // 2s + cubic + rest, largest first.
        var hi = TwoSum(2.0 * sHi, cubicHi, out var lo1);
        lo = lo1 + (2.0 * sLo + cubicLo + rest);
        return FastTwoSum(hi, lo, out lo);
    }

    /// <summary>ln x = hi + lo for finite positive x (subnormals too); the exponent is returned for log2.</summary>
    private static double LogDoubleDouble(double x, out double lo)
    {
        var m = Frexp(x, out var e);
        if (m > 1.4142135623730951) { m *= 0.5; e += 1; }
        var lnHi = LogMantissa(m, out var lnLo);
        var de = (double)e;
        var hi = TwoSum(de * Ln2Hi, lnHi, out var err);
        lo = err + (lnLo + de * Ln2Lo);
        return FastTwoSum(hi, lo, out lo);
    }

    /// <summary>NaN for NaN and x &lt; 0, -inf for ±0, +inf for +inf; else null (a finite positive x).</summary>
    private static bool LogSpecial(double x, out double result)
    {
        result = x;
        if (IsNaN(x)) return true;
        if (IsZero(x)) { result = double.NegativeInfinity; return true; }
        if (SignBit(x)) { result = double.NaN; return true; }
        return IsInfinity(x);
    }

    /// <summary>Natural logarithm.</summary>
    public static double Log(double x) => LogSpecial(x, out var special) ? special : LogDoubleDouble(x, out _);

    /// <summary>Base-2 logarithm: e + ln m * log2(e) in double-double, so powers of two give their exact exponent.</summary>
    public static double Log2(double x)
    {
        if (LogSpecial(x, out var special)) return special;
        var m = Frexp(x, out var e);
        if (m > 1.4142135623730951) { m *= 0.5; e += 1; }
        var lnHi = LogMantissa(m, out var lnLo);
        var pHi = TwoProduct(lnHi, Log2E, out var pLo);
        pLo += lnHi * Log2ETail + lnLo * Log2E;
        var hi = TwoSum(e, pHi, out var err);
        return hi + (err + pLo);
    }

    /// <summary>Base-10 logarithm: ln x times log10(e), both in double-double.</summary>
    public static double Log10(double x)
    {
        if (LogSpecial(x, out var special)) return special;
        var lnHi = LogDoubleDouble(x, out var lnLo);
        var pHi = TwoProduct(lnHi, Log10E, out var pLo);
        return pHi + (pLo + (lnHi * Log10ETail + lnLo * Log10E));
    }

    /// <summary>ln(1 + x): 1 + x as an exact two-sum u + err, then ln u + err / u.</summary>
    public static double Log1p(double x)
    {
        if (IsNaN(x)) return x;
        if (Math.Abs(x) < 1e-17) return x; // keeps -0 and subnormals
        if (x == -1.0) return double.NegativeInfinity;
        if (x < -1.0) return double.NaN;
        if (IsInfinity(x)) return x;
        var u = TwoSum(1.0, x, out var err);
        var lHi = LogDoubleDouble(u, out var lLo);
        return lHi + (lLo + err / u);
    }
}
