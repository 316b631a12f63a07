using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Scalar;

/// <summary>
/// Float16 and BFloat16 are storage formats: values are computed in float32 and rounded to the storage format
/// when stored or explicitly converted. .NET 10 has no System.Numerics.BFloat16, so its bits are handled here.
/// </summary>
internal static class HalfPrecision
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float HalfBitsToSingle(ushort bits) => (float)BitConverter.UInt16BitsToHalf(bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort SingleToHalfBits(float value) => BitConverter.HalfToUInt16Bits((Half)value);

    /// <summary>Rounds a double straight to half precision (one rounding, not via float).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort DoubleToHalfBits(double value) => BitConverter.HalfToUInt16Bits((Half)value);

    /// <summary>A bfloat16 is the upper half of a float32: widening is a shift.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float BFloat16BitsToSingle(ushort bits) => BitConverter.Int32BitsToSingle(bits << 16);

    /// <summary>Rounds to nearest even on the dropped 16 bits; NaN stays a (quiet) NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort SingleToBFloat16Bits(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value)) return (ushort)((bits >> 16) | 0x0040);
        var roundingBias = 0x7FFFu + ((bits >> 16) & 1);
        return (ushort)((bits + roundingBias) >> 16);
    }

    /// <summary>Rounds a float32 value to the nearest float16 value, kept as float32 (the compute type).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float RoundToHalf(float value) => (float)(Half)value;

    /// <summary>Rounds a float32 value to the nearest bfloat16 value, kept as float32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float RoundToBFloat16(float value) => BFloat16BitsToSingle(SingleToBFloat16Bits(value));
}
