namespace JaxNet.Conformance.Numerics;

/// <summary>
/// Rounding of a float64 value to a narrower binary floating-point format (f32, f16, bf16), round to nearest
/// even, with subnormals and overflow to infinity. Written from the definition of the formats rather than with
/// casts, so that every narrowing in the reference is rounded once, from the exact float64 value.
/// </summary>
public static class FloatFormat
{
    /// <summary>Rounds <paramref name="value"/> to the nearest value of <paramref name="dtype"/> (a float dtype).</summary>
    public static double Round(double value, DType dtype) => dtype switch
    {
        DType.Float64 => value,
        DType.Float32 => Round(value, significandBits: 24, minExponent: -126, maxExponent: 127),
        DType.Float16 => Round(value, significandBits: 11, minExponent: -14, maxExponent: 15),
        DType.BFloat16 => Round(value, significandBits: 8, minExponent: -126, maxExponent: 127),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a float dtype"),
    };

    /// <summary>
    /// Rounds to a format with <paramref name="significandBits"/> bits of precision (the implicit bit included)
    /// and normal exponents in [minExponent, maxExponent].
    /// </summary>
    public static double Round(double value, int significandBits, int minExponent, int maxExponent)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || value == 0) return value;
        var magnitude = Math.Abs(value);
        // The exponent of the quantum (unit in the last place): below the normal range it stays at the
        // subnormal quantum, which is how gradual underflow rounds.
        var exponent = Math.Max(Math.ILogB(magnitude), minExponent);
        var quantum = Math.ScaleB(1.0, exponent - (significandBits - 1));
        var rounded = Math.Round(magnitude / quantum, MidpointRounding.ToEven) * quantum;
        if (rounded >= Math.ScaleB(1.0, maxExponent + 1)) rounded = double.PositiveInfinity;
        return value < 0 ? -rounded : rounded;
    }

    /// <summary>Rounds an exact integer (given as sign and magnitude) to a float dtype, once.</summary>
    public static double RoundInteger(bool negative, ulong magnitude, DType dtype)
    {
        var bits = dtype switch
        {
            DType.Float64 => 53,
            DType.Float32 => 24,
            DType.Float16 => 11,
            DType.BFloat16 => 8,
            _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a float dtype"),
        };
        var length = 64 - System.Numerics.BitOperations.LeadingZeroCount(magnitude);
        double result;
        if (length <= bits)
        {
            result = magnitude;
        }
        else
        {
            var shift = length - bits;
            var kept = magnitude >> shift;
            var rest = magnitude & ((1UL << shift) - 1);
            var half = 1UL << (shift - 1);
            if (rest > half || (rest == half && (kept & 1) == 1)) kept++;
            result = Math.ScaleB(kept, shift);
        }
        // Exact by now except for overflow of the narrow formats, which Round turns into infinity.
        result = Round(result, dtype);
        return negative ? -result : result;
    }

    /// <summary>Machine epsilon (2^(1-p)) of a float dtype.</summary>
    public static double Epsilon(DType dtype) => dtype switch
    {
        DType.Float64 => Math.ScaleB(1.0, -52),
        DType.Float32 => Math.ScaleB(1.0, -23),
        DType.Float16 => Math.ScaleB(1.0, -10),
        DType.BFloat16 => Math.ScaleB(1.0, -7),
        _ => 0,
    };
}
