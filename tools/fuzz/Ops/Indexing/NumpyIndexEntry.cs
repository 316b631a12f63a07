namespace JaxNet.Fuzz.Ops.Indexing;

/// <summary>What one entry of a generated NumPy index is.</summary>
public enum NumpyIndexKind { Integer, Slice, NewAxis, Ellipsis, Array }

/// <summary>
/// One entry of a NumPy index in a generated program: an integer (negative counts from the end), a
/// <c>start:stop:step</c> slice (null bounds, negative steps), NewAxis, Ellipsis, or an integer array, which is the
/// op's next operand after x.
/// </summary>
public sealed record NumpyIndexEntry(NumpyIndexKind Kind, int Value = 0, int? Start = null, int? Stop = null, int Step = 1)
{
    public static NumpyIndexEntry Whole { get; } = new(NumpyIndexKind.Slice);

    /// <summary>Whether the entry takes up an axis of x (NewAxis and Ellipsis do not).</summary>
    public bool ConsumesAxis => Kind is NumpyIndexKind.Integer or NumpyIndexKind.Slice or NumpyIndexKind.Array;

    /// <summary>The entries as JaxNet's <see cref="IndexItem"/>s, the arrays taken in order from <paramref name="arrays"/>.</summary>
    public static IndexItem[] ToItems(IReadOnlyList<NumpyIndexEntry> entries, IReadOnlyList<NDArray> arrays)
    {
        var next = 0;
        return entries.Select(e => e.Kind switch
        {
            NumpyIndexKind.Integer => (IndexItem)e.Value,
            NumpyIndexKind.Slice => IndexItem.Slice(e.Start, e.Stop, e.Step),
            NumpyIndexKind.NewAxis => IndexItem.NewAxis,
            NumpyIndexKind.Ellipsis => IndexItem.Ellipsis,
            _ => arrays[next++],
        }).ToArray();
    }

    /// <summary>The entries as C# index arguments, the arrays named in order by <paramref name="arrays"/>.</summary>
    public static string Render(IReadOnlyList<NumpyIndexEntry> entries, IReadOnlyList<string> arrays)
    {
        var next = 0;
        static string Bound(int? b) => b?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null";
        return string.Join(", ", entries.Select(e => e.Kind switch
        {
            NumpyIndexKind.Integer => e.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            NumpyIndexKind.Slice => $"IndexItem.Slice({Bound(e.Start)}, {Bound(e.Stop)}, {e.Step})",
            NumpyIndexKind.NewAxis => "IndexItem.NewAxis",
            NumpyIndexKind.Ellipsis => "IndexItem.Ellipsis",
            _ => arrays[next++],
        }));
    }
}
