using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Cuda.Collectives;

// The folds of the integer dtypes ABI 1.4 added, as the older integers fold. The narrow ones combine their values
// widened to long (sign- or zero-extended, so a long's order is theirs) and wrap back with the cast; uint64 needs
// its own unsigned order.

internal static class WidenedFold
{
    public static long Combine(long a, long b, ReduceOp op) => op switch
    {
        ReduceOp.Sum => unchecked(a + b),
        ReduceOp.Prod => unchecked(a * b),
        ReduceOp.Max => a > b ? a : b,
        _ => a < b ? a : b,
    };
}

internal readonly struct Int8Fold : IElementFold<sbyte>
{
    public sbyte Combine(sbyte a, sbyte b, ReduceOp op) => unchecked((sbyte)WidenedFold.Combine(a, b, op));
}

internal readonly struct Int16Fold : IElementFold<short>
{
    public short Combine(short a, short b, ReduceOp op) => unchecked((short)WidenedFold.Combine(a, b, op));
}

internal readonly struct UInt16Fold : IElementFold<ushort>
{
    public ushort Combine(ushort a, ushort b, ReduceOp op) => unchecked((ushort)WidenedFold.Combine(a, b, op));
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
