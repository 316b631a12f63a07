using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// bincount and histogram as JAX computes them: a scatter-add of the weights (or of ones) into the bins, so the
/// counts differentiate with respect to the weights and work under Jit and Vmap once their length is static.
/// </summary>
public static partial class Jnp
{
    /// <summary>
    /// How many times each non-negative integer occurs (or the sum of <paramref name="weights"/> at its
    /// occurrences). Under a transformation <paramref name="length"/> must be given (the output's static size;
    /// values at or beyond it are dropped); eagerly it defaults to max(minlength, max(x) + 1). As in JAX, negative
    /// values count in bin 0.
    /// </summary>
    public static NDArray Bincount(NDArray x, NDArray? weights = null, int minlength = 0, int? length = null)
    {
        if (x.DType == DType.Bool) x = Lax.ConvertElementType(x, DType.Int32);
        if (!x.DType.IsInteger())
            throw new ArgumentException($"bincount: x must have an integer type, got {x.DType.NumpyName()}", nameof(x));
        if (x.Ndim != 1) throw new ShapeException($"bincount: x must be one-dimensional, got shape {Shapes.Format(x.Aval.Shape)}");
        if (minlength < 0) throw new ArgumentException($"bincount: minlength must be non-negative, got {minlength}", nameof(minlength));
        if (weights is not null && !Shapes.Equal(weights.Aval.Shape, x.Aval.Shape))
            throw new ShapeException($"bincount: weights {Shapes.Format(weights.Aval.Shape)} must have the shape of x {Shapes.Format(x.Aval.Shape)}");
        if (length is null)
        {
            if (!x.IsConcrete)
                throw new ConcretizationTypeError("bincount: the output length depends on the values of x, which are traced here; pass a static length");
            length = Math.Max(minlength, x.Size == 0 ? 0 : (int)Math.Max(0L, Max(x).Item<long>()) + 1);
        }
        if (length < 0) throw new ArgumentException($"bincount: length must be non-negative, got {length}", nameof(length));
        var updates = weights ?? Ones(x.Shape, DType.Int32);
        return ScatterAddInto(Zeros([length.Value], updates.DType), Maximum(x, 0), updates);
    }

    /// <summary>
    /// Counts of <paramref name="x"/> (flattened) in <paramref name="bins"/> equal bins over
    /// <paramref name="range"/> (by default from min(x) to max(x), widened by 0.5 each way when they are equal). Bins
    /// are half open except the last, which holds its right edge; values outside and NaNs are not counted. With
    /// <paramref name="density"/>, counts / bin width / total. Returns the counts and the bins + 1 edges.
    /// </summary>
    public static (NDArray Counts, NDArray BinEdges) Histogram(NDArray x, int bins = 10, (double Min, double Max)? range = null,
        NDArray? weights = null, bool density = false)
    {
        var a = PromoteInexact(x)[0];
        return HistogramOn(a, HistogramBinEdges(a, bins, range), weights, density);
    }

    /// <summary>Counts of <paramref name="x"/> (flattened) between the given monotonically increasing edges.</summary>
    public static (NDArray Counts, NDArray BinEdges) Histogram(NDArray x, NDArray bins, NDArray? weights = null, bool density = false)
    {
        var a = PromoteInexact(x)[0];
        return HistogramOn(a, HistogramBinEdges(a, bins), weights, density);
    }

    private static (NDArray, NDArray) HistogramOn(NDArray a, NDArray edges, NDArray? weights, bool density)
    {
        if (weights is not null && !Shapes.Equal(weights.Aval.Shape, a.Aval.Shape))
            throw new ShapeException($"histogram: weights {Shapes.Format(weights.Aval.Shape)} must have the shape of x {Shapes.Format(a.Aval.Shape)}");
        var w = weights is null ? OnesLike(a) : PromoteInexact(a, weights)[1];
        var (flat, fw) = (Ravel(a), Ravel(w));
        var n = edges.Aval.Shape[0];
        var index = Searchsorted(edges, flat, SearchSide.Right);
        index = Where(Equal(flat, Lax.Reshape(Lax.SliceInDim(edges, n - 1, n), [])), n - 1, index);
        var counts = Lax.SliceInDim(ScatterAddInto(Zeros([n], fw.DType), index, fw), 1, n);
        if (density) counts = counts / Diff(edges) / Sum(counts);
        return (counts, edges);
    }

    // operand.at[index].add(updates) for a vector operand; indices outside it are dropped.
    private static NDArray ScatterAddInto(NDArray operand, NDArray index, NDArray updates) =>
        Lax.ScatterAdd(operand, Lax.ExpandDims(IndexArray(index, "scatter"), [index.Ndim]), updates, [], [0], [0], IndexMode.FillOrDrop);
}
