namespace JaxNet.Backends.TpuSim.Numerics;

/// <summary>Raw bit patterns of values in the simulator's representation, for bitcasts and byte-level I/O.</summary>
internal static class BitPatterns
{
    /// <summary>The bits of a float value stored as <paramref name="dtype"/>.</summary>
    public static ulong OfFloat(double value, DType dtype) => dtype switch
    {
        DType.Float64 => BitConverter.DoubleToUInt64Bits(value),
        DType.Float32 => BitConverter.SingleToUInt32Bits((float)value),
        DType.BFloat16 => BFloat16.ToBits((float)value),
        DType.Float16 => BitConverter.HalfToUInt16Bits((Half)value),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a float dtype"),
    };

    /// <summary>The float value whose bits are <paramref name="bits"/> in <paramref name="dtype"/>.</summary>
    public static double ToFloat(ulong bits, DType dtype) => dtype switch
    {
        DType.Float64 => BitConverter.UInt64BitsToDouble(bits),
        DType.Float32 => BitConverter.UInt32BitsToSingle((uint)bits),
        DType.BFloat16 => BFloat16.FromBits((ushort)bits),
        DType.Float16 => (double)BitConverter.UInt16BitsToHalf((ushort)bits),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a float dtype"),
    };

    /// <summary>The bits of a value of any dtype (integers in the dtype's width).</summary>
    public static ulong Of(double f, long i, DType dtype) =>
        dtype.IsFloat() ? OfFloat(f, dtype) : dtype is DType.Int64 or DType.UInt64 ? (ulong)i : (ulong)i & WidthMask(dtype);

    public static ulong WidthMask(DType dtype) => dtype.BitWidth() >= 64 ? ulong.MaxValue : (1UL << dtype.SizeOf() * 8) - 1;
}
