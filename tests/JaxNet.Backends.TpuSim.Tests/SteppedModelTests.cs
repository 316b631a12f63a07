using JaxNet.Backends.TpuSim.Machine;
using JaxNet.Backends.TpuSim.Timing;

namespace JaxNet.Backends.TpuSim.Tests;

/// <summary>The cycle-stepped array is the ground truth: it must compute the product and agree with the analytic model.</summary>
public class SteppedModelTests
{
    public static IEnumerable<object[]> RandomCases()
    {
        var random = new Random(2017);
        var dataflows = Enum.GetValues<Dataflow>();
        for (var i = 0; i < 300; i++)
        {
            yield return
            [
                random.Next(1, 7), random.Next(1, 7), dataflows[i % 3], random.Next(1, 20), random.Next(1, 20),
                random.Next(1, 20), i % 2 == 0, random.Next(),
            ];
        }
    }

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void SteppedAndAnalyticAgreeAndTheProductIsRight(int rows, int cols, Dataflow dataflow, int m, int k, int n,
        bool doubleBuffered, int seed)
    {
        var array = new SystolicArray(rows, cols, dataflow, doubleBuffered);
        var problem = new GemmProblem(m, k, n);
        var random = new Random(seed);
        var a = Enumerable.Range(0, m * k).Select(_ => (double)random.Next(-8, 9)).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => (double)random.Next(-8, 9)).ToArray();
        var (stepped, product) = SteppedSystolicArray.Run(array, problem, a, b);
        var analytic = AnalyticSystolicModel.Run(array, problem);
        Assert.Equal(analytic.TotalCycles, stepped.TotalCycles);
        Assert.Equal(analytic.Folds, stepped.Folds);
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                double expected = 0;
                for (var p = 0; p < k; p++) expected += a[i * k + p] * b[p * n + j];
                Assert.Equal(expected, product[i * n + j]);
            }
    }

    [Fact]
    public void SteppedWeightStationaryCountsLoadFillAndDrain()
    {
        var (run, _) = SteppedSystolicArray.Run(new SystolicArray(3, 5, Dataflow.WeightStationary), new GemmProblem(4, 3, 5),
            new double[12], new double[15]);
        Assert.Equal(2 * 3 + 5 + 4 - 2, run.TotalCycles);
    }
}
