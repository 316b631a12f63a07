using System.Runtime.CompilerServices;
using JaxNet.Core;

namespace JaxNet;

/// <summary>One entry of a basic index: an integer (removes the axis), an <see cref="Index"/> (^1 counts from the end) or a <see cref="Range"/>.</summary>
public readonly struct IndexItem
{
    private IndexItem(Index? index, Range? range)
    {
        Position = index;
        Span = range;
    }

    public Index? Position { get; }

    public Range? Span { get; }

    public static implicit operator IndexItem(int i) => new(i < 0 ? Index.FromEnd(-i) : Index.FromStart(i), null);

    public static implicit operator IndexItem(Index i) => new(i, null);

    public static implicit operator IndexItem(Range r) => new(null, r);
}

public sealed partial class NDArray
{
    /// <summary>
    /// Basic indexing: <c>x[1]</c>, <c>x[.., 0]</c>, <c>x[1..3]</c>, <c>x[^1]</c>. Integers remove their axis; ranges
    /// keep it; missing trailing entries take the whole axis. Named At so that it does not clash with Item&lt;T&gt;().
    /// </summary>
    [IndexerName("At")]
    public NDArray this[params IndexItem[] items]
    {
        get
        {
            var shape = aval.Shape;
            if (items.Length > shape.Length)
                throw new ShapeException($"too many indices ({items.Length}) for an array of shape {Shapes.Format(shape)}");
            // x[d] of an array whose rows stay on their devices (pmap's results): row d where it is, not owned.
            if (items.Length == 1 && shards is not null && items[0].Position is { } row && row.GetOffset(shape[0]) is var r && r >= 0 && r < shape[0])
                return shards[r].ReshapedView(shards[r].Shape) ?? shards[r];
            var start = new int[shape.Length];
            var limit = (int[])shape.Clone();
            var removed = new List<int>();
            for (var d = 0; d < items.Length; d++)
            {
                if (items[d].Position is { } index)
                {
                    var i = index.GetOffset(shape[d]);
                    if (i < 0 || i >= shape[d])
                        throw new ShapeException($"index {index} is out of bounds for axis {d} with size {shape[d]}");
                    start[d] = i;
                    limit[d] = i + 1;
                    removed.Add(d);
                }
                else if (items[d].Span is { } range)
                {
                    var lo = Math.Clamp(range.Start.GetOffset(shape[d]), 0, shape[d]);
                    var hi = Math.Clamp(range.End.GetOffset(shape[d]), 0, shape[d]);
                    start[d] = lo;
                    limit[d] = Math.Max(lo, hi);
                }
            }
            var result = start.All(s => s == 0) && limit.AsSpan().SequenceEqual(shape) ? this : Jax.Lax.Slice(this, start, limit);
            return removed.Count == 0 ? result : Jax.Lax.Squeeze(result, removed.ToArray());
        }
    }
}
