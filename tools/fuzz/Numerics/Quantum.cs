using System.Numerics;

namespace JaxNet.Fuzz.Numerics;

/// <summary>
/// The quantum of a float: the value of its lowest set significand bit. A sum of values that are all multiples of a
/// quantum q is exact in any order when the sum of their magnitudes stays below 2^p q (p the accumulator's bits of
/// precision): every partial sum is then a representable multiple of q. That is how the interpreter knows sums of
/// small-integer or dyadic data must come out exact.
/// </summary>
public static class Quantum
{
    public static double Of(double x)
    {
        if (x == 0 || !double.IsFinite(x)) return double.PositiveInfinity;
        var bits = BitConverter.DoubleToInt64Bits(x);
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & ((1L << 52) - 1);
        int scale;
        if (exponent != 0)
        {
            mantissa |= 1L << 52;
            scale = exponent - 1075;
        }
        else
        {
            scale = -1074;
        }
        return Math.ScaleB(1.0, scale + BitOperations.TrailingZeroCount(mantissa));
    }

    /// <summary>The odd integer m with x = m 2^k (its significand without trailing zeros), as a magnitude.</summary>
    public static double OddSignificand(double x) => x == 0 ? 0 : Math.Abs(x) / Of(x);
}
