namespace JaxNet.Backends.TpuSim.Numerics;

/// <summary>
/// The simulator's two value representations: every float dtype is held as a double already rounded to its
/// dtype, every integer dtype and Bool as a long normalised to its dtype (sign-extended for signed types,
/// zero-extended for unsigned ones, uint64 as its bits, 0 or 1 for Bool). Arithmetic runs in the wide type and is re-normalised, which
/// gives the IR's wraparound and round-on-store semantics.
/// </summary>
internal static class DTypeValues
{
    public static bool IsFloatRepresented(DType dtype) => dtype.IsFloat();

    /// <summary>Rounds a double to the nearest value of a float dtype (nearest even).</summary>
    public static double Round(double value, DType dtype) => dtype switch
    {
        DType.Float64 => value,
        DType.Float32 => (float)value,
        DType.BFloat16 => BFloat16.Round((float)value),
        DType.Float16 => (double)(Half)value,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a float dtype"),
    };

    /// <summary>Wraps an integer to the width and signedness of an integer dtype (Bool: nonzero is 1).</summary>
    public static long Normalize(long value, DType dtype) => dtype switch
    {
        DType.Int64 or DType.UInt64 => value,
        DType.Int32 => (int)value,
        DType.UInt32 => (uint)value,
        DType.UInt8 => (byte)value,
        DType.Int8 => (sbyte)value,
        DType.Int16 => (short)value,
        DType.UInt16 => (ushort)value,
        DType.Bool => value != 0 ? 1 : 0,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not an integer dtype"),
    };

    /// <summary>Float to integer: truncation toward zero, saturating at the target's range, NaN to 0.</summary>
    public static long FloatToInt(double value, DType target)
    {
        if (target == DType.Bool) return value != 0 ? 1 : 0;
        if (double.IsNaN(value)) return 0;
        var t = Math.Truncate(value);
        return target switch
        {
            DType.Int32 => (long)Math.Clamp(t, int.MinValue, int.MaxValue),
            DType.UInt32 => (long)Math.Clamp(t, 0, uint.MaxValue),
            DType.UInt8 => (long)Math.Clamp(t, 0, byte.MaxValue),
            DType.Int8 => (long)Math.Clamp(t, sbyte.MinValue, sbyte.MaxValue),
            DType.Int16 => (long)Math.Clamp(t, short.MinValue, short.MaxValue),
            DType.UInt16 => (long)Math.Clamp(t, 0, ushort.MaxValue),
            // 2^63 is not a long: saturate explicitly.
            DType.Int64 => t >= 9.2233720368547758e18 ? long.MaxValue : t <= -9.2233720368547758e18 ? long.MinValue : (long)t,
            // 2^64 is not a ulong either; ulong.MaxValue's bits are -1.
            DType.UInt64 => t >= 1.8446744073709552e19 ? -1 : t <= 0 ? 0 : (long)(ulong)t,
            _ => throw new ArgumentOutOfRangeException(nameof(target), target, "not an integer dtype"),
        };
    }

    /// <summary>
    /// An integer (normalised for <paramref name="source"/>) as a float of <paramref name="target"/>. A 64-bit integer converts to float32 in one rounding: through a double first it could round twice.
    /// </summary>
    public static double IntToFloat(long value, DType source, DType target) => (source, target) switch
    {
        (DType.UInt64, DType.Float32) => (float)(ulong)value,
        (DType.UInt64, _) => Round((ulong)value, target),
        (_, DType.Float32) => (float)value,
        _ => Round(value, target),
    };

    /// <summary>
    /// A key whose signed order is the dtype's order: uint64's bits with the top bit flipped, so that values at
    /// and above 2^63 (negative as longs) sort above the rest; every other integer dtype is its own key.
    /// </summary>
    public static long OrderKey(long value, DType dtype) => dtype == DType.UInt64 ? value ^ long.MinValue : value;

    /// <summary>The IR's pad value, a double, converted to an input's dtype.</summary>
    public static (double F, long I) FromDouble(double value, DType dtype) =>
        dtype.IsFloat() ? (Round(value, dtype), 0) : (0, Normalize(FloatToInt(value, dtype == DType.Bool ? DType.Bool : DType.Int64), dtype));

    /// <summary>The bits of a normalised integer, as an unsigned value of the dtype's width.</summary>
    public static ulong UnsignedBits(long value, DType dtype) => dtype switch
    {
        DType.Int32 => (uint)value,
        DType.Int64 => (ulong)value,
        _ => (ulong)value,
    };
}
