using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen.Loops;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// Elementwise loops large enough to be split over the cores give the same results as the serial loop: split by
/// outer rows, by inner ranges (one row, or a few long rows), with transposed and broadcast inputs and coordinates.
/// </summary>
public sealed class ParallelLoopTests
{
    [Theory]
    [InlineData(1, 300_001)]   // one row: inner ranges
    [InlineData(3, 100_003)]   // a few long rows: inner ranges within every row
    [InlineData(40_000, 5)]    // many short rows: outer rows
    public void SplitLoopsMatchTheDefinition(int rows, int cols)
    {
        Assert.True((long)rows * cols >= LoopRunner.ParallelElements);
        var xT = Enumerable.Range(0, rows * cols).Select(i => (float)(i % 97)).ToArray(); // stored [cols, rows]
        var y = Enumerable.Range(0, cols).Select(i => (float)(i % 13)).ToArray();
        using var h = new ModuleHarness();
        var x = h.Input(xT);
        var yb = h.Input(y);
        var o = h.Output((long)rows * cols * sizeof(float));
        var b = new ScalarProgramBuilder();
        var sum = b.Binary(BinaryOp.Add,
            b.Binary(BinaryOp.Mul, b.Load(0, DType.Float32), b.Const(DType.Float32, 2)),
            b.Load(1, DType.Float32));
        var coordinate = b.Binary(BinaryOp.Add,
            b.Binary(BinaryOp.Mul, b.Convert(b.Index(0), DType.Float32), b.Const(DType.Float32, 1000)),
            b.Convert(b.Index(1), DType.Float32));
        var result = b.Binary(BinaryOp.Add, sum, coordinate);
        int[] shape = [rows, cols];
        h.Run(new ElementwiseKernel("split", shape,
            [new(x, DType.Float32, new IndexMap(0, [1, rows])), new(yb, DType.Float32, IndexMap.Broadcast([cols], shape))],
            b.Build(result), [o]));
        var output = h.Result<float>(o);
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++)
            {
                var expected = xT[j * rows + i] * 2 + y[j] + (i * 1000f + j);
                Assert.True(output[i * cols + j] == expected, $"out[{i},{j}] = {output[i * cols + j]}, expected {expected}");
            }
    }

    [Theory]
    [InlineData(ReduceOp.Sum)]
    [InlineData(ReduceOp.Max)]
    public void AReductionOverRowsIsNotSplitByRows(ReduceOp op)
    {
        // Every row adds into the same accumulators: split by rows, cores would lose each other's updates (a race
        // that once gave column sums of 1500-2000 for 2000 ones).
        const int rows = 2000, cols = 300;
        Assert.True((long)rows * cols >= LoopRunner.ParallelElements);
        int[] shape = [rows, cols];
        var b = new ScalarProgramBuilder();
        // Row r contributes 1 to the sum, and its index to the max: each lost update shows.
        var value = op == ReduceOp.Sum ? b.Load(0, DType.Float32) : b.Convert(b.Index(0), DType.Float32);
        var kernel = new ReductionKernel("columns", shape, [0], [new MappedInput(0, DType.Float32, IndexMap.Identity(shape))],
            b.Build(value), op, DType.Float32, null, 1);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var x = Codegen.NativeTensor.Of(DType.Float32, Enumerable.Repeat(1.0, rows * cols).ToArray());
            using var y = Codegen.NativeTensor.Empty(DType.Float32, cols);
            Codegen.CodegenRun.Reduction(kernel, 512, x, y);
            for (var j = 0; j < cols; j++) Assert.Equal(op == ReduceOp.Sum ? rows : rows - 1, y[j]);
        }
    }
}
