using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Codegen;

/// <summary>The value a reduction starts from, and what reducing zero elements gives.</summary>
internal static class ReduceIdentity
{
    public static ConstNode Of(ReduceOp op, DType dtype) => op switch
    {
        ReduceOp.Sum or ReduceOp.Or => Number(dtype, 0),
        ReduceOp.Prod => Number(dtype, 1),
        ReduceOp.And => dtype == DType.Bool ? Number(dtype, 1) : ConstNode.OfBits(dtype, -1),
        ReduceOp.Max or ReduceOp.ArgMax => Lowest(dtype),
        ReduceOp.Min or ReduceOp.ArgMin => Highest(dtype),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown reduce op"),
    };

    private static ConstNode Number(DType dtype, long value) =>
        dtype.IsFloat() ? ConstNode.Of(dtype, value) : ConstNode.OfBits(dtype, value);

    private static ConstNode Lowest(DType dtype) => dtype switch
    {
        _ when dtype.IsFloat() => ConstNode.Of(dtype, double.NegativeInfinity),
        DType.Int8 => ConstNode.OfBits(dtype, sbyte.MinValue),
        DType.Int16 => ConstNode.OfBits(dtype, short.MinValue),
        DType.Int32 => ConstNode.OfBits(dtype, int.MinValue),
        DType.Int64 => ConstNode.OfBits(dtype, long.MinValue),
        _ => ConstNode.OfBits(dtype, 0),
    };

    private static ConstNode Highest(DType dtype) => dtype switch
    {
        _ when dtype.IsFloat() => ConstNode.Of(dtype, double.PositiveInfinity),
        DType.Int32 => ConstNode.OfBits(dtype, int.MaxValue),
        DType.Int64 => ConstNode.OfBits(dtype, long.MaxValue),
        DType.UInt32 => ConstNode.OfBits(dtype, uint.MaxValue),
        DType.UInt8 => ConstNode.OfBits(dtype, byte.MaxValue),
        DType.Int8 => ConstNode.OfBits(dtype, sbyte.MaxValue),
        DType.Int16 => ConstNode.OfBits(dtype, short.MaxValue),
        DType.UInt16 => ConstNode.OfBits(dtype, ushort.MaxValue),
        DType.UInt64 => ConstNode.OfBits(dtype, -1),
        _ => ConstNode.OfBits(dtype, 1),
    };

    /// <summary>The binary op that combines two partial results (arg ops compare values instead).</summary>
    public static string CombineOpName(ReduceOp op) => op switch
    {
        ReduceOp.Sum => nameof(BinaryOp.Add),
        ReduceOp.Prod => nameof(BinaryOp.Mul),
        ReduceOp.Max => nameof(BinaryOp.Max),
        ReduceOp.Min => nameof(BinaryOp.Min),
        ReduceOp.And => nameof(BinaryOp.And),
        ReduceOp.Or => nameof(BinaryOp.Or),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "arg reductions do not combine by a binary op"),
    };
}
