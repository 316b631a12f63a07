using JaxNet.Abstractions.Kernels;
using Xunit;
using JaxNet.Backends.Vulkan.Codegen.Kernels;
using static JaxNet.Backends.Vulkan.Tests.ModuleRunner;

namespace JaxNet.Backends.Vulkan.Tests;

/// <summary>
/// Long reductions with few outputs run split: many workgroups per output point fold shares into scratch partials,
/// a second pass combines them in order. These sizes take that path (checked through SplitsFor).
/// </summary>
public sealed class SplitReductionTests
{
    [Fact]
    public void Few_outputs_over_long_rows_split_and_others_do_not()
    {
        Assert.True(ReductionGenerator.SplitsFor(1, 1_000_000) > 1);
        Assert.True(ReductionGenerator.SplitsFor(2, 100_000) > 1);
        Assert.Equal(1, ReductionGenerator.SplitsFor(1, 2000));
        Assert.Equal(1, ReductionGenerator.SplitsFor(5000, 1_000_000));
    }

    [VulkanFact]
    public void A_full_sum_of_a_million_values_matches_float64()
    {
        const int n = 1_000_000;
        var x = Enumerable.Range(0, n).Select(i => (float)(i % 13 - 6) * 0.25f).ToArray();
        var k = new ReductionKernel("sum", [n], [0], [Contiguous(0, DType.Float32, [n])],
            ScalarProgram.Identity(DType.Float32), ReduceOp.Sum, DType.Float32, null, 1);
        var got = Values<float>(Run(k, [Bytes(x)], [4])[0])[0];
        Assert.Equal(x.Sum(v => (double)v), got, 1e-3);
    }

    [VulkanFact]
    public void ArgMin_across_shares_keeps_the_first_NaN_and_the_first_tie()
    {
        const int rows = 2, n = 200_000;
        var x = new float[rows * n];
        Array.Fill(x, 1f);
        x[10_000] = -3f;
        x[190_000] = -3f;              // a tie in a later share: the earlier index wins
        x[n + 150_000] = float.NaN;
        x[n + 170_000] = float.NaN;    // NaN wins; the first NaN
        x[n + 5] = -9f;
        var k = new ReductionKernel("argmin", [rows, n], [1], [Contiguous(0, DType.Float32, [rows, n])],
            ScalarProgram.Identity(DType.Float32), ReduceOp.ArgMin, DType.Float32, null, 1);
        Assert.Equal([10_000, 150_000], Values<int>(Run(k, [Bytes(x)], [rows * 4])[0]));
    }

    [VulkanFact]
    public void A_split_max_runs_the_epilogue_once_per_output()
    {
        const int n = 300_000;
        var x = Enumerable.Range(0, n).Select(i => MathF.Sin(i)).ToArray();
        x[123_456] = 7f;
        var e = new ScalarProgramBuilder();
        var plusOne = e.Binary(BinaryOp.Add, e.Load(0, DType.Float32), e.Const(DType.Float32, 1));
        var k = new ReductionKernel("max", [n], [0], [Contiguous(0, DType.Float32, [n])],
            ScalarProgram.Identity(DType.Float32), ReduceOp.Max, DType.Float32, new FusedEpilogue(e.Build(plusOne), []), 1);
        Assert.Equal(8f, Values<float>(Run(k, [Bytes(x)], [4])[0])[0]);
    }

    [VulkanFact]
    public void A_split_or_over_booleans_stores_partials_as_words()
    {
        const int n = 100_000;
        var x = new byte[n];
        x[99_999] = 1;
        var k = new ReductionKernel("any", [n], [0], [Contiguous(0, DType.Bool, [n])],
            ScalarProgram.Identity(DType.Bool), ReduceOp.Or, DType.Bool, null, 1);
        Assert.Equal(1, Run(k, [x], [1])[0][0]);
    }
}
