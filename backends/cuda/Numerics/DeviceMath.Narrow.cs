namespace JaxNet.Backends.Cuda.Numerics;

/// <summary>
/// exp, log, log1p, expm1, tanh and the logistic function for results that are rounded to float32 or narrower.
/// The float64 versions are faithful to about an ulp of a double: double-double arithmetic (log, tanh near 0),
/// degree-17 series and bit-level scaling near the double range's ends (exp). A float32 result needs a relative
/// error far below half its ulp (3e-8), which plain double arithmetic with shorter series gives at about 1e-12. So
/// these skip those steps (and the out parameters ILGPU would keep in local memory): a float32 kernel compiles to
/// a fraction of the float64 one's instructions, with the same float32 result except, rarely, at a double rounding.
/// </summary>
internal static partial class DeviceMath
{
    /// <summary>ln x: x = m 2^e with m in [sqrt(1/2), sqrt(2)), ln m = 2 atanh(s), s = (m - 1)/(m + 1), |s| &lt; 0.172;
    /// the atanh series to s^13 (the next term is below 1.5e-12 relative, against float32's 6e-8).</summary>
    public static double LogNarrow(double x)
    {
        if (LogSpecial(x, out var special)) return special;
        var bits = ToBits(x);
        var biased = (int)(bits >> 52);
        if (biased == 0)
        {
            // A subnormal: scale by 2^54 (exact) so its exponent is in the bits.
            bits = ToBits(x * 18014398509481984.0);
            biased = (int)(bits >> 52) - 54;
        }
        var e = biased - 1023;
        var m = FromBits((bits & MantissaMask) | OneBits);
        if (m > 1.4142135623730951)
        {
            m *= 0.5;
            e += 1;
        }
        var f = m - 1.0;
        var s = f / (2.0 + f);
        var z = s * s;
        var series = 2.0 * s + 2.0 * s * z * (0.3333333333333333 + z * (0.2 + z * (0.14285714285714285
            + z * (0.1111111111111111 + z * (0.09090909090909091 + z * 0.07692307692307693)))));
        return e * Ln2 + series;
    }

    /// <summary>
    /// e^x: x = k ln2 + r with |r| &lt;= ln2/2 and e^r - 1 to degree 10 (the next term is below 2e-12 relative),
    /// scaled by 2^k in one multiply: a float32 result's whole range, subnormals included (2^-149 and up), is a
    /// normal double, so the bit-level scaling the float64 version needs near its own limits is not needed here.
    /// </summary>
    public static double ExpNarrow(double x)
    {
        if (IsNaN(x)) return x;
        if (x > 89.0) return double.PositiveInfinity;
        if (x < -104.0) return 0.0;
        var k = (x * Log2E + RoundingShift) - RoundingShift;
        var r = (x - k * Ln2Hi) - k * Ln2Lo;
        return (1.0 + (r + ShortExpm1Tail(r))) * Pow2((int)k);
    }

    /// <summary>e^r - 1 - r to degree 10, for |r| &lt;= 0.35.</summary>
    private static double ShortExpm1Tail(double r) =>
        r * r * (0.5 + r * (0.16666666666666666 + r * (0.041666666666666664 + r * (0.008333333333333333
        + r * (0.001388888888888889 + r * (0.0001984126984126984 + r * (2.48015873015873e-05
        + r * (2.7557319223985893e-06 + r * 2.755731922398589e-07))))))));

    /// <summary>1 / (1 + e^-x) through t = e^-|x| &lt;= 1, so one exp serves both signs and never overflows (e^-x
    /// would leave <see cref="ExpNarrow"/>'s range while the result is still a float32 subnormal): 1 / (1 + t) for
    /// x &gt;= 0, t / (1 + t) below.</summary>
    public static double LogisticNarrow(double x)
    {
        var t = ExpNarrow(-Math.Abs(x));
        return (x >= 0.0 ? 1.0 : t) / (1.0 + t);
    }

    /// <summary>log(1 + x): Kahan's trick (the rounding of 1 + x cancels) over <see cref="LogNarrow"/>.</summary>
    public static double Log1pNarrow(double x)
    {
        var u = 1.0 + x;
        if (u == 1.0) return x;
        if (IsNaNOrInfinity(u) || u <= 0) return LogNarrow(u);
        return LogNarrow(u) * (x / (u - 1.0));
    }

    /// <summary>e^x - 1: the series near 0, e^x - 1 elsewhere (no cancellation worth a float32 ulp).</summary>
    public static double Expm1Narrow(double x)
    {
        if (IsNaN(x)) return x;
        if (Math.Abs(x) < 1e-300) return x; // keeps -0: e^x - 1 rounds to x
        if (x > 40.0) return ExpNarrow(x);
        if (x < -40.0) return -1.0;
        return Math.Abs(x) < 0.35 ? x + ShortExpm1Tail(x) : ExpNarrow(x) - 1.0;
    }

    /// <summary>tanh x = t / (t + 2) with t = e^(2|x|) - 1.</summary>
    public static double TanhNarrow(double x)
    {
        if (IsNaN(x)) return x;
        var a = Math.Abs(x);
        if (a < 1e-9) return x;
        double r;
        if (a >= 22.0) r = 1.0;
        else
        {
            var t = Expm1Narrow(2.0 * a);
            r = t / (t + 2.0);
        }
        return x < 0.0 ? -r : r;
    }
}
