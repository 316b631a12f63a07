using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// histogramdd and histogram2d as JAX counts them: each coordinate finds its bin by searchsorted (a value on the
/// last edge counts in the last bin; values outside and NaNs in none), the bins of a sample combine into one flat
/// index, and a bincount of static length counts them, so the counts differentiate with respect to the weights and
/// work under Jit and Vmap. Without weights the counts are int32 (JAX's; NumPy gives floats).
/// </summary>
public static partial class Jnp
{
    /// <summary>
    /// The D-dimensional histogram of <paramref name="sample"/> (N points of D coordinates, shape [N, D]) with the
    /// same number of equal bins in every dimension. <paramref name="range"/> gives each dimension's (min, max), or
    /// null for that dimension's min and max; <paramref name="weights"/> one weight per point. With
    /// <paramref name="density"/> the counts are divided by their total and by each bin's volume. Returns the counts
    /// and each dimension's edges.
    /// </summary>
    public static (NDArray Counts, NDArray[] BinEdges) Histogramdd(NDArray sample, int bins = 10,
        (double Min, double Max)?[]? range = null, NDArray? weights = null, bool density = false)
    {
        var dims = sample.Ndim == 2 ? sample.Aval.Shape[1] : 0;
        return Histogramdd(sample, Enumerable.Repeat((HistogramBins)bins, dims).ToArray(), range, weights, density);
    }

    /// <summary>As above with each dimension's bins given apart: a count or explicit edges (<c>[10, edges]</c>).</summary>
    public static (NDArray Counts, NDArray[] BinEdges) Histogramdd(NDArray sample, HistogramBins[] bins,
        (double Min, double Max)?[]? range = null, NDArray? weights = null, bool density = false)
    {
        if (sample.Ndim != 2 || sample.Aval.Shape[1] == 0)
            throw new ShapeException($"histogramdd: sample must have shape [N, D] with D at least 1, got {Shapes.Format(sample.Aval.Shape)}");
        var (n, d) = (sample.Aval.Shape[0], sample.Aval.Shape[1]);
        if (weights is not null && !Shapes.Equal(weights.Aval.Shape, [n]))
            throw new ShapeException($"histogramdd: weights {Shapes.Format(weights.Aval.Shape)} must hold one weight per point, [{n}]");
        if (range is not null && range.Length != d)
            throw new ArgumentException($"histogramdd: range must hold {d} (min, max) pairs or nulls, one per dimension, got {range.Length}", nameof(range));
        if (bins.Length != d)
            throw new ArgumentException($"histogramdd: bins must hold one entry per dimension ({d}), got {bins.Length}", nameof(bins));
        var promoted = weights is null ? PromoteInexact(sample) : PromoteInexact(sample, weights);
        var points = promoted[0];
        var binIndex = new NDArray[d];
        var edges = new NDArray[d];
        for (var i = 0; i < d; i++)
        {
            var column = Lax.Reshape(Lax.SliceInDim(points, i, i + 1, 1, 1), [n]);
            edges[i] = bins[i].Edges is { } e ? HistogramBinEdges(column, e) : HistogramBinEdges(column, bins[i].Count, range?[i]);
            var last = Lax.Reshape(Lax.SliceInDim(edges[i], edges[i].Aval.Shape[0] - 1, edges[i].Aval.Shape[0]), []);
            var index = Searchsorted(edges[i], column, SearchSide.Right);
            binIndex[i] = Where(Equal(column, last), index - 1, index);
        }
        // Each dimension has a bin below its first edge (index 0) and one above its last (NaNs land there too):
        // they are counted with the others, then cut off.
        var outer = edges.Select(e => e.Aval.Shape[0] + 1).ToArray();
        var flat = RavelMultiIndex(binIndex, outer, "clip");
        var counts = Lax.Reshape(Bincount(flat, weights is null ? null : promoted[1], length: outer.Aggregate(1, (a, b) => a * b)), outer);
        for (var i = 0; i < d; i++) counts = Lax.SliceInDim(counts, 1, outer[i] - 1, 1, i);
        if (!density) return (counts, edges);
        counts = Lax.ConvertElementType(counts, points.DType);
        counts = counts / Sum(counts);
        for (var i = 0; i < d; i++)
        {
            var shape = Enumerable.Repeat(1, d).ToArray();
            shape[i] = outer[i] - 2;
            counts = counts / Lax.Reshape(Diff(edges[i]), shape);
        }
        return (counts, edges);
    }

    /// <summary>
    /// The two-dimensional histogram of the points (x[i], y[i]) (vectors of one length), <paramref name="bins"/>
    /// equal bins in each dimension; see <see cref="Histogramdd(NDArray, int, ValueTuple{double, double}?[], NDArray?, bool)"/>.
    /// Returns the [xBins, yBins] counts and the edges of each dimension.
    /// </summary>
    public static (NDArray Counts, NDArray XEdges, NDArray YEdges) Histogram2d(NDArray x, NDArray y, int bins = 10,
        (double Min, double Max)?[]? range = null, NDArray? weights = null, bool density = false) =>
        Histogram2d(x, y, bins, bins, range, weights, density);

    /// <summary>The two-dimensional histogram with the same explicit edges in both dimensions.</summary>
    public static (NDArray Counts, NDArray XEdges, NDArray YEdges) Histogram2d(NDArray x, NDArray y, NDArray bins,
        (double Min, double Max)?[]? range = null, NDArray? weights = null, bool density = false) =>
        Histogram2d(x, y, (HistogramBins)bins, bins, range, weights, density);

    /// <summary>The two-dimensional histogram with each dimension's bins (a count or explicit edges).</summary>
    public static (NDArray Counts, NDArray XEdges, NDArray YEdges) Histogram2d(NDArray x, NDArray y, HistogramBins xBins,
        HistogramBins yBins, (double Min, double Max)?[]? range = null, NDArray? weights = null, bool density = false)
    {
        if (x.Ndim != 1 || !Shapes.Equal(x.Aval.Shape, y.Aval.Shape))
            throw new ShapeException($"histogram2d: x and y must be vectors of one length, got {Shapes.Format(x.Aval.Shape)} and {Shapes.Format(y.Aval.Shape)}");
        var (counts, edges) = Histogramdd(Stack([x, y], 1), [xBins, yBins], range, weights, density);
        return (counts, edges[0], edges[1]);
    }
}
