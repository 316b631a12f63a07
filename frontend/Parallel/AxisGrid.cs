namespace JaxNet.Parallel;

/// <summary>
/// The named axes that the members of an SPMD program are laid out on, major to minor: one axis for a pmap, a mesh's
/// axes for a shard_map. Member m sits at the row-major coordinates of m in <see cref="Sizes"/>. A collective over one
/// axis runs within groups: the members that share their coordinates along every other axis, in order along it.
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

    /// <summary>The members that meet at a collective over <paramref name="name"/>: one group per position along the
    /// other axes, each ordered along <paramref name="name"/>, so that a member's place in its group is its index
    /// along the axis.</summary>
    public int[][] Groups(string name)
    {
        var axis = Names.ToList().IndexOf(name);
        if (axis < 0) throw new ArgumentException($"axis '{name}' is not one of {this}", nameof(name));
        // Row-major: members one step apart along the axis are `stride` apart; the axes after it vary fastest.
        var stride = Sizes.Skip(axis + 1).Aggregate(1, (a, b) => a * b);
        var size = Sizes[axis];
        return Enumerable.Range(0, Size)
            .Where(m => m / stride % size == 0)
            .Select(first => Enumerable.Range(0, size).Select(i => first + i * stride).ToArray())
            .ToArray();
    }

    public bool Equals(AxisGrid? other) => other is not null && Names.SequenceEqual(other.Names) && Sizes.SequenceEqual(other.Sizes);

    public override bool Equals(object? obj) => obj is AxisGrid o && Equals(o);

    public override int GetHashCode() => Names.Zip(Sizes).Aggregate(Names.Count, (h, a) => HashCode.Combine(h, a.First, a.Second));

    /// <summary>As JAX prints a mesh's shape: <c>('data': 2, 'model': 4)</c>.</summary>
    public override string ToString() => "(" + string.Join(", ", Names.Zip(Sizes).Select(a => $"'{a.First}': {a.Second}")) + ")";
}
