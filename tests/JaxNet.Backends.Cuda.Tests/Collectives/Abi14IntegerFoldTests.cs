using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Collectives;

namespace JaxNet.Backends.Cuda.Tests.Collectives;

/// <summary>The collective folds of int8, int16, uint16 and uint64: sums and products wrap to the width, max and
/// min use the element's own signedness (uint64 across 2^63).</summary>
public sealed class Abi14IntegerFoldTests
{
    [Fact]
    public void Int8AndInt16WrapAndOrderSigned()
    {
        var i8 = default(Int8Fold);
        Assert.Equal((sbyte)-56, i8.Combine(100, 100, ReduceOp.Sum));
        Assert.Equal(sbyte.MinValue, i8.Combine(-128, -1, ReduceOp.Min));
        Assert.Equal((sbyte)0, i8.Combine(-128, 2, ReduceOp.Prod));
        Assert.Equal((sbyte)1, i8.Combine(-128, 1, ReduceOp.Max));
        var i16 = default(Int16Fold);
        Assert.Equal(short.MinValue, i16.Combine(short.MaxValue, 1, ReduceOp.Sum));
        Assert.Equal((short)-2, i16.Combine(short.MaxValue, 2, ReduceOp.Prod));
        Assert.Equal((short)-5, i16.Combine(-5, 3, ReduceOp.Min));
    }

    [Fact]
    public void UInt16AndUInt64WrapAndOrderUnsigned()
    {
        var u16 = default(UInt16Fold);
        Assert.Equal((ushort)0, u16.Combine(ushort.MaxValue, 1, ReduceOp.Sum));
        Assert.Equal((ushort)0xFFFE, u16.Combine(ushort.MaxValue, 2, ReduceOp.Prod));
        Assert.Equal(ushort.MaxValue, u16.Combine(ushort.MaxValue, 0x8000, ReduceOp.Max));
        var u64 = default(UInt64Fold);
        Assert.Equal(0ul, u64.Combine(ulong.MaxValue, 1, ReduceOp.Sum));
        Assert.Equal(1ul << 63, u64.Combine(1ul << 63, long.MaxValue, ReduceOp.Max));
        Assert.Equal((ulong)long.MaxValue, u64.Combine(1ul << 63, long.MaxValue, ReduceOp.Min));
        Assert.Equal(ulong.MaxValue - 1, u64.Combine(ulong.MaxValue, 2, ReduceOp.Prod));
    }
}
