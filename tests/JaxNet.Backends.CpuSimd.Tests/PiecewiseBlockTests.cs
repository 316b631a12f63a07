using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen.Loops;
using static JaxNet.Backends.CpuSimd.Tests.PiecewiseCopyTests;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// A piecewise copy writes blocks of consecutive rows: a transposed member (read down the rows) moves in tiles, a
/// member of a stack along a new last axis (one position of a short row) moves down its column, and a choice along
/// the last outer dimension splits a block. Each result must equal the IR's definition bit for bit, for odd sizes
/// that leave ragged tile edges, every element size, pad rows inside a block, empty kernels and sizes split over the
/// cores.
/// </summary>
public sealed class PiecewiseBlockTests
{
    [Theory]
    [InlineData(37, 45, 6, DType.Float32)]
    [InlineData(64, 64, 8, DType.Float32)] // whole tiles only
    [InlineData(33, 17, 3, DType.Float64)]
    [InlineData(41, 29, 5, DType.Int64)]
    [InlineData(35, 19, 2, DType.UInt8)]
    [InlineData(23, 40, 1, DType.Float16)]
    [InlineData(1, 9, 4, DType.Float32)] // one row: no block to transpose
    [InlineData(9, 1, 4, DType.Int32)] // a transposed member one column wide
    [InlineData(0, 9, 4, DType.Float32)] // empty
    [InlineData(700, 300, 11, DType.Float32)] // split over the cores by rows
    public void TransposedMembersMatchTheDefinition(int rows, int cols, int tail, DType dtype)
    {
        // out[i, j] = xT[j, i] (x stored [cols, rows]) for j < cols, y[i, j - cols] after.
        int[] shape = [rows, cols + tail];
        var x = new IndexMap(0, [1, rows]) { ValidLo = [0, 0], ValidHi = [rows, cols] };
        var y = new IndexMap(-cols, [tail, 1]) { ValidLo = [0, cols], ValidHi = [rows, cols + tail] };
        var b = new ScalarProgramBuilder();
        var program = b.Build(b.Select(b.Binary(BinaryOp.Lt, b.Index(1), b.ConstBits(DType.Int32, cols)), b.Load(0, dtype), b.Load(1, dtype)));
        var text = RunAgainstReference(shape, dtype, [(Data(dtype, (long)rows * cols, 1), x), (Data(dtype, (long)rows * tail, 2), y)], program);
        if (rows * (cols + tail) > 0) Assert.Contains("piecewise block copy (2 input(s)", text);
    }

    [Theory]
    [InlineData(DType.Float32, -0.0)]
    [InlineData(DType.Float64, double.NaN)]
    [InlineData(DType.UInt8, 7)]
    public void ATransposedMemberPaddedAlongBothDimensionsMatchesTheDefinition(DType dtype, double padValue)
    {
        // pad(x.T) with rows [5, 45) and columns [3, 30) valid inside [53, 36]: pad rows inside each block of rows.
        int[] shape = [53, 36];
        var (rows, cols) = (40, 27);
        var map = new IndexMap(-5 - 3 * rows, [1, rows]) { ValidLo = [5, 3], ValidHi = [45, 30], PadValue = padValue };
        var b = new ScalarProgramBuilder();
        var text = RunAgainstReference(shape, dtype, [(Data(dtype, rows * cols, 3), map)], b.Build(b.Load(0, dtype)));
        Assert.Contains("piecewise block copy (1 input(s), rows of 36)", text);
    }

    [Theory]
    [InlineData(1001, 3, DType.Float32)]
    [InlineData(333, 2, DType.Float64)] // real and imaginary planes interleaved
    [InlineData(257, 5, DType.UInt8)]
    [InlineData(129, 4, DType.Float16)]
    [InlineData(1, 3, DType.Int32)]
    [InlineData(0, 3, DType.Float32)]
    [InlineData(70001, 3, DType.Float32)] // split over the cores
    public void StackingAlongANewLastAxisMatchesTheDefinition(int length, int members, DType dtype)
    {
        // [2, length, members]: member m at position m of each short row, as the frontend lowers jnp.stack(axis=-1).
        int[] shape = [2, length, members];
        var b = new ScalarProgramBuilder();
        var result = b.Load(members - 1, dtype);
        for (var m = members - 2; m >= 0; m--)
            result = b.Select(b.Binary(BinaryOp.Lt, b.Index(2, DType.Int64), b.ConstBits(DType.Int64, m + 1)), b.Load(m, dtype), result);
        var inputs = Enumerable.Range(0, members).Select(m =>
            (Data(dtype, 2L * length, m + 1), new IndexMap(0, [length, 1, 0]) { ValidLo = [0, 0, m], ValidHi = [2, length, m + 1] })).ToArray();
        var text = RunAgainstReference(shape, dtype, inputs, b.Build(result));
        // 4- and 8-byte elements in rows long enough for vectors are periodic rows of guarded reads
        // (PaddedReadsAsSelectsTests); the rest stay block copies.
        if (length > 0 && dtype.SizeOf() >= 4 && 2 * length * members >= 16) Assert.Contains($"period {members}, padded reads as selects", text);
        else if (length > 0) Assert.Contains($"piecewise block copy ({members} input(s), rows of {members})", text);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.UInt8)]
    public void ABroadcastMemberOfAShortRowRepeatsItsElement(DType dtype)
    {
        // [40, 2]: a scalar (stride 0 down the rows, as a complex constant's real part) beside a vector.
        int[] shape = [40, 2];
        var scalar = new IndexMap(0, [0, 0]) { ValidLo = [0, 0], ValidHi = [40, 1] };
        var vector = new IndexMap(0, [1, 0]) { ValidLo = [0, 1], ValidHi = [40, 2] };
        var b = new ScalarProgramBuilder();
        var program = b.Build(b.Select(b.Binary(BinaryOp.Lt, b.Index(1), b.ConstBits(DType.Int32, 1)), b.Load(0, dtype), b.Load(1, dtype)));
        RunAgainstReference(shape, dtype, [(Data(dtype, 1, 1), scalar), (Data(dtype, 40, 2), vector)], program);
    }

    [Fact]
    public void AChoiceAlongTheLastOuterDimensionSplitsABlock()
    {
        // [[a | b]; c; fill] of shape [75, 7]: rows 0-39 join a (3 wide) and b (4 wide), rows 40-69 are c, the
        // rest 2.5. The row is the last dimension, so the choice along rows falls inside blocks of rows.
        int[] shape = [75, 7];
        var a = new IndexMap(0, [3, 1]) { ValidLo = [0, 0], ValidHi = [40, 3] };
        var bMap = new IndexMap(-3, [4, 1]) { ValidLo = [0, 3], ValidHi = [40, 7] };
        var c = new IndexMap(-40 * 7, [7, 1]) { ValidLo = [40, 0], ValidHi = [70, 7] };
        var p = new ScalarProgramBuilder();
        var top = p.Select(p.Binary(BinaryOp.Lt, p.Index(1), p.ConstBits(DType.Int32, 3)), p.Load(0, DType.Float32), p.Load(1, DType.Float32));
        var lower = p.Select(p.Binary(BinaryOp.Lt, p.Index(0), p.ConstBits(DType.Int32, 70)), p.Load(2, DType.Float32), p.Const(DType.Float32, 2.5));
        var program = p.Build(p.Select(p.Binary(BinaryOp.Lt, p.Index(0), p.ConstBits(DType.Int32, 40)), top, lower));
        var text = RunAgainstReference(shape, DType.Float32,
            [(Data(DType.Float32, 120, 1), a), (Data(DType.Float32, 160, 2), bMap), (Data(DType.Float32, 210, 3), c)], program);
        Assert.Contains("piecewise block copy (3 input(s), rows of 7)", text);
    }

    [Fact]
    public void TheLargestCasesAreSplitOverTheCores()
    {
        Assert.True(700L * 311 >= LoopRunner.ParallelElements);
        Assert.True(2L * 70001 * 3 >= LoopRunner.ParallelElements);
    }
}
