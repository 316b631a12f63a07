namespace JaxNet;

/// <summary>
/// jax.sharding.PartitionSpec (JAX's <c>P</c>): for each leading dimension of an array, the mesh axis it is split
/// over, several mesh axes (major to minor: the dimension is split over their product), or null where every device
/// holds the whole dimension; dimensions past the entries are whole too, and so is the array along every mesh axis
/// the spec does not name (replicated along it). <c>new PartitionSpec("data", null)</c> splits the rows of a matrix
/// over axis "data"; <c>new PartitionSpec(("data", "model"))</c> splits them over both axes;
/// <c>new PartitionSpec()</c> replicates the array.
/// </summary>
public sealed class PartitionSpec(params AxisNames?[] entries)
{
    public IReadOnlyList<AxisNames?> Entries { get; } = entries.ToArray();

    /// <summary>The mesh axes split over, dimension by dimension (empty for a whole dimension), checked against
    /// <paramref name="mesh"/>: every name one of its axes, and no axis used twice. Errors name <paramref name="what"/>.</summary>
    internal int[][] MeshAxesPerDimension(Mesh mesh, string what)
    {
        var used = new HashSet<string>();
        return Entries.Select(entry => (entry?.Names ?? []).Select(name =>
        {
            var axis = mesh.AxisNames.ToList().IndexOf(name);
            if (axis < 0) throw new ArgumentException($"{what}: {this} names axis '{name}', which is not in {mesh}");
            if (!used.Add(name)) throw new ArgumentException($"{what}: {this} uses mesh axis '{name}' twice (a mesh axis splits one dimension)");
            return axis;
        }).ToArray()).ToArray();
    }

    public override string ToString() => $"P({string.Join(", ", Entries.Select(a => a?.ToString() ?? "None"))})";
}
