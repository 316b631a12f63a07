namespace JaxNet.Conformance.Numerics;

/// <summary>
/// Two's complement facts about the integer dtypes (and Bool). Values are longs; a uint64 holds its bit pattern, so
/// those from 2^63 up read as negative and compare with <see cref="Compare"/>.
/// </summary>
public static class Integers
{
    /// <summary>Wraps <paramref name="value"/> into <paramref name="dtype"/>: sign-extends signed, zero-extends unsigned.</summary>
    public static long Wrap(long value, DType dtype) => dtype switch
    {
        DType.Bool => value != 0 ? 1 : 0,
        DType.UInt8 => (byte)value,
        DType.UInt16 => (ushort)value,
        DType.UInt32 => (uint)value,
        DType.UInt64 => value,
        DType.Int8 => (sbyte)value,
        DType.Int16 => (short)value,
        DType.Int32 => (int)value,
        DType.Int64 => value,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not an integer dtype"),
    };

    public static long MinValue(DType dtype) => dtype switch
    {
        DType.Int8 => sbyte.MinValue,
        DType.Int16 => short.MinValue,
        DType.Int32 => int.MinValue,
        DType.Int64 => long.MinValue,
        _ => 0,
    };

    /// <summary>The largest value's bit pattern (uint64's is all ones: -1 as a long).</summary>

    public static long MaxValue(DType dtype) => dtype switch
    {
        DType.Bool => 1,
        DType.UInt8 => byte.MaxValue,
        DType.UInt16 => ushort.MaxValue,
        DType.UInt32 => uint.MaxValue,
        DType.UInt64 => -1,
        DType.Int8 => sbyte.MaxValue,
        DType.Int16 => short.MaxValue,
        DType.Int32 => int.MaxValue,
        DType.Int64 => long.MaxValue,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not an integer dtype"),
    };

    /// <summary>Orders two values of <paramref name="dtype"/>: as unsigned numbers for uint64, else as longs.</summary>
    public static int Compare(long a, long b, DType dtype) =>
        dtype == DType.UInt64 ? ((ulong)a).CompareTo((ulong)b) : a.CompareTo(b);

    /// <summary>The bit pattern as an unsigned number of the dtype's width.</summary>
    public static ulong Unsigned(long bits, DType dtype)
    {
        var width = dtype.BitWidth();
        return width == 64 ? (ulong)bits : (ulong)bits & ((1UL << width) - 1);
    }
}
