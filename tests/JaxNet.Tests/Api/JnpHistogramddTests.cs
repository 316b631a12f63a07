using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>histogram_bin_edges, histogram2d and histogramdd against NumPy 1.24 (whose counts are floats; JAX's and
/// these are int32 without weights), under Jit, and with bad input.</summary>
public class JnpHistogramddTests
{
    private const double Third = 5.0 / 3;

    private static NDArray X() => F(0, 1, 2, 3, 4, 5, 1.5f);

    private static NDArray Y() => F(5, 4, 3, 2, 1, 0, 1.5f);

    [Fact]
    public void BinEdgesSpanTheRangeOrTheValues()
    {
        Values([1, 3, 5, 7], Jnp.HistogramBinEdges(I(1, 2, 7), 3));
        // Equal ends are widened by a half each way.
        Values([1.5, 2, 2.5], Jnp.HistogramBinEdges(F(2, 2), 2));
        Values([0, 0.5, 1], Jnp.HistogramBinEdges(F(), 2));
        Values([-1, 0, 1, 2], Jnp.HistogramBinEdges(F(5), 3, (-1, 2)));
        Values([0, 1, 4], Jnp.HistogramBinEdges(F(3), I(0, 1, 4)));
        Values([1, 3, 5, 7], Jax.Jit((NDArray v) => Jnp.HistogramBinEdges(v, 3))(F(7, 2, 1)));
        Assert.Throws<ArgumentException>(() => Jnp.HistogramBinEdges(F(1), 0));
        Assert.Throws<ArgumentException>(() => Jnp.HistogramBinEdges(F(1), 2, (3, 1)));
        Assert.Throws<ShapeException>(() => Jnp.HistogramBinEdges(F(1), F(1)));
    }

    [Fact]
    public void Histogram2dCountsPointsInCells()
    {
        var (counts, xEdges, yEdges) = Jnp.Histogram2d(X(), Y(), 3);
        Ints([1, 0, 2, 0, 2, 0, 2, 0, 0], counts, [3, 3]);
        Values([0, Third, 2 * Third, 5], xEdges);
        Values([0, Third, 2 * Third, 5], yEdges);
        // Bins per dimension and a range per dimension.
        (counts, xEdges, yEdges) = Jnp.Histogram2d(X(), Y(), 2, 3, [(0, 4), (1, 5)]);
        Ints([1, 0, 2, 2, 1, 0], counts, [2, 3]);
        Values([0, 2, 4], xEdges);
        Values([1, 7.0 / 3, 11.0 / 3, 5], yEdges);
        // Weights and density.
        (counts, _, _) = Jnp.Histogram2d(X(), Y(), 2, weights: F(1, 2, 3, 4, 5, 6, 7), density: true);
        Values([0.04, 0.03428571428571429, 0.08571428571428572, 0], counts, shape: [2, 2]);
        // The same explicit edges for both dimensions.
        (counts, _, _) = Jnp.Histogram2d(X(), Y(), F(0, 2.5f, 6));
        Ints([1, 3, 3, 0], counts, [2, 2]);
    }

    [Fact]
    public void HistogramddMixesCountsAndEdgesAndDropsNaN()
    {
        var sample = Jnp.Stack([X(), Y(), X() * 2], 1);
        var (counts, edges) = Jnp.Histogramdd(sample, [2, F(0, 2.5f, 6), 1]);
        Ints([1, 3, 3, 0], counts, [2, 2, 1]);
        Values([0, 2.5, 5], edges[0]);
        Values([0, 2.5, 6], edges[1]);
        Values([0, 10], edges[2]);
        // A NaN coordinate and values outside the range are not counted.
        (counts, _) = Jnp.Histogramdd(Jnp.Stack([F(0, 1, float.NaN, 3, 9), F(0, 1, 2, 3, 1)], 1), 2, [(0, 3), (0, 3)]);
        Ints([2, 0, 0, 1], counts, [2, 2]);
        // No points: zero counts over the default range [0, 1].
        (counts, edges) = Jnp.Histogramdd(Jnp.Zeros([0, 2]), 2);
        Ints([0, 0, 0, 0], counts, [2, 2]);
        Values([0, 0.5, 1], edges[1]);
        var (empty2d, _, _) = Jnp.Histogram2d(F(), F(), 2, 3);
        Ints([0, 0, 0, 0, 0, 0], empty2d, [2, 3]);
    }

    [Fact]
    public void HistogramddWorksUnderJitAndDifferentiatesInTheWeights()
    {
        var sample = Jnp.Stack([X(), Y()], 1);
        var counts = Jax.Jit((NDArray s) => Jnp.Histogramdd(s, 3).Counts)(sample);
        Ints([1, 0, 2, 0, 2, 0, 2, 0, 0], counts, [3, 3]);
        // d sum(counts * m) / d w_i is m at point i's cell; a point outside the range gets 0.
        var m = Jnp.Array(new float[,] { { 1, 2 }, { 3, 4 } });
        var grad = Jax.Grad((NDArray w) => Jnp.Sum(Jnp.Histogram2d(X(), Y(), 2, [(0, 4), (0, 4)], w).Counts * m))(Jnp.OnesLike(X()));
        Values([0, 2, 4, 4, 3, 0, 1], grad);
        // Vmap over a batch of point sets (counts of fixed edges, so each row's cells are comparable).
        var batch = Jnp.Stack([Jnp.Stack([X(), Y()], 1), Jnp.Stack([Y(), X()], 1)]);
        JitAndVmapAgree(s => Jnp.Histogramdd(s, [F(0, 2, 4, 6), F(0, 3, 6)]).Counts.Astype(DType.Float32), batch);
    }

    [Fact]
    public void BadInputIsRefused()
    {
        Assert.Throws<ShapeException>(() => Jnp.Histogramdd(F(1, 2, 3)));
        Assert.Throws<ShapeException>(() => Jnp.Histogramdd(Jnp.Zeros([3, 0])));
        Assert.Throws<ShapeException>(() => Jnp.Histogramdd(Jnp.Zeros([3, 2]), weights: F(1, 2)));
        Assert.Throws<ArgumentException>(() => Jnp.Histogramdd(Jnp.Zeros([3, 2]), 2, [(0, 1)]));
        Assert.Throws<ArgumentException>(() => Jnp.Histogramdd(Jnp.Zeros([3, 2]), [2, 3, 4]));
        Assert.Throws<ArgumentException>(() => Jnp.Histogramdd(Jnp.Zeros([3, 2]), 0));
        Assert.Throws<ShapeException>(() => Jnp.Histogramdd(Jnp.Zeros([3, 2]), [2, F(1)]));
        Assert.Throws<ShapeException>(() => Jnp.Histogram2d(F(1, 2), F(1, 2, 3)));
        Assert.Throws<ShapeException>(() => Jnp.Histogram2d(Jnp.Zeros([2, 2]), Jnp.Zeros([2, 2])));
    }
}
