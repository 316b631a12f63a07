using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// histogram_bin_edges: the edges that <see cref="Histogram(NDArray, int, ValueTuple{double, double}?, NDArray?, bool)"/>
/// and <see cref="Histogramdd(NDArray, int, ValueTuple{double, double}?[], NDArray?, bool)"/> count between. The
/// number of bins is static; the range may come from the values (min and max), so the edges stay traced under Jit.
/// </summary>
public static partial class Jnp
{
    /// <summary>
    /// <paramref name="bins"/> + 1 equally spaced edges over <paramref name="range"/>, by default from min(x) to max(x)
    /// of the flattened array (0 to 1 for an empty one, as NumPy), widened by 0.5 each way when the ends are equal.
    /// The edges have x's float type (integers promote to the default float).
    /// </summary>
    public static NDArray HistogramBinEdges(NDArray x, int bins = 10, (double Min, double Max)? range = null)
    {
        if (bins < 1) throw new ArgumentException($"histogram_bin_edges: bins must be positive, got {bins}", nameof(bins));
        var a = PromoteInexact(x)[0];
        NDArray lo, hi;
        if (range is { } r)
        {
            if (!(r.Min <= r.Max)) throw new ArgumentException($"histogram_bin_edges: range max must not be below min, got ({r.Min}, {r.Max})", nameof(range));
            (lo, hi) = (Full([], r.Min, a.DType), Full([], r.Max, a.DType));
        }
        else if (a.Size == 0) (lo, hi) = (Full([], 0, a.DType), Full([], 1, a.DType));
        else (lo, hi) = (Min(a), Max(a));
        var flat = Equal(lo, hi);
        (lo, hi) = (Where(flat, lo - 0.5, lo), Where(flat, hi + 0.5, hi));
        var edges = lo + Lax.Iota(a.DType, bins + 1) * ((hi - lo) / bins);
        // The last edge is the range's end exactly, as linspace gives it.
        return Where(Equal(Lax.Iota(DType.Int32, bins + 1), bins), hi, edges);
    }

    /// <summary>Explicit edges, cast to x's float type: a vector of at least two values.</summary>
    public static NDArray HistogramBinEdges(NDArray x, NDArray bins)
    {
        if (bins.Ndim != 1 || bins.Aval.Shape[0] < 2)
            throw new ShapeException($"histogram_bin_edges: bin edges must be a vector of at least two values, got shape {Shapes.Format(bins.Aval.Shape)}");
        return Lax.ConvertElementType(bins, PromoteInexact(x)[0].DType);
    }
}
