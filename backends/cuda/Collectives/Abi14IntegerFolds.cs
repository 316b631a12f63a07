using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Cuda.Collectives;

// The folds of the integer dtypes ABI 1.4 added, as the older integers fold: Sum and Prod wrap to the element's
// width (C# computes sbyte, short and ushort arithmetic in int, so the cast back is the wrap), Max and Min compare
// in the element's own signedness.

internal readonly struct Int8Fold : IElementFold<sbyte>
{
    public sbyte Combine(sbyte a, sbyte b, ReduceOp op) => op switch
    {
        ReduceOp.Sum => unchecked((sbyte)(a + b)),
        ReduceOp.Prod => unchecked((sbyte)(a * b)),
        ReduceOp.Max => a > b ? a : b,
        _ => a < b ? a : b,
    };
}

internal readonly struct Int16Fold : IElementFold<short>
{
    public short Combine(short a, short b, ReduceOp op) => op switch
    {
        ReduceOp.Sum => unchecked((short)(a + b)),
        ReduceOp.Prod => unchecked((short)(a * b)),
        ReduceOp.Max => a > b ? a : b,
        _ => a < b ? a : b,
    };
}

internal readonly struct UInt16Fold : IElementFold<ushort>
{
    public ushort Combine(ushort a, ushort b, ReduceOp op) => op switch
    {
        ReduceOp.Sum => unchecked((ushort)(a + b)),
        ReduceOp.Prod => unchecked((ushort)(a * b)),
        ReduceOp.Max => a > b ? a : b,
        _ => a < b ? a : b,
    };
}

internal readonly struct UInt64Fold : IElementFold<ulong>
{
    public ulong Combine(ulong a, ulong b, ReduceOp op) => op switch
    {
        ReduceOp.Sum => unchecked(a + b),
        ReduceOp.Prod => unchecked(a * b),
        ReduceOp.Max => a > b ? a : b,
        _ => a < b ? a : b,
    };
}
