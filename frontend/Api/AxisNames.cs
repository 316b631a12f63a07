namespace JaxNet;

/// <summary>
/// One or more mesh axis names, major to minor, as JAX writes a tuple of names: an entry of a
/// <see cref="PartitionSpec"/> that splits one dimension over several mesh axis (<c>P(('data', 'model'), None)</c> is
/// <c>new PartitionSpec(("data", "model"), null)</c>), or the axes a collective runs over
/// (<c>Lax.Psum(x, ("data", "model"))</c>). A string converts to one name, a tuple of strings to several.
/// </summary>
public sealed class AxisNames : IEquatable<AxisNames>
{
    public AxisNames(params string[] names)
    {
        if (names.Length == 0) throw new ArgumentException("a tuple of axis names needs at least one name", nameof(names));
        if (names.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("an axis needs a name", nameof(names));
        if (names.Distinct().Count() != names.Length)
            throw new ArgumentException($"({string.Join(", ", names.Select(n => $"'{n}'"))}) names an axis twice", nameof(names));
        Names = names.ToArray();
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>The name, when there is one.</summary>
    public string? Single => Names.Count == 1 ? Names[0] : null;

    public bool Contains(string name) => Names.Contains(name);

    public static implicit operator AxisNames(string name) => new(name);

    public static implicit operator AxisNames((string, string) names) => new(names.Item1, names.Item2);

    public static implicit operator AxisNames((string, string, string) names) => new(names.Item1, names.Item2, names.Item3);

    public static implicit operator AxisNames((string, string, string, string) names) =>
        new(names.Item1, names.Item2, names.Item3, names.Item4);

    /// <summary>Names in the same order: a collective over ('data', 'model') numbers its members otherwise than one over
    /// ('model', 'data').</summary>
    public bool Equals(AxisNames? other) => other is not null && Names.SequenceEqual(other.Names);

    public override bool Equals(object? obj) => obj is AxisNames o && Equals(o);

    public override int GetHashCode() => Names.Aggregate(Names.Count, HashCode.Combine);

    /// <summary>As JAX prints it: <c>'data'</c>, or <c>('data', 'model')</c>.</summary>
    public override string ToString() => Names.Count == 1 ? $"'{Names[0]}'" : "(" + string.Join(", ", Names.Select(n => $"'{n}'")) + ")";
}
