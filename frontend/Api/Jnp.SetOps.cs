using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// Set operations on flattened arrays: isin, and intersect1d, union1d, setdiff1d and setxor1d, whose sorted unique
/// results are found as <see cref="Unique"/> finds its values: sort, mark the first of each run of equal values that
/// belongs to the result, and gather the marked ones. Their length depends on the values, so under Jit, Vmap or Grad
/// pass a static <c>size</c> (JAX's rule): the result is cut to size or padded with <c>fillValue</c> (by default the
/// smallest result, or 0 when there is none; 0 for setdiff1d; for union1d the smallest value, as Unique). Membership
/// is equality, so NaN belongs to no set: it is in no intersection, and each input's NaN stays in a difference.
/// </summary>
public static partial class Jnp
{
    /// <summary>Whether each element of <paramref name="element"/> occurs in <paramref name="testElements"/> (any
    /// shape), in element's shape; <paramref name="invert"/> gives the opposite. A binary search of the sorted test
    /// elements.</summary>
    public static NDArray Isin(NDArray element, NDArray testElements, bool invert = false)
    {
        var p = Promote(element, Ravel(testElements));
        // Booleans search as integers: the search orders with less-than.
        if (p[0].DType == DType.Bool) p = [Lax.ConvertElementType(p[0], DType.Int32), Lax.ConvertElementType(p[1], DType.Int32)];
        var (values, tests) = (p[0], p[1]);
        var m = tests.Aval.Shape[0];
        if (m == 0 || values.Size == 0) return Full(element.Shape, invert);
        var sorted = Sort(tests, 0);
        var found = Equal(Take(sorted, Searchsorted(sorted, values), 0, TakeMode.Clip), values);
        return invert ? LogicalNot(found) : found;
    }

    /// <summary>The sorted unique values that occur in both arrays.</summary>
    public static NDArray Intersect1d(NDArray ar1, NDArray ar2, int? size = null, NDArray? fillValue = null)
    {
        var (a, b) = FlatPair(ar1, ar2);
        var runs = SortedRuns(a, null);
        return CompactRuns(runs.Sorted, LogicalAnd(runs.First, Isin(runs.Sorted, b)), size, fillValue, smallestFill: true, "intersect1d");
    }

    /// <summary>The sorted unique values of <paramref name="ar1"/> that do not occur in <paramref name="ar2"/>.</summary>
    public static NDArray Setdiff1d(NDArray ar1, NDArray ar2, int? size = null, NDArray? fillValue = null)
    {
        var (a, b) = FlatPair(ar1, ar2);
        var runs = SortedRuns(a, null);
        return CompactRuns(runs.Sorted, LogicalAnd(runs.First, Isin(runs.Sorted, b, invert: true)), size, fillValue, smallestFill: false, "setdiff1d");
    }

    /// <summary>The sorted unique values that occur in exactly one of the arrays (a NaN in each input appears once
    /// per input, as in NumPy).</summary>
    public static NDArray Setxor1d(NDArray ar1, NDArray ar2, int? size = null, NDArray? fillValue = null)
    {
        var (a, b) = FlatPair(ar1, ar2);
        var n1 = a.Aval.Shape[0];
        // Runs of equal values are split by input, so that each input's first occurrence is judged against the other.
        var fromSecond = Concatenate([Zeros([n1], DType.Int32), Ones([b.Aval.Shape[0]], DType.Int32)]);
        var runs = SortedRuns(Concatenate([a, b]), fromSecond);
        var inOther = Where(Equal(runs.Tags!, 0), Isin(runs.Sorted, b), Isin(runs.Sorted, a));
        return CompactRuns(runs.Sorted, LogicalAnd(runs.First, LogicalNot(inOther)), size, fillValue, smallestFill: true, "setxor1d");
    }

    /// <summary>The sorted unique values that occur in either array (<see cref="Unique"/> of both, flattened and
    /// joined).</summary>
    public static NDArray Union1d(NDArray ar1, NDArray ar2, int? size = null, NDArray? fillValue = null)
    {
        var (a, b) = FlatPair(ar1, ar2);
        return Unique(Concatenate([a, b]), size, fillValue);
    }

    private static (NDArray, NDArray) FlatPair(NDArray ar1, NDArray ar2)
    {
        var p = Promote(Ravel(ar1), Ravel(ar2));
        return (p[0], p[1]);
    }

    // The values sorted (by tag too, when given) and which of them start a run of equal values with equal tags.
    private static (NDArray Sorted, NDArray First, NDArray? Tags) SortedRuns(NDArray values, NDArray? tags)
    {
        var n = values.Aval.Shape[0];
        if (n == 0) return (values, Zeros([0], DType.Bool), tags);
        var sorted = tags is null ? [Sort(values, 0)] : Lax.Sort([values, tags], 0, numKeys: 2);
        NDArray Differs(NDArray v)
        {
            var (tail, head) = (Lax.SliceInDim(v, 1, n), Lax.SliceInDim(v, 0, n - 1));
            var differs = NotEqual(tail, head);
            return v.DType.IsInexact() ? LogicalAnd(differs, LogicalNot(LogicalAnd(IsNan(tail), IsNan(head)))) : differs;
        }
        var change = tags is null ? Differs(sorted[0]) : LogicalOr(Differs(sorted[0]), Differs(sorted[1]));
        return (sorted[0], Concatenate([Full([1], true), change]), tags is null ? null : sorted[1]);
    }

    private static NDArray CompactRuns(NDArray sorted, NDArray keep, int? size, NDArray? fillValue, bool smallestFill, string op)
    {
        if (size < 0) throw new ArgumentException($"{op}: size must be non-negative, got {size}", nameof(size));
        if (sorted.Size == 0) return Full([size ?? 0], fillValue ?? 0, sorted.DType);
        var (positions, padded) = NonzeroFlat(keep, size, op);
        var values = Take(sorted, positions, 0, TakeMode.Clip);
        if (padded is null) return values;
        // JAX's default fill: the smallest result (the first, as they are sorted), or 0 when there is none.
        var fill = fillValue ?? (smallestFill && values.Size > 0
            ? Where(Any(keep), Lax.Reshape(Lax.SliceInDim(values, 0, 1), []), 0)
            : (NDArray)0);
        return Where(padded, Lax.ConvertElementType(fill, sorted.DType), values);
    }
}
