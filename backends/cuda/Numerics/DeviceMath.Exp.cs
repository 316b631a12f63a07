namespace JaxNet.Backends.Cuda.Numerics;

/// <summary>
/// exp, exp2 and expm1: x = k ln2 + r (Cody-Waite, ln2 in two parts) with |r| &lt;= ln2/2, the Taylor series of
/// e^r - 1 to degree 17 (truncation below 2^-75), and the scaling by 2^k done in the bits (<see cref="Ldexp"/>),
/// so results next to the overflow threshold and subnormal results are accurate. expm1 is also available as a
/// double-double (<see cref="Expm1DoubleDouble"/>) for tanh.
/// </summary>
internal static partial class DeviceMath
{
    /// <summary>ln 2 = Ln2Hi + Ln2Lo; Ln2Hi has 32 significant bits, so k * Ln2Hi is exact for |k| &lt; 2^21.</summary>
    private const double Ln2Hi = 0.6931471803691238;
    private const double Ln2Lo = 1.9082149292705877e-10;

    /// <summary>ln 2 as a double-double (nearest double and the remainder).</summary>
    private const double Ln2 = 0.6931471805599453;
    private const double Ln2Tail = 2.3190468138462996e-17;

    private const double Log2E = 1.4426950408889634;

    /// <summary>Adding and subtracting 1.5 * 2^52 rounds a double of magnitude below 2^51 to an integer.</summary>
    private const double RoundingShift = 6755399441055744.0;

    /// <summary>
    /// e^r - 1 by its Taylor series, for |r| &lt;= 0.35 (degree 17: the next term is below 2^-75 |r|), as
    /// r + r^2 (1/2 + ...) so the leading term is exact and the rounding of the rest stays below a fifth of an ulp.
    /// </summary>
    private static double Expm1Series(double r) => r + Expm1Tail(r);

    /// <summary>e^r - 1 - r, for |r| &lt;= 0.35.</summary>
    private static double Expm1Tail(double r) =>
        r * r * (0.5 + r * (0.16666666666666666 + r * (0.041666666666666664 + r * (0.008333333333333333
        + r * (0.001388888888888889 + r * (0.0001984126984126984 + r * (2.48015873015873e-05
        + r * (2.7557319223985893e-06 + r * (2.755731922398589e-07 + r * (2.505210838544172e-08
        + r * (2.08767569878681e-09 + r * (1.6059043836821613e-10 + r * (1.1470745597729725e-11
        + r * (7.647163731819816e-13 + r * (4.779477332387385e-14 + r * 2.8114572543455206e-15)))))))))))))));

    /// <summary>e^(hi + lo) for a double-double argument with |lo| tiny next to |hi|.</summary>
    private static double ExpDoubleDouble(double hi, double lo)
    {
        if (IsNaN(hi)) return hi;
        if (hi > 710.0) return double.PositiveInfinity;
        if (hi < -746.0) return 0.0;
        var k = (hi * Log2E + RoundingShift) - RoundingShift;
        var r = (hi - k * Ln2Hi) - k * Ln2Lo + lo;
        return Ldexp(1.0 + Expm1Series(r), (int)k);
    }

    /// <summary>e^x.</summary>
    public static double Exp(double x) => ExpDoubleDouble(x, 0.0);

    /// <summary>2^x; exact for integer x.</summary>
    public static double Exp2(double x)
    {
        if (IsNaN(x)) return x;
        if (x >= 1025.0) return double.PositiveInfinity;
        if (x <= -1080.0) return 0.0;
        var k = (x + RoundingShift) - RoundingShift;
        var f = x - k; // exact, |f| <= 1/2
        var hi = TwoProduct(f, Ln2, out var lo);
        var r = hi + (lo + f * Ln2Tail);
        return Ldexp(1.0 + Expm1Series(r), (int)k);
    }

    /// <summary>
    /// e^x - 1 = hi + lo for |x| &lt;= 40, without cancellation: the series directly for |x| &lt; 0.35, else
    /// 2^k (e^r - 1) + (2^k - 1) with every term exact in binary, so only the series' own rounding remains.
    /// </summary>
    private static double Expm1DoubleDouble(double x, out double lo)
    {
        if (Math.Abs(x) < 0.35) return FastTwoSum(x, Expm1Tail(x), out lo);
        var k = (x * Log2E + RoundingShift) - RoundingShift;
        var rHi = x - k * Ln2Hi; // exact: k * Ln2Hi is exact and close to x
        var r = TwoSum(rHi, -(k * Ln2Lo), out var rTail);
        // e^(r + rTail) - 1 = r + (tail(r) + rTail e^r), with e^r ~ 1 + r far below an ulp.
        var pLo = Expm1Tail(r) + rTail * (1.0 + r);
        var scale = Pow2((int)k);
        var scaleMinusOne = TwoSum(scale, -1.0, out var e1);
        var hi = TwoSum(scale * r, scaleMinusOne, out var e2);
        lo = e1 + e2 + scale * pLo;
        return FastTwoSum(hi, lo, out lo);
    }

    /// <summary>e^x - 1, accurate near 0 (where e^x - 1 would cancel) and everywhere else.</summary>
    public static double Expm1(double x)
    {
        if (IsNaN(x)) return x;
        if (Math.Abs(x) < 1e-300) return x; // keeps -0 and subnormals, where e^x - 1 rounds to x
        if (x > 40.0) return Exp(x); // e^x - 1 rounds to e^x
        if (x < -40.0) return -1.0;
        var hi = Expm1DoubleDouble(x, out var lo);
        return hi + lo;
    }
}
