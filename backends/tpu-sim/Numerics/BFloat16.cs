namespace JaxNet.Backends.TpuSim.Numerics;

/// <summary>
/// bfloat16 as the TPU's MXU sees it: the upper 16 bits of an IEEE float32, rounded to nearest even. NaN stays NaN
/// (quiet), infinities and signed zeros are kept.
/// </summary>
internal static class BFloat16
{
    /// <summary>The bf16 bits nearest to <paramref name="value"/> (round to nearest, ties to even).</summary>
    public static ushort ToBits(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value)) return (ushort)((bits >> 16) | 0x0040);
        var roundingBias = 0x7FFFu + ((bits >> 16) & 1);
        return (ushort)((bits + roundingBias) >> 16);
    }

    public static float FromBits(ushort bits) => BitConverter.UInt32BitsToSingle((uint)bits << 16);

    /// <summary>Rounds a float to the nearest bfloat16 value, returned as a float.</summary>
    public static float Round(float value) => FromBits(ToBits(value));

    /// <summary>
    /// Splits <paramref name="value"/> into <paramref name="parts"/>.Length bf16 terms whose sum approximates it:
    /// the decomposition behind Precision.High (2 terms, 3 products) and Highest (3 terms, 6 products).
    /// </summary>
    public static void Split(float value, Span<float> parts)
    {
        var rest = value;
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = Round(rest);
            // Infinite or NaN inputs have no finite remainder: keep them in the leading term only.
            rest = float.IsFinite(parts[i]) ? rest - parts[i] : 0f;
        }
    }
}
