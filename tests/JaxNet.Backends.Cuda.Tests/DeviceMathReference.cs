using System.Numerics;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>
/// Oracles for the DeviceMath tests: ulp distance, random arguments, and expm1/log1p in 256-bit fixed point
/// (System.Math has neither, and e^x - 1 or log(1 + x) in double is not accurate enough to judge an ulp).
/// </summary>
internal static class DeviceMathReference
{
    private const int FractionBits = 256;

    /// <summary>2^256; fixed-point products divide by it (truncating toward zero, so negative terms vanish too).</summary>
    private static readonly BigInteger One = BigInteger.One << FractionBits;

    /// <summary>
    /// Distance in units in the last place, counting representable doubles between a and b (+0 and -0 are one
    /// point); 0 when both are NaN, infinity when only one is.
    /// </summary>
    public static double UlpDistance(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b)) return double.IsNaN(a) && double.IsNaN(b) ? 0 : double.PositiveInfinity;
        if (a == b) return 0;
        if (double.IsInfinity(a) || double.IsInfinity(b)) return double.PositiveInfinity;
        return Math.Abs((double)((Int128)Ordered(a) - Ordered(b)));
    }

    private static long Ordered(double x)
    {
        var bits = BitConverter.DoubleToInt64Bits(x);
        return bits < 0 ? long.MinValue - bits : bits;
    }

    /// <summary>A double with a uniformly random biased exponent in [minBiased, maxBiased] and random mantissa.</summary>
    public static double LogUniform(Random rng, int minBiased, int maxBiased, bool randomSign)
    {
        var exponent = (ulong)rng.NextInt64(minBiased, maxBiased + 1);
        var mantissa = (ulong)rng.NextInt64() & 0x000FFFFFFFFFFFFFUL;
        var sign = randomSign && rng.Next(2) == 1 ? 0x8000000000000000UL : 0UL;
        return BitConverter.UInt64BitsToDouble(sign | (exponent << 52) | mantissa);
    }

    /// <summary>Biased exponent of |x| (for LogUniform ranges): 1023 + floor(log2 |x|).</summary>
    public static int Biased(double magnitude) => (int)((BitConverter.DoubleToUInt64Bits(magnitude) >> 52) & 0x7FF);

    public static double Uniform(Random rng, double lo, double hi) => lo + (hi - lo) * rng.NextDouble();

    /// <summary>e^x - 1, correctly rounded up to the final conversion, for |x| &lt;= 2; Math.Exp(x) - 1 beyond.</summary>
    public static double Expm1(double x)
    {
        if (double.IsNaN(x) || x == 0 || double.IsInfinity(x)) return double.IsNegativeInfinity(x) ? -1 : x;
        var a = Math.Abs(x);
        if (a < Math.ScaleB(1, -100)) return x; // x + x^2/2 rounds to x
        if (a > 2) return x > 700 ? Math.Exp(x) : Math.Exp(x) - 1;
        var fx = ToFixed(x);
        BigInteger sum = fx, term = fx;
        for (var n = 2; !term.IsZero; n++)
        {
            term = term * fx / One / n;
            sum += term;
        }
        return FromFixed(sum);
    }

    /// <summary>ln(1 + x): 2 atanh(x / (2 + x)) in fixed point for |x| &lt;= 1/2; log(u) + (x - (u - 1))/u beyond.</summary>
    public static double Log1p(double x)
    {
        if (double.IsNaN(x) || x < -1) return double.NaN;
        if (x == -1) return double.NegativeInfinity;
        if (x == 0 || double.IsPositiveInfinity(x)) return x;
        if (Math.Abs(x) < Math.ScaleB(1, -100)) return x;
        if (Math.Abs(x) > 0.5)
        {
            var u = 1 + x;
            return Math.Log(u) + (x - (u - 1)) / u;
        }
        var fx = ToFixed(x);
        var s = (fx << FractionBits) / ((BigInteger.One << (FractionBits + 1)) + fx);
        var s2 = s * s / One;
        BigInteger sum = 0, power = s;
        for (var k = 0; !power.IsZero; k++)
        {
            sum += power / (2 * k + 1);
            power = power * s2 / One;
        }
        return FromFixed(2 * sum);
    }

    /// <summary>
    /// The cube root nearest in cube: of Math.Cbrt(x) and its neighbours within 4 ulp, the y whose y^3 is closest
    /// to x, compared exactly in big integers (glibc's cbrt is off by up to 3 ulp).
    /// </summary>
    public static double Cbrt(double x)
    {
        var estimate = Math.Cbrt(x);
        if (double.IsNaN(x) || double.IsInfinity(x) || x == 0) return estimate;
        var best = estimate;
        BigInteger bestError = -1;
        var candidate = estimate;
        for (var i = 0; i < 4; i++) candidate = Math.BitDecrement(candidate);
        for (var i = 0; i < 9; i++, candidate = Math.BitIncrement(candidate))
        {
            // |candidate^3 - x| scaled by 2^(3 * 1200): both are exact integers there.
            var cube = BigInteger.Pow(Scaled(candidate, 1200), 3);
            var error = BigInteger.Abs(cube - Scaled(x, 3600));
            if (bestError < 0 || error < bestError) { bestError = error; best = candidate; }
        }
        return best;
    }

    /// <summary>x 2^shift as an exact integer (shift large enough for every double).</summary>
    private static BigInteger Scaled(double x, int shift)
    {
        var bits = BitConverter.DoubleToInt64Bits(x);
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = (bits & 0x000FFFFFFFFFFFFFL) | (exponent == 0 ? 0 : 1L << 52);
        var value = new BigInteger(mantissa) << ((exponent == 0 ? 1 : exponent) - 1075 + shift);
        return x < 0 ? -value : value;
    }

    private static BigInteger ToFixed(double x)
    {
        var bits = BitConverter.DoubleToInt64Bits(x);
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = (bits & 0x000FFFFFFFFFFFFFL) | (exponent == 0 ? 0 : 1L << 52);
        var shift = (exponent == 0 ? 1 : exponent) - 1075 + FractionBits;
        var value = shift >= 0 ? new BigInteger(mantissa) << shift : new BigInteger(mantissa) >> -shift;
        return x < 0 ? -value : value;
    }

    /// <summary>value 2^-256 rounded to nearest (BigInteger's conversion rounds once; the scaling is exact).</summary>
    private static double FromFixed(BigInteger value) => Math.ScaleB((double)value, -FractionBits);
}
