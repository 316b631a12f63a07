using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// Float sums over few long rows run on several cores: each core sums a range of every row into float64 partials,
/// added in range order afterwards. The results must match a float64 sum as the one-core loop does, for one row and
/// several, with a prologue, and with an epilogue applied once to the whole sum.
/// </summary>
public sealed class SplitSumTests
{
    private static MappedInput Map(int buffer, int[] shape) => new(buffer, DType.Float32, IndexMap.Identity(shape));

    [Fact]
    public void A_full_sum_of_two_million_floats_is_exact_when_its_partials_are()
    {
        const int n = 2_000_000;
        // Quarter-integers: every partial sum is exact in float32, so any lost or repeated range shows exactly.
        var x = Enumerable.Range(0, n).Select(i => (i % 13 - 6) * 0.25f + (i == 1_234_567 ? 1000f : 0f)).ToArray();
        using var h = new ModuleHarness();
        var bx = h.Input(x);
        var sum = h.Output(4);
        h.Run(new ReductionKernel("sum", [n], [0], [Map(bx, [n])], ScalarProgram.Identity(DType.Float32), ReduceOp.Sum, DType.Float32, null, sum));
        Assert.Equal((float)x.Sum(v => (double)v), h.Result<float>(sum)[0]);
    }

    [Fact]
    public void Three_rows_with_a_prologue_and_an_epilogue_sum_each_row_once()
    {
        const int rows = 3, n = 500_000;
        var x = Enumerable.Range(0, rows * n).Select(i => (float)(i % 97) - 48f).ToArray();
        var prologue = new ScalarProgramBuilder();
        var squared = prologue.Binary(BinaryOp.Mul, prologue.Load(0, DType.Float32), prologue.Load(0, DType.Float32));
        var epilogue = new ScalarProgramBuilder();
        var half = epilogue.Binary(BinaryOp.Mul, epilogue.Load(0, DType.Float32), epilogue.Const(DType.Float32, 0.5));
        using var h = new ModuleHarness();
        var bx = h.Input(x);
        var sums = h.Output(4 * rows);
        h.Run(new ReductionKernel("sumsq", [rows, n], [1], [Map(bx, [rows, n])], prologue.Build(squared), ReduceOp.Sum,
            DType.Float32, new FusedEpilogue(epilogue.Build(half), []), sums));
        var got = h.Result<float>(sums);
        for (var r = 0; r < rows; r++)
            Assert.Equal((float)(0.5 * x.Skip(r * n).Take(n).Sum(v => (double)v * v)), got[r], 1e-6f * got[r]);
    }

    [Fact]
    public void A_float64_sum_keeps_float64_accuracy()
    {
        const int n = 1_000_000;
        var x = Enumerable.Range(0, n).Select(i => 1.0 + i * 1e-12).ToArray();
        using var h = new ModuleHarness();
        var bx = h.Input(x);
        var sum = h.Output(8);
        h.Run(new ReductionKernel("sum", [n], [0], [new MappedInput(bx, DType.Float64, IndexMap.Identity([n]))],
            ScalarProgram.Identity(DType.Float64), ReduceOp.Sum, DType.Float64, null, sum));
        Assert.Equal(x.Sum(), h.Result<double>(sum)[0], 1e-14 * n);
    }
}
