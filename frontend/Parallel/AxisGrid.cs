namespace JaxNet.Parallel;

/// <summary>
/// The named axes that the members of an SPMD program are laid out on, major to minor: one axis for a pmap, a mesh's
/// axes for a shard_map. Member m sits at the row-major coordinates of m in <see cref="Sizes"/>. A collective over some
/// of the axes runs within groups: the members that share their coordinates along every other axis, in row-major order
/// over the collective's axes.
/// As an xla_pmap parameter it compares by value.
/// </summary>
public sealed class AxisGrid : IEquatable<AxisGrid>
{
    public AxisGrid(IReadOnlyList<string> names, IReadOnlyList<int> sizes)
    {
        if (names.Count != sizes.Count || names.Count == 0)
            throw new ArgumentException($"an axis grid needs one size per name, and at least one axis ({names.Count} names, {sizes.Count} sizes)");
        Names = names.ToArray();
        Sizes = sizes.ToArray();
    }

    /// <summary>One axis of <paramref name="size"/> members (a pmap's).</summary>
    public static AxisGrid Single(string name, int size) => new([name], [size]);

    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<int> Sizes { get; }

    /// <summary>Members in all.</summary>
    public int Size => Sizes.Aggregate(1, (a, b) => a * b);

    public bool Contains(string name) => Names.Contains(name);

    /// <summary>
    /// The members that meet at a collective over the axes <paramref name="axes"/>: one group per position along the
    /// other axes, each ordered row-major over <paramref name="axes"/> in the order given (the first name major, as JAX
    /// numbers a tuple of axes), so that a member's place in its group is its index over the tuple.
    /// </summary>
    public int[][] Groups(AxisNames axes)
    {
        var positions = axes.Names.Select(name => Names.ToList().IndexOf(name) is >= 0 and var a
            ? a
            : throw new ArgumentException($"axis '{name}' is not one of {this}", nameof(axes))).ToArray();
        var inTuple = new bool[Sizes.Count];
        foreach (var a in positions) inTuple[a] = true;
        // A group is named by its members' coordinates off the tuple; its order is their row-major index over the tuple.
        int Linear(int[] coordinates, IEnumerable<int> over) => over.Aggregate(0, (index, a) => index * Sizes[a] + coordinates[a]);
        var others = Enumerable.Range(0, Sizes.Count).Where(a => !inTuple[a]).ToArray();
        return Enumerable.Range(0, Size)
            .Select(m => (Member: m, Coordinates: Coordinates(m)))
            .GroupBy(m => Linear(m.Coordinates, others))
            .Select(g => g.OrderBy(m => Linear(m.Coordinates, positions)).Select(m => m.Member).ToArray())
            .ToArray();
    }

    /// <summary>Member <paramref name="member"/>'s position along each axis (row-major: the last axis varies fastest).</summary>
    public int[] Coordinates(int member)
    {
        var coordinates = new int[Sizes.Count];
        for (var a = Sizes.Count - 1; a >= 0; a--)
        {
            coordinates[a] = member % Sizes[a];
            member /= Sizes[a];
        }
        return coordinates;
    }

    public bool Equals(AxisGrid? other) => other is not null && Names.SequenceEqual(other.Names) && Sizes.SequenceEqual(other.Sizes);

    public override bool Equals(object? obj) => obj is AxisGrid o && Equals(o);

    public override int GetHashCode() => Names.Zip(Sizes).Aggregate(Names.Count, (h, a) => HashCode.Combine(h, a.First, a.Second));

    /// <summary>As JAX prints a mesh's shape: <c>('data': 2, 'model': 4)</c>.</summary>
    public override string ToString() => "(" + string.Join(", ", Names.Zip(Sizes).Select(a => $"'{a.First}': {a.Second}")) + ")";
}
