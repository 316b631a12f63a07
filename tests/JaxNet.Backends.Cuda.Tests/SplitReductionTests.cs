using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Kernels;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>
/// Reductions with few outputs and many reduced points run split: many groups per output reduce contiguous shares
/// into partials, and a second launch combines them. These sizes take that path (checked through SplitsFor).
/// </summary>
public sealed class SplitReductionTests(Emulated emulated) : IClassFixture<Emulated>
{
    private static KernelModule Module(long parameterBytes, long resultBytes, Kernel kernel) =>
        new("m", [new BufferDecl(0, BufferRole.Parameter, parameterBytes), new BufferDecl(1, BufferRole.Result, resultBytes)],
            [kernel], [0], [1]);

    private static ReductionKernel Reduce(int[] shape, int[] axes, ReduceOp op, DType output) =>
        new("r", shape, axes, [new MappedInput(0, DType.Float32, IndexMap.Identity(shape))],
            ScalarProgram.Identity(DType.Float32), op, output, null, 1);

    [Fact]
    public void Few_outputs_over_long_rows_take_the_split_path_and_short_or_many_do_not()
    {
        foreach (var shape in new[] { ReductionShape.Gpu(32, 1024), ReductionShape.For(emulated.Accelerator) })
        {
            Assert.True(shape.SplitsFor(1, 100_000) > 1);
            Assert.True(shape.SplitsFor(3, 20_000) > 1);
            Assert.Equal(3, shape.SplitsFor(17, 4099));
            Assert.Equal(1, shape.SplitsFor(1, 1000));
            Assert.Equal(1, shape.SplitsFor(10_000, 100_000));
            Assert.Equal(1, shape.SplitsFor(0, 100_000));
        }
    }

    [Fact]
    public void A_GPU_splits_a_full_sum_into_a_thousand_groups_and_the_emulator_into_at_most_128()
    {
        // 2^20 points: a GPU takes 512 shares of the 2048-point minimum; the emulator, which pays for every thread
        // at each barrier, stops at 128 whatever the host's cores (so a split sum adds in one order everywhere).
        Assert.Equal(512, ReductionShape.Gpu(32, 1024).SplitsFor(1, 1 << 20));
        Assert.Equal(256, ReductionShape.Gpu(32, 1024).SplitsFor(4, 1 << 20));
        Assert.Equal(128, ReductionShape.For(emulated.Accelerator).SplitsFor(1, 1 << 20));
        Assert.Equal(32, ReductionShape.For(emulated.Accelerator).SplitsFor(4, 1 << 20));
        Assert.Equal(1, ReductionShape.For(emulated.Accelerator).SplitsFor(32, 1 << 20));
    }

    [Fact]
    public void A_full_sum_of_a_hundred_thousand_values_is_exact_in_the_accumulator()
    {
        const int n = 100_000;
        var values = Enumerable.Range(0, n).Select(i => (float)(i % 7 - 3)).ToArray();
        var result = emulated.Run(Module(4L * n, 4, Reduce([n], [0], ReduceOp.Sum, DType.Float32)), Emulated.Bytes(values));
        Assert.Equal(values.Sum(v => (double)v), Emulated.Values<float>(result[0])[0]);
    }

    [Theory]
    [InlineData(ReduceOp.Max)]
    [InlineData(ReduceOp.Min)]
    [InlineData(ReduceOp.Prod)]
    public void Three_rows_of_twenty_thousand_reduce_per_row(ReduceOp op)
    {
        const int rows = 3, n = 20_000;
        var values = Enumerable.Range(0, rows * n).Select(i => op == ReduceOp.Prod ? (i % 1000 == 0 ? 2f : 1f) : MathF.Sin(i)).ToArray();
        values[n + 12_345] = 5f;
        values[2 * n + 17] = -5f;
        var result = Emulated.Values<float>(emulated.Run(Module(4L * rows * n, 4 * rows, Reduce([rows, n], [1], op, DType.Float32)),
            Emulated.Bytes(values))[0]);
        for (var r = 0; r < rows; r++)
        {
            var row = values.Skip(r * n).Take(n);
            var expected = op switch { ReduceOp.Max => row.Max(), ReduceOp.Min => row.Min(), _ => row.Aggregate(1f, (a, b) => a * b) };
            Assert.Equal(expected, result[r]);
        }
    }

    [Fact]
    public void ArgMax_across_splits_keeps_the_first_NaN_and_the_first_tie()
    {
        const int rows = 2, n = 50_000;
        var values = new float[rows * n];
        values[7_000] = 3f;
        values[45_000] = 3f;               // a tie in a later split: the earlier index wins
        values[n + 30_000] = float.NaN;
        values[n + 40_000] = float.NaN;    // NaN beats every number; the first NaN wins
        values[n + 1] = 9f;
        var kernel = new ReductionKernel("a", [rows, n], [1], [new MappedInput(0, DType.Float32, IndexMap.Identity([rows, n]))],
            ScalarProgram.Identity(DType.Float32), ReduceOp.ArgMax, DType.Float32, null, 1);
        var module = new KernelModule("m", [new BufferDecl(0, BufferRole.Parameter, 4L * rows * n), new BufferDecl(1, BufferRole.Result, 4 * rows)],
            [kernel], [0], [1]);
        Assert.Equal(new[] { 7_000, 30_000 }, Emulated.Values<int>(emulated.Run(module, Emulated.Bytes(values))[0]));
    }

    [Fact]
    public void A_split_sum_over_the_leading_axis_reads_strided_columns()
    {
        const int n = 10_000, cols = 2;
        var values = Enumerable.Range(0, n * cols).Select(i => i % cols == 0 ? 1f : 2f).ToArray();
        var result = emulated.Run(Module(4L * n * cols, 4 * cols, Reduce([n, cols], [0], ReduceOp.Sum, DType.Float32)), Emulated.Bytes(values));
        Assert.Equal(new[] { (float)n, 2f * n }, Emulated.Values<float>(result[0]));
    }
}
