using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Cuda.Tests.Collectives;

/// <summary>
/// The peer-copy collectives on three emulated devices: the GPU fold's semantics on the values the conformance
/// suite does not stress (NaN and signed zeros in max/min, f16 and bf16 specials, integer wraparound, Bool),
/// the checks on a call's buffers, and ordering against each device's stream.
/// </summary>
public sealed class PeerCollectiveTests(EmulatedGroup group) : IClassFixture<EmulatedGroup>
{
    private float[] AllReduceFloat(ReduceOp op, params float[][] members)
    {
        var inputs = group.Upload(members);
        var outputs = group.Outputs<float>(members.Length, members[0].Length);
        group.Collectives.AllReduce(op, DType.Float32, inputs, outputs, members[0].Length).Wait();
        var results = outputs.Select(group.Read<float>).ToArray();
        group.Free(inputs, outputs);
        foreach (var r in results) Assert.Equal(BitConverter.SingleToInt32Bits(results[0][0]), BitConverter.SingleToInt32Bits(r[0]));
        return results[1];
    }

    [Fact]
    public void Float32MaxAndMinPropagateNaNAndOrderTheZeros()
    {
        float[] a = [float.NaN, 1, -0f, 0f, -0f, float.NegativeInfinity];
        float[] b = [2, float.NaN, 0f, -0f, -0f, -5];
        float[] c = [3, 4, -0f, -0f, -0f, float.NegativeInfinity];
        var max = AllReduceFloat(ReduceOp.Max, a, b, c);
        Assert.True(float.IsNaN(max[0]) && float.IsNaN(max[1]));
        Assert.Equal(0, BitConverter.SingleToInt32Bits(max[2]));
        Assert.Equal(0, BitConverter.SingleToInt32Bits(max[3]));
        Assert.True(float.IsNegative(max[4]) && max[4] == 0);
        Assert.Equal(-5, max[5]);
        var min = AllReduceFloat(ReduceOp.Min, a, b, c);
        Assert.True(float.IsNaN(min[0]) && float.IsNaN(min[1]));
        Assert.True(float.IsNegative(min[2]) && float.IsNegative(min[3]));
        Assert.Equal(float.NegativeInfinity, min[5]);
    }

    [Fact]
    public void Float32SumAndProdFoldInMemberOrder()
    {
        var sum = AllReduceFloat(ReduceOp.Sum, [1e8f, 1.5f], [1, -2], [-1e8f, 4]);
        Assert.Equal((1e8f + 1f) + -1e8f, sum[0]);
        Assert.Equal(3.5f, sum[1]);
        Assert.Equal(-12f, AllReduceFloat(ReduceOp.Prod, [1.5f], [-2], [4])[0]);
    }

    [Theory]
    [InlineData(DType.Float16)]
    [InlineData(DType.BFloat16)]
    public void HalfWidthFloatsSumRoundedAndKeepNaNAndZeroBits(DType dtype)
    {
        ushort Bits(float f) => dtype == DType.Float16
            ? BitConverter.HalfToUInt16Bits((Half)f)
            : (ushort)(BitConverter.SingleToUInt32Bits(f) >> 16);
        float Value(ushort bits) => dtype == DType.Float16
            ? (float)BitConverter.UInt16BitsToHalf(bits)
            : BitConverter.UInt32BitsToSingle((uint)bits << 16);
        var nan = dtype == DType.Float16 ? (ushort)0x7E01 : (ushort)0x7FC1;
        var negativeZero = (ushort)0x8000;
        ushort[][] members = [[Bits(1.5f), nan, negativeZero], [Bits(2), Bits(3), 0], [Bits(-0.25f), Bits(-7), negativeZero]];
        var inputs = group.Upload(members);
        var outputs = group.Outputs<ushort>(3, 3);
        group.Collectives.AllReduce(ReduceOp.Max, dtype, inputs, outputs, 3).Wait();
        var max = group.Read<ushort>(outputs[2]);
        Assert.Equal(Bits(2), max[0]);
        Assert.Equal(nan, max[1]);
        Assert.Equal((ushort)0, max[2]);
        group.Collectives.AllReduce(ReduceOp.Sum, dtype, inputs, outputs, 3).Wait();
        var sum = group.Read<ushort>(outputs[0]);
        Assert.Equal(3.25f, Value(sum[0]));
        Assert.True(float.IsNaN(Value(sum[1])));
        Assert.Equal((ushort)0, sum[2]);
        group.Free(inputs, outputs);
    }

    [Fact]
    public void IntegersWrapAndCompareWithTheirSignedness()
    {
        var inputs = group.Upload<int>([int.MaxValue, -3], [1, 5], [0, -9]);
        var outputs = group.Outputs<int>(3, 2);
        group.Collectives.AllReduce(ReduceOp.Sum, DType.Int32, inputs, outputs, 2).Wait();
        Assert.Equal([int.MinValue, -7], group.Read<int>(outputs[0]));
        group.Collectives.AllReduce(ReduceOp.Min, DType.Int32, inputs, outputs, 2).Wait();
        Assert.Equal([0, -9], group.Read<int>(outputs[1]));
        group.Free(inputs, outputs);

        var bytes = group.Upload<byte>([200, 3], [2, 255], [1, 1]);
        var byteOutputs = group.Outputs<byte>(3, 2);
        group.Collectives.AllReduce(ReduceOp.Prod, DType.UInt8, bytes, byteOutputs, 2).Wait();
        Assert.Equal([144, 253], group.Read<byte>(byteOutputs[2]));
        group.Collectives.AllReduce(ReduceOp.Max, DType.UInt8, bytes, byteOutputs, 2).Wait();
        Assert.Equal([200, 255], group.Read<byte>(byteOutputs[0]));
        group.Free(bytes, byteOutputs);

        var longs = group.Upload([long.MinValue, 7L], [-1L, 8L], [long.MaxValue, -8L]);
        var longOutputs = group.Outputs<long>(3, 2);
        group.Collectives.AllReduce(ReduceOp.Max, DType.Int64, longs, longOutputs, 2).Wait();
        Assert.Equal([long.MaxValue, 8L], group.Read<long>(longOutputs[1]));
        group.Free(longs, longOutputs);
    }

    [Theory]
    [InlineData(ReduceOp.Sum, new byte[] { 0, 1, 1, 1 })]
    [InlineData(ReduceOp.Max, new byte[] { 0, 1, 1, 1 })]
    [InlineData(ReduceOp.Prod, new byte[] { 0, 0, 0, 1 })]
    [InlineData(ReduceOp.Min, new byte[] { 0, 0, 0, 1 })]
    public void BoolSumAndMaxAreOrProdAndMinAreAnd(ReduceOp op, byte[] expected)
    {
        var inputs = group.Upload<byte>([0, 1, 0, 1], [0, 0, 1, 1], [0, 1, 1, 1]);
        var outputs = group.Outputs<byte>(3, 4);
        group.Collectives.AllReduce(op, DType.Bool, inputs, outputs, 4).Wait();
        Assert.Equal(expected, group.Read<byte>(outputs[1]));
        group.Free(inputs, outputs);
    }

    [Fact]
    public void OutputsMayAliasInputs()
    {
        var buffers = group.Upload([1f, 2], [10f, 20], [100f, 200]);
        group.Collectives.AllReduce(ReduceOp.Sum, DType.Float32, buffers, buffers, 2).Wait();
        foreach (var b in buffers) Assert.Equal([111f, 222], group.Read<float>(b));
        group.Free(buffers);
    }

    [Fact]
    public void TheCollectiveRunsAfterEarlierWorkOnEachStreamAndBeforeLaterWork()
    {
        // The uploads are not waited for: the collective must see them. The read-back is issued right after.
        var inputs = group.Outputs<int>(3, 1000);
        for (var g = 0; g < 3; g++) group.Backend.CopyToDevice(Emulated.Bytes(Enumerable.Repeat(g + 1, 1000).ToArray()), inputs[g], 0);
        var outputs = group.Outputs<int>(3, 3000);
        group.Collectives.AllGather(DType.Int32, inputs, outputs, 1000);
        var gathered = group.Read<int>(outputs[2]);
        Assert.Equal(Enumerable.Range(0, 3000).Select(i => i / 1000 + 1), gathered);
        group.Free(inputs, outputs);
    }

    [Fact]
    public void PermuteZeroFillsMembersNobodySendsTo()
    {
        var inputs = group.Upload([1L, 2], [3L, 4], [5L, 6]);
        var outputs = group.Upload([9L, 9], [9L, 9], [9L, 9]);
        group.Collectives.Permute(DType.Int64, inputs, outputs, [new SourceTargetPair(2, 0), new SourceTargetPair(0, 2)], 2).Wait();
        Assert.Equal([5L, 6], group.Read<long>(outputs[0]));
        Assert.Equal([0L, 0], group.Read<long>(outputs[1]));
        Assert.Equal([1L, 2], group.Read<long>(outputs[2]));
        group.Free(inputs, outputs);
    }

    [Fact]
    public void BadGroupsAreRejectedWithTheReason()
    {
        var a = group.Backend.Allocate(0, 16);
        var b = group.Backend.Allocate(0, 16);
        var c = group.Backend.Allocate(1, 16);
        var twice = Assert.Throws<ArgumentException>(() => group.Collectives.AllReduce(ReduceOp.Sum, DType.Float32, [a, b], [a, b], 4));
        Assert.Contains("appears twice", twice.Message);
        var small = Assert.Throws<ArgumentException>(() => group.Collectives.AllReduce(ReduceOp.Sum, DType.Float32, [a, c], [a, c], 5));
        Assert.Contains("the collective reads 20", small.Message);
        Assert.Throws<ArgumentException>(() => group.Collectives.AllReduce(ReduceOp.ArgMax, DType.Float32, [a, c], [a, c], 4));
        Assert.Throws<ArgumentException>(() => group.Collectives.AllReduce(ReduceOp.Sum, DType.Float32, [a, c], [c, a], 4));
        Assert.Throws<ArgumentException>(() => group.Collectives.Permute(DType.Float32, [a, c], [a, c],
            [new SourceTargetPair(0, 1), new SourceTargetPair(1, 1)], 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => group.Collectives.Broadcast(DType.Float32, 2, [a, c], [a, c], 4));
        group.Free([a, b, c]);
    }

    [Fact]
    public void CapabilitiesAndAttributesReportPeerCollectives()
    {
        Assert.Equal(Enum.GetValues<CollectiveKind>().ToHashSet(), group.Backend.Capabilities.Collectives);
        Assert.Equal("peer copies (emulated devices)", group.Backend.Capabilities.Attributes["collectives"]);
        Assert.All(group.Backend.Devices, d => Assert.Equal("peer copies (emulated devices)", d.Attributes["collectives"]));
    }
}
