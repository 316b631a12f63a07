using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Collectives;

namespace JaxNet.Backends.Cuda.Tests.Collectives;

/// <summary>The NCCL path's mapping (pure functions; NCCL itself needs GPUs, see docs/cuda.md).</summary>
public sealed class NcclMappingTests
{
    private const int Nccl221 = 22105;

    [Theory]
    [InlineData(DType.Float32, ReduceOp.Sum, 7, 0)]
    [InlineData(DType.Float64, ReduceOp.Prod, 8, 1)]
    [InlineData(DType.Float16, ReduceOp.Sum, 6, 0)]
    [InlineData(DType.BFloat16, ReduceOp.Sum, 9, 0)]
    [InlineData(DType.Int32, ReduceOp.Max, 2, 2)]
    [InlineData(DType.UInt32, ReduceOp.Min, 3, 3)]
    [InlineData(DType.Int64, ReduceOp.Sum, 4, 0)]
    [InlineData(DType.UInt8, ReduceOp.Prod, 1, 1)]
    [InlineData(DType.Int8, ReduceOp.Sum, 0, 0)]
    [InlineData(DType.UInt64, ReduceOp.Max, 5, 2)]
    public void ReductionsMapToNcclEnumValues(DType dtype, ReduceOp op, int dataType, int ncclOp) =>
        Assert.Equal((dataType, ncclOp), NcclMapping.Reduction(op, dtype, Nccl221));

    [Theory]
    [InlineData(ReduceOp.Sum, 2)]
    [InlineData(ReduceOp.Max, 2)]
    [InlineData(ReduceOp.Prod, 3)]
    [InlineData(ReduceOp.Min, 3)]
    public void BoolReducesAsUint8MaxOrMin(ReduceOp op, int ncclOp) =>
        Assert.Equal((NcclMapping.Uint8, ncclOp), NcclMapping.Reduction(op, DType.Bool, Nccl221));

    [Theory]
    [InlineData(DType.Float32, ReduceOp.Max)]
    [InlineData(DType.Float64, ReduceOp.Min)]
    [InlineData(DType.Float16, ReduceOp.Max)]
    [InlineData(DType.BFloat16, ReduceOp.Min)]
    [InlineData(DType.Int32, ReduceOp.ArgMax)]
    [InlineData(DType.Bool, ReduceOp.And)]
    [InlineData(DType.Int16, ReduceOp.Sum)]
    [InlineData(DType.UInt16, ReduceOp.Max)]
    public void WhatNcclCannotComputeFallsBackToThePeerPath(DType dtype, ReduceOp op) =>
        Assert.Null(NcclMapping.Reduction(op, dtype, Nccl221));

    [Fact]
    public void Bfloat16NeedsNccl210()
    {
        Assert.Null(NcclMapping.Reduction(ReduceOp.Sum, DType.BFloat16, 2908));
        Assert.NotNull(NcclMapping.Reduction(ReduceOp.Sum, DType.BFloat16, 21000));
    }

    [Fact]
    public void DataMovementIsBytes()
    {
        Assert.Equal((NcclMapping.Uint8, 40L), NcclMapping.Movement(DType.Float64, 5));
        Assert.Equal((NcclMapping.Uint8, 3L), NcclMapping.Movement(DType.Bool, 3));
    }

    [Fact]
    public void VersionCodesReadAsNcclWritesThem()
    {
        Assert.Equal("2.21.5", NcclMapping.VersionText(22105));
        Assert.Equal("2.8.4", NcclMapping.VersionText(2804));
    }

    [Fact]
    public void AllToAllSendsChunkJToMemberJAndReceivesIntoChunkJ()
    {
        var transfers = NcclMapping.AllToAllTransfers(3, 8).ToArray();
        Assert.Equal(9, transfers.Length);
        Assert.Contains((1, 2, 16L, 16L), transfers);
        Assert.Equal(3, transfers.Count(t => t.Member == 0));
    }
}
