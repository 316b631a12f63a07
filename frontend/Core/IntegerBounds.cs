namespace JaxNet.Core;

/// <summary>
/// The smallest and largest values of the integer dtypes (and Bool) as <see cref="Scalar.Bits"/> hold them: a
/// uint64's max is all ones, which a long reads as -1. Identities of max/min reductions and fill values use them.
/// </summary>
public static class IntegerBounds
{
    public static long LowestBits(DType dtype) => dtype switch
    {
        DType.Int8 => sbyte.MinValue,
        DType.Int16 => short.MinValue,
        DType.Int32 => int.MinValue,
        DType.Int64 => long.MinValue,
        _ when dtype.IsUnsignedInteger() || dtype == DType.Bool => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not an integer dtype"),
    };

    public static long HighestBits(DType dtype) => dtype switch
    {
        DType.Bool => 1,
        DType.Int8 => sbyte.MaxValue,
        DType.Int16 => short.MaxValue,
        DType.Int32 => int.MaxValue,
        DType.Int64 => long.MaxValue,
        DType.UInt8 => byte.MaxValue,
        DType.UInt16 => ushort.MaxValue,
        DType.UInt32 => uint.MaxValue,
        DType.UInt64 => unchecked((long)ulong.MaxValue),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not an integer dtype"),
    };

    public static Scalar Lowest(DType dtype) => Scalar.FromBits(dtype, LowestBits(dtype));

    public static Scalar Highest(DType dtype) => Scalar.FromBits(dtype, HighestBits(dtype));
}
