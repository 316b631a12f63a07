using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// The unique values of an array (flattened), sorted, as JAX finds them: sort, mark each value that differs from
/// its predecessor, and gather the marked ones. The count depends on the values, so under a transformation pass a
/// static <c>size</c> (JAX's rule): the result is cut to size or padded with <c>fillValue</c>, by default the
/// smallest value (an empty input then needs a fill value). With <c>equalNan</c> all NaNs are one value (jnp.unique's
/// default); without it each NaN is its own (the array API's unique_values, unique_counts, unique_inverse and
/// unique_all).
/// </summary>
public static partial class Jnp
{
    /// <summary>The sorted unique values of the flattened array.</summary>
    public static NDArray Unique(NDArray x, int? size = null, NDArray? fillValue = null, bool equalNan = true) =>
        UniqueCore(x, size, fillValue, equalNan, "unique").Values;

    /// <summary>The sorted unique values and how often each occurs (padding counts 0).</summary>
    public static (NDArray Values, NDArray Counts) UniqueCounts(NDArray x, int? size = null, NDArray? fillValue = null, bool equalNan = false)
    {
        var u = UniqueCore(x, size, fillValue, equalNan, "unique_counts");
        return (u.Values, Counts(u, "unique_counts"));
    }

    /// <summary>The sorted unique values and, for each element of x (in x's shape), the index of its value among
    /// them.</summary>
    public static (NDArray Values, NDArray InverseIndices) UniqueInverse(NDArray x, int? size = null, NDArray? fillValue = null, bool equalNan = false)
    {
        var u = UniqueCore(x, size, fillValue, equalNan, "unique_inverse");
        return (u.Values, InverseIndices(u, x));
    }

    /// <summary>The array API's unique_values: the sorted unique values, each NaN apart (equal_nan=False).</summary>
    public static NDArray UniqueValues(NDArray x, int? size = null, NDArray? fillValue = null) =>
        UniqueCore(x, size, fillValue, equalNan: false, "unique_values").Values;

    /// <summary>
    /// The array API's unique_all: the sorted unique values (each NaN apart), the flat index in x of each one's first
    /// occurrence, the index of each element's value (in x's shape), and the counts. Padding (with a static size)
    /// has index 0's entries: the smallest value's first index, and count 0.
    /// </summary>
    public static (NDArray Values, NDArray Indices, NDArray InverseIndices, NDArray Counts) UniqueAll(NDArray x, int? size = null,
        NDArray? fillValue = null)
    {
        var u = UniqueCore(x, size, fillValue, equalNan: false, "unique_all");
        var indices = u.Sorted.Size == 0 ? u.Positions : Take(u.Permutation, u.Positions, 0, TakeMode.Clip);
        return (u.Values, indices, InverseIndices(u, x), Counts(u, "unique_all"));
    }

    private static NDArray Counts(UniqueParts u, string op)
    {
        if (u.Sorted.Size == 0) return Zeros([u.Values.Aval.Shape[0]], DType.Int32);
        var n = (int)u.Sorted.Size;
        // The start of each unique run and of the one after it; the padding's starts (0) become n, so padding counts 0.
        var starts = NonzeroFlat(u.Mask, u.Values.Aval.Shape[0] + 1, op).Positions;
        var next = Lax.SliceInDim(starts, 1, (int)starts.Size);
        var bounds = Lax.Concatenate([Lax.SliceInDim(starts, 0, 1), Where(Equal(next, 0), n, next)], 0);
        return Diff(bounds);
    }

    private static NDArray InverseIndices(UniqueParts u, NDArray x)
    {
        if (u.Sorted.Size == 0) return Zeros(x.Shape, DType.Int32);
        // Run numbers in sorted order, put back in x's order through the inverse permutation.
        var run = Cumsum(u.Mask) - 1;
        var inverse = Take(run, Argsort(u.Permutation), 0, TakeMode.Clip);
        return Lax.Reshape(inverse, x.Shape);
    }

    // The unique values (cut or padded to size), x sorted, the mask of each run's start, the sorting permutation, and
    // the positions in sorted order of the values (padding reads position 0).
    private readonly record struct UniqueParts(NDArray Values, NDArray Sorted, NDArray Mask, NDArray Permutation, NDArray Positions);

    private static UniqueParts UniqueCore(NDArray x, int? size, NDArray? fillValue, bool equalNan, string op)
    {
        var flat = Ravel(x);
        var n = (int)flat.Size;
        if (size is null && !x.IsConcrete)
            throw new ConcretizationTypeError($"{op}: the number of unique values depends on the values, which are traced here; pass a static size");
        if (size < 0) throw new ArgumentException($"{op}: size must be non-negative, got {size}", nameof(size));
        if (n == 0)
        {
            if (size is null or 0) return new(flat, flat, Zeros([0], DType.Bool), Zeros([0], DType.Int32), Zeros([0], DType.Int32));
            if (fillValue is null) throw new ArgumentException($"{op}: for an empty input with a nonzero size, fillValue must be given", nameof(fillValue));
            return new(Full([size.Value], fillValue, x.DType), flat, Zeros([0], DType.Bool), Zeros([0], DType.Int32), Zeros([size.Value], DType.Int32));
        }
        var permutation = Argsort(flat, 0);
        var sorted = Take(flat, permutation, 0, TakeMode.Clip);
        var (tail, head) = (Lax.SliceInDim(sorted, 1, n), Lax.SliceInDim(sorted, 0, n - 1));
        var differs = Lax.Ne(tail, head);
        if (equalNan && x.DType.IsInexact()) differs = LogicalAnd(differs, LogicalNot(LogicalAnd(IsNan(tail), IsNan(head))));
        var mask = Lax.Concatenate([Full([1], true), differs], 0);
        var (positions, padded) = NonzeroFlat(mask, size, op);
        var values = Take(sorted, positions, 0, TakeMode.Clip);
        if (fillValue is not null && padded is not null)
            values = Lax.Select(padded, BroadcastTo(Lax.ConvertElementType(fillValue, x.DType), values.Shape), values);
        return new(values, sorted, mask, permutation, positions);
    }
}
