using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Tests.Codegen;

/// <summary>
/// Reductions that fold rows, large enough to run on several cores (LoopRunner.FoldBlocks): a conv bias gradient
/// (relu mask prologue, a transposed [channels, batch, h, w] view summed over all but the channel), sums, maxima and
/// arg maxima with NaN, and a layout whose accumulators rows far apart update (a reduced dimension outside the kept
/// one), which stays on one core. Integer-valued data keeps every sum exact in float32, so each output is compared
/// with a float64 loop exactly.
/// </summary>
public sealed class FoldBlockReductionTests
{
    private static double[] Values(long count, int seed) =>
        Enumerable.Range(0, (int)count).Select(i => (double)((i * (seed + 5) + seed) % 23 - 11)).ToArray();

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void A_bias_gradient_sums_each_channel_over_the_batch_and_the_image(int width)
    {
        const int channels = 8, batch = 64, pixels = 784;
        int[] shape = [channels, batch, 28, 28];
        var map = new IndexMap(0, [pixels, channels * pixels, 28, 1]);
        var b = new ScalarProgramBuilder();
        var x = b.Load(0, DType.Float32);
        var zero = b.Const(DType.Float32, 0);
        var prologue = b.Build(b.Select(b.Binary(BinaryOp.Gt, x, zero), b.Load(1, DType.Float32), zero));
        var kernel = new ReductionKernel("bias_gradient", shape, [1, 2, 3],
            [new MappedInput(0, DType.Float32, map), new MappedInput(1, DType.Float32, map)], prologue, ReduceOp.Sum, DType.Float32, null, 2);
        var xs = Values((long)channels * batch * pixels, 3);
        var gs = Values((long)channels * batch * pixels, 7);
        using var xt = NativeTensor.Of(DType.Float32, xs);
        using var gt = NativeTensor.Of(DType.Float32, gs);
        using var output = NativeTensor.Empty(DType.Float32, channels);
        CodegenRun.Reduction(kernel, width, xt, gt, output);
        for (var c = 0; c < channels; c++)
        {
            var expected = 0d;
            for (var n = 0; n < batch; n++)
                for (var p = 0; p < pixels; p++)
                {
                    var at = (long)n * channels * pixels + c * pixels + p;
                    expected += xs[at] > 0 ? gs[at] : 0;
                }
            Assert.True(expected == output[c], $"channel {c}: expected {expected}, got {output[c]}");
        }
    }

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Maxima_and_arg_maxima_keep_the_first_nan_across_blocks(int width)
    {
        // [16, 40, 300] over axes 1 and 2: 16 blocks of 40 rows; NaN in two rows of output 5, the earlier one wins.
        int[] shape = [16, 40, 300];
        var values = Values(16L * 40 * 300, 4);
        values[(5 * 40 + 30) * 300 + 7] = double.NaN;
        values[(5 * 40 + 2) * 300 + 250] = double.NaN;
        values[(9 * 40 + 39) * 300 + 299] = 1000;
        foreach (var op in new[] { ReduceOp.Max, ReduceOp.ArgMax, ReduceOp.Sum })
        {
            var kernel = new ReductionKernel("blocks", shape, [1, 2], [new MappedInput(0, DType.Float32, IndexMap.Identity(shape))],
                ScalarProgram.Identity(DType.Float32), op, DType.Float32, null, 1);
            using var x = NativeTensor.Of(DType.Float32, values);
            using var y = NativeTensor.Empty(op.IsArg() ? DType.Int32 : DType.Float32, 16);
            CodegenRun.Reduction(kernel, width, x, y);
            for (var o = 0; o < 16; o++)
            {
                var row = values.AsSpan(o * 12000, 12000).ToArray();
                var firstNaN = Array.FindIndex(row, double.IsNaN);
                double expected = op switch
                {
                    ReduceOp.Max => firstNaN >= 0 ? double.NaN : row.Max(),
                    ReduceOp.ArgMax => firstNaN >= 0 ? firstNaN : Array.IndexOf(row, row.Max()),
                    _ => row.Sum(),
                };
                CodegenRun.AssertClose(expected, y[o], 0, 0, $"{op} output {o}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(CodegenRun.Widths), MemberType = typeof(CodegenRun))]
    public void Accumulators_that_rows_far_apart_update_still_sum_exactly(int width)
    {
        // [64, 8, 784] over axes 0 and 2: output k gathers rows k, 8 + k, 16 + k, ...: no block of consecutive rows owns it.
        int[] shape = [64, 8, 784];
        var values = Values(64L * 8 * 784, 9);
        var kernel = new ReductionKernel("strided_rows", shape, [0, 2], [new MappedInput(0, DType.Float32, IndexMap.Identity(shape))],
            ScalarProgram.Identity(DType.Float32), ReduceOp.Sum, DType.Float32, null, 1);
        using var x = NativeTensor.Of(DType.Float32, values);
        using var y = NativeTensor.Empty(DType.Float32, 8);
        CodegenRun.Reduction(kernel, width, x, y);
        for (var k = 0; k < 8; k++)
        {
            var expected = 0d;
            for (var n = 0; n < 64; n++)
                for (var p = 0; p < 784; p++) expected += values[(n * 8 + k) * 784 + p];
            Assert.True(expected == y[k], $"output {k}: expected {expected}, got {y[k]}");
        }
    }
}
