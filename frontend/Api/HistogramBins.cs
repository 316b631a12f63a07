namespace JaxNet;

/// <summary>
/// The bins of one dimension of <see cref="Jnp.Histogramdd(NDArray, HistogramBins[], ValueTuple{double, double}?[], NDArray?, bool)"/>
/// and <see cref="Jnp.Histogram2d(NDArray, NDArray, HistogramBins, HistogramBins, ValueTuple{double, double}?[], NDArray?, bool)"/>:
/// a number of equal bins over the range, or explicit increasing edges. NumPy and JAX take either in the same
/// argument; here an <c>int</c> or an <see cref="NDArray"/> converts implicitly, so <c>[10, edges]</c> mixes them.
/// </summary>
public readonly struct HistogramBins
{
    private HistogramBins(int count, NDArray? edges) => (Count, Edges) = (count, edges);

    /// <summary>The number of equal bins (when <see cref="Edges"/> is null).</summary>
    public int Count { get; }

    /// <summary>Explicit bin edges, a vector of at least two increasing values, or null.</summary>
    public NDArray? Edges { get; }

    public static implicit operator HistogramBins(int count) => new(count, null);

    public static implicit operator HistogramBins(NDArray edges) => new(0, edges);
}
