namespace JaxNet.Conformance.Numerics;

/// <summary>Two's complement facts about the integer dtypes (and Bool).</summary>
public static class Integers
{
    /// <summary>Wraps <paramref name="value"/> into <paramref name="dtype"/>: sign-extends signed, zero-extends unsigned.</summary>
    public static long Wrap(long value, DType dtype) => dtype switch
    {
        DType.Bool => value != 0 ? 1 : 0,
        DType.UInt8 => (byte)value,
        DType.UInt32 => (uint)value,
        DType.Int32 => (int)value,
        DType.Int64 => value,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not an integer dtype"),
    };

    public static long MinValue(DType dtype) => dtype switch
    {
        DType.Int32 => int.MinValue,
        DType.Int64 => long.MinValue,
        _ => 0,
    };

    public static long MaxValue(DType dtype) => dtype switch
    {
        DType.Bool => 1,
        DType.UInt8 => byte.MaxValue,
        DType.UInt32 => uint.MaxValue,
        DType.Int32 => int.MaxValue,
        DType.Int64 => long.MaxValue,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not an integer dtype"),
    };

    /// <summary>The bit pattern as an unsigned number of the dtype's width.</summary>
    public static ulong Unsigned(long bits, DType dtype)
    {
        var width = dtype.BitWidth();
        return width == 64 ? (ulong)bits : (ulong)bits & ((1UL << width) - 1);
    }
}
