using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// NumPy's indexing rules, shared by <c>x[...]</c> and <c>x.At[...]</c>. Basic entries (integers, ranges, strided
/// slices, new axes, an ellipsis) become one strided slice, reversals and a reshape; integer arrays (and the
/// integers and masks beside them) become one gather whose batch dimensions take the arrays' place when they are
/// adjacent and go first when they are not, as in NumPy.
/// </summary>
internal static class NumpyIndex
{
    /// <summary>
    /// x[items]. An integer array's index outside [-n, n) is clamped (<see cref="IndexMode.Clip"/>, JAX's rule for
    /// reading) or gives <paramref name="fill"/> (<see cref="IndexMode.FillOrDrop"/>). With
    /// <paramref name="integersAsArrays"/> every integer entry is an index array too, so an integer out of range is
    /// not an error but follows <paramref name="mode"/> (what an update needs: JAX drops it).
    /// </summary>
    public static NDArray Get(NDArray x, IndexItem[] items, IndexMode mode, double fill, bool integersAsArrays = false)
    {
        var expanded = Expand(x.Aval.Shape, items, out var hasArrays);
        if (integersAsArrays || hasArrays)
        {
            expanded = expanded.SelectMany(item => item.Kind switch
            {
                // ^0 is one past the end: out of range, as it is for the basic rule.
                IndexItem.IndexKind.Position => new IndexItem[] { Jnp.Array(item.Position.IsFromEnd ? (item.Position.Value == 0 ? int.MaxValue : -item.Position.Value) : item.Position.Value) },
                IndexItem.IndexKind.Array when item.Array!.DType == DType.Bool => MaskIndices(item.Array),
                _ => new[] { item },
            }).ToList();
            if (expanded.Any(item => item.Kind == IndexItem.IndexKind.Array)) return Advanced(x, expanded, mode, fill);
        }
        return Basic(x, expanded);
    }

    /// <summary>Replaces the ellipsis (or appends) with whole axes and checks that the entries fit the rank.</summary>
    private static List<IndexItem> Expand(int[] shape, IndexItem[] items, out bool hasArrays)
    {
        hasArrays = items.Any(i => i.Kind == IndexItem.IndexKind.Array);
        var ellipses = items.Count(i => i.Kind == IndexItem.IndexKind.Ellipsis);
        if (ellipses > 1) throw new ShapeException("an index can only have a single ellipsis");
        var consumed = items.Sum(i => i.Kind switch
        {
            IndexItem.IndexKind.NewAxis or IndexItem.IndexKind.Ellipsis => 0,
            IndexItem.IndexKind.Array when i.Array!.DType == DType.Bool => Math.Max(i.Array.Ndim, 1),
            _ => 1,
        });
        if (consumed > shape.Length)
            throw new ShapeException($"too many indices ({consumed}) for an array of shape {Shapes.Format(shape)}");
        var whole = Enumerable.Repeat((IndexItem)Range.All, shape.Length - consumed);
        var at = Array.FindIndex(items, i => i.Kind == IndexItem.IndexKind.Ellipsis);
        return at < 0 ? [.. items, .. whole] : [.. items[..at], .. whole, .. items[(at + 1)..]];
    }

    /// <summary>Only basic entries: a strided slice of every axis, reversals for negative steps, then a reshape that
    /// drops the integers' axes and adds the new ones.</summary>
    private static NDArray Basic(NDArray x, List<IndexItem> items)
    {
        var shape = x.Aval.Shape;
        var start = new int[shape.Length];
        var limit = (int[])shape.Clone();
        var strides = Enumerable.Repeat(1, shape.Length).ToArray();
        var reversed = new List<int>();
        var result = new List<int>();
        var axis = 0;
        foreach (var item in items)
        {
            if (item.Kind == IndexItem.IndexKind.NewAxis)
            {
                result.Add(1);
                continue;
            }
            var n = shape[axis];
            switch (item.Kind)
            {
                case IndexItem.IndexKind.Position:
                    var i = item.Position.GetOffset(n);
                    if (i < 0 || i >= n) throw new ShapeException($"index {item.Position} is out of bounds for axis {axis} with size {n}");
                    start[axis] = i;
                    limit[axis] = i + 1;
                    break;
                case IndexItem.IndexKind.Span:
                    start[axis] = Math.Clamp(item.Span.Start.GetOffset(n), 0, n);
                    limit[axis] = Math.Max(start[axis], Math.Clamp(item.Span.End.GetOffset(n), 0, n));
                    result.Add(limit[axis] - start[axis]);
                    break;
                default:
                    var (first, count) = SliceIndices(item, n);
                    var step = Math.Abs(item.Step);
                    // A backward slice is the forward slice of the same elements, reversed.
                    var lowest = item.Step > 0 ? first : first + (count - 1) * item.Step;
                    start[axis] = count == 0 ? 0 : lowest;
                    limit[axis] = count == 0 ? 0 : lowest + (count - 1) * step + 1;
                    strides[axis] = step;
                    if (item.Step < 0 && count > 1) reversed.Add(axis);
                    result.Add(count);
                    break;
            }
            axis++;
        }
        var sliced = start.All(s => s == 0) && limit.AsSpan().SequenceEqual(shape) && strides.All(s => s == 1)
            ? x : Lax.Slice(x, start, limit, strides);
        if (reversed.Count > 0) sliced = Lax.Rev(sliced, [.. reversed]);
        return Shapes.Equal(sliced.Aval.Shape, [.. result]) ? sliced : Lax.Reshape(sliced, [.. result]);
    }

    /// <summary>Python's slice.indices: the first element and how many a start:stop:step slice takes of n.</summary>
    private static (int First, int Count) SliceIndices(IndexItem item, int n)
    {
        var step = item.Step;
        static int Bound(int? value, int n, int low, int high, int missing) => value is not { } v ? missing : Math.Clamp(v < 0 ? v + n : v, low, high);
        int first, stop;
        if (step > 0)
        {
            first = Bound(item.Start, n, 0, n, 0);
            stop = Bound(item.Stop, n, 0, n, n);
            return (first, Math.Max(0, (stop - first + step - 1) / step));
        }
        first = Bound(item.Start, n, -1, n - 1, n - 1);
        stop = Bound(item.Stop, n, -1, n - 1, -1);
        return (first, Math.Max(0, (first - stop - step - 1) / -step));
    }

    /// <summary>A mask's true positions as one index array per masked axis (the mask's values must be known).</summary>
    private static IEnumerable<IndexItem> MaskIndices(NDArray mask)
    {
        if (!mask.IsConcrete)
            throw new ConcretizationTypeError(
                "boolean mask indexing: the result's size depends on the mask's values, which are traced here; " +
                "use Jnp.Where(mask, x, other) or a mask with a static size (Jnp.Nonzero(mask, size: n))");
        if (mask.Ndim == 0) throw new ShapeException("a 0-d boolean index is not supported; use Jnp.Where");
        return Jnp.Nonzero(mask).Select(indices => (IndexItem)indices);
    }

    /// <summary>Index values as int32, saturating: an int64, uint32 or uint64 index outside int32's range stays out of range
    /// (converting would wrap it, long.MinValue to 0, so an update meant to be dropped landed on element 0).</summary>
    private static NDArray ToInt32(NDArray indices)
    {
        if (indices.DType is not (DType.Int64 or DType.UInt32 or DType.UInt64)) return indices.DType == DType.Int32 ? indices : Lax.ConvertElementType(indices, DType.Int32);
        NDArray Bound(int value) => Lax.ConvertElementType(Jnp.Scalar((long)value), indices.DType);
        var below = Lax.Min(indices, Bound(int.MaxValue));
        if (indices.DType == DType.Int64) below = Lax.Max(below, Bound(int.MinValue));
        return Lax.ConvertElementType(below, DType.Int32);
    }

    /// <summary>
    /// Integer arrays (every entry an integer array now, or basic): the basic entries first, each array's axis kept
    /// whole, then one gather over the arrays' axes.
    /// </summary>
    private static NDArray Advanced(NDArray x, List<IndexItem> items, IndexMode mode, double fill)
    {
        var basicItems = items.Select(i => i.Kind == IndexItem.IndexKind.Array ? (IndexItem)Range.All : i).ToList();
        var y = Basic(x, basicItems);
        var shape = y.Aval.Shape;
        var axes = new List<int>();
        var arrays = new List<NDArray>();
        for (var d = 0; d < items.Count; d++)
        {
            if (items[d].Kind != IndexItem.IndexKind.Array) continue;
            var indices = items[d].Array!;
            if (!indices.DType.IsInteger())
                throw new ArgumentException($"indexing: index arrays must be integers or booleans, got {indices.DType.NumpyName()}");
            axes.Add(d);
            arrays.Add(indices);
        }
        var batch = arrays.Select(a => a.Aval.Shape).Aggregate((a, b) => Shapes.Broadcast("indexing", a, b));
        var adjacent = axes[^1] - axes[0] == axes.Count - 1;
        var rest = Enumerable.Range(0, shape.Length).Where(d => !axes.Contains(d)).ToArray();
        int[] resultShape = adjacent
            ? [.. shape[..axes[0]], .. batch, .. shape[(axes[^1] + 1)..]]
            : [.. batch, .. rest.Select(d => shape[d])];
        if (resultShape.Contains(0)) return Jnp.Zeros(resultShape, y.DType);
        foreach (var d in axes)
            if (shape[d] == 0) throw new ShapeException($"index is out of bounds for axis {d} with size 0");
        var vectors = arrays.Select((a, k) =>
        {
            var n = shape[axes[k]];
            var i = ToInt32(a);
            i = Jnp.Where(Jnp.Less(i, 0), i + n, i);
            return Lax.ExpandDims(Jnp.BroadcastTo(i, batch), [batch.Length]);
        }).ToArray();
        var startIndices = vectors.Length == 1 ? vectors[0] : Lax.Concatenate(vectors, batch.Length);
        var offsetDims = rest.Select(d => adjacent ? (d < axes[0] ? d : d - axes.Count + batch.Length) : batch.Length + Array.IndexOf(rest, d)).ToArray();
        var sliceSizes = shape.Select((n, d) => axes.Contains(d) ? 1 : n).ToArray();
        return Lax.Gather(y, startIndices, offsetDims, [.. axes], [.. axes], sliceSizes, mode, fill);
    }
}
