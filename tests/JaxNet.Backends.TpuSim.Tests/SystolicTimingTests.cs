using JaxNet.Backends.TpuSim.Machine;
using JaxNet.Backends.TpuSim.Timing;

namespace JaxNet.Backends.TpuSim.Tests;

/// <summary>Hand-worked fold and cycle counts of the analytic model (SCALE-Sim's per-fold formulas).</summary>
public class SystolicTimingTests
{
    private static SystolicRun Analytic(int r, int c, Dataflow d, int m, int k, int n, bool doubleBuffered = false) =>
        AnalyticSystolicModel.Run(new SystolicArray(r, c, d, doubleBuffered), new GemmProblem(m, k, n));

    [Fact]
    public void WeightStationaryOneFoldIsTwoRPlusCPlusTMinusTwo()
    {
        // 4x4 array, B is 4x4 (one fold), 3 rows of A stream: 2*4 + 4 + 3 - 2 = 13.
        var run = Analytic(4, 4, Dataflow.WeightStationary, m: 3, k: 4, n: 4);
        Assert.Equal(1, run.Folds);
        Assert.Equal(13, run.TotalCycles);
        Assert.Equal(1.0, run.MappingEfficiency);
    }

    [Fact]
    public void SizesThatDoNotDivideTheArrayRoundFoldsUp()
    {
        // K=6 over 4 rows -> 2 row folds, N=5 over 4 cols -> 2 col folds; each fold 8 + 4 + 2 - 2 = 12.
        var run = Analytic(4, 4, Dataflow.WeightStationary, m: 2, k: 6, n: 5);
        Assert.Equal(4, run.Folds);
        Assert.Equal(48, run.TotalCycles);
        // Folds map 4x4, 4x1, 2x4, 2x1 of 16 cells.
        Assert.Equal((16 + 4 + 8 + 2) / 64.0, run.MappingEfficiency, 12);
    }

    [Fact]
    public void MatrixVectorStreamsOneRow()
    {
        var run = Analytic(8, 8, Dataflow.WeightStationary, m: 1, k: 8, n: 8);
        Assert.Equal(16 + 8 + 1 - 2, run.TotalCycles);
        Assert.Equal(64.0 / (23 * 64), run.OverallUtilization, 12);
    }

    [Fact]
    public void ContractionShorterThanTheArrayStillPaysTheFullSkew()
    {
        var run = Analytic(8, 8, Dataflow.WeightStationary, m: 5, k: 3, n: 8);
        Assert.Equal(16 + 8 + 5 - 2, run.TotalCycles);
        Assert.Equal(3 * 8 / 64.0, run.MappingEfficiency, 12);
    }

    [Fact]
    public void OutputStationaryStreamsK()
    {
        // M=5 over 4 rows -> 2 folds, N=3 -> 1 fold; each K + R + C - 2 = 7 + 4 + 4 - 2 = 13.
        var run = Analytic(4, 4, Dataflow.OutputStationary, m: 5, k: 7, n: 3);
        Assert.Equal(2, run.Folds);
        Assert.Equal(26, run.TotalCycles);
    }

    [Fact]
    public void InputStationaryHoldsKByMAndStreamsN()
    {
        // K=3 -> 1 row fold, M=6 -> 2 col folds, N=2 streams: 2 * (8 + 4 + 2 - 2).
        var run = Analytic(4, 4, Dataflow.InputStationary, m: 6, k: 3, n: 2);
        Assert.Equal(2, run.Folds);
        Assert.Equal(24, run.TotalCycles);
    }

    [Fact]
    public void DoubleBufferedWeightsHideAllButTheFirstLoad()
    {
        // 2 folds of K; R + 2 * (T + R + C - 2) = 4 + 2 * 9.
        var run = Analytic(4, 4, Dataflow.WeightStationary, m: 3, k: 8, n: 4, doubleBuffered: true);
        Assert.Equal(22, run.TotalCycles);
        Assert.True(run.TotalCycles < Analytic(4, 4, Dataflow.WeightStationary, 3, 8, 4).TotalCycles);
    }

    [Fact]
    public void ComputeUtilizationFollowsScaleSimsFoldCycles()
    {
        // SCALE-Sim counts a ws fold as (2R + C + T - 2) + C - 1 cycles for utilisation: 13 + 3 = 16 here.
        var run = Analytic(4, 4, Dataflow.WeightStationary, m: 3, k: 4, n: 4);
        Assert.Equal(16.0 * 3 / (16 * 16), run.ComputeUtilization, 12);
    }

    /// <summary>
    /// Reference numbers produced by running SCALE-Sim v2 (scalesim-project/scale-sim-v2 at 22f88b1, stall-free:
    /// 1 GB SRAMs) on these cases: total cycles, mapping efficiency % and compute utilisation %.
    /// </summary>
    [Theory]
    [InlineData(8, 8, "ws", 20, 12, 10, 167, 46.875, 19.13265306122449)]
    [InlineData(8, 8, "os", 20, 12, 10, 155, 52.083333333333336, 24.03846153846154)]
    [InlineData(8, 8, "is", 20, 12, 10, 191, 62.5, 16.025641025641026)]
    [InlineData(4, 6, "ws", 1, 3, 5, 12, 62.5, 3.4722222222222223)]
    [InlineData(4, 6, "os", 1, 3, 5, 10, 20.833333333333336, 5.681818181818182)]
    [InlineData(4, 6, "is", 1, 3, 5, 16, 12.5, 2.840909090909091)]
    public void MatchesScaleSim(int r, int c, string dataflow, int m, int k, int n, long total, double mapping, double compute)
    {
        var run = Analytic(r, c, DataflowNames.Parse(dataflow), m, k, n);
        Assert.Equal(total, Cli.GemmCommand.ScaleSimTotalCycles(run));
        Assert.Equal(mapping, 100 * run.MappingEfficiency, 9);
        Assert.Equal(compute, 100 * run.ComputeUtilization, 9);
    }

    [Fact]
    public void AGigaflopMatmulIsTimedInstantly()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var run = Analytic(128, 128, Dataflow.WeightStationary, 1024, 512, 1024);
        Assert.True(watch.ElapsedMilliseconds < 500, $"took {watch.ElapsedMilliseconds} ms");
        Assert.Equal(4L * 8 * (256 + 128 + 1024 - 2), run.TotalCycles);
    }

    [Fact]
    public void FiniteSramsStallWhenBandwidthIsShort()
    {
        var array = new SystolicArray(8, 8, Dataflow.WeightStationary);
        var problem = new GemmProblem(64, 64, 64);
        var fast = SramStallModel.Run(array, problem, 1 << 20, 1 << 20, 1 << 20, 1e9);
        var slow = SramStallModel.Run(array, problem, 1 << 20, 1 << 20, 1 << 20, 0.5);
        var tiny = SramStallModel.Run(array, problem, 64, 64, 64, 0.5);
        Assert.True(fast.StallCycles <= 1, $"{fast.StallCycles}");
        Assert.True(slow.StallCycles > 0);
        Assert.True(tiny.StallCycles > slow.StallCycles, $"{tiny.StallCycles} <= {slow.StallCycles}");
        Assert.Equal(AnalyticSystolicModel.Run(array, problem).TotalCycles + slow.StallCycles, slow.TotalCycles);
    }
}
