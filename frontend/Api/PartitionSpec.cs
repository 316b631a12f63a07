namespace JaxNet;

/// <summary>
/// jax.sharding.PartitionSpec (JAX's <c>P</c>): for each leading dimension of an array, the mesh axis it is split
/// over, or null where every device holds the whole dimension; dimensions past the entries are whole too.
/// <c>new PartitionSpec("x", null)</c> splits the rows of a matrix over axis "x"; <c>new PartitionSpec()</c>
/// replicates the array.
/// </summary>
public sealed class PartitionSpec(params string?[] axes)
{
    public IReadOnlyList<string?> Axes { get; } = axes.ToArray();

    /// <summary>The dimension split over <paramref name="mesh"/>'s axis, or null; errors name <paramref name="what"/>.</summary>
    internal int? SplitDimension(Mesh mesh, string what)
    {
        foreach (var name in Axes)
            if (name is not null && name != mesh.AxisName)
                throw new ArgumentException($"{what}: {this} names axis '{name}', which is not in {mesh}");
        var dimensions = Enumerable.Range(0, Axes.Count).Where(d => Axes[d] is not null).ToArray();
        if (dimensions.Length > 1)
            throw new ArgumentException($"{what}: {this} splits dimensions {dimensions[0]} and {dimensions[1]} over one mesh axis '{mesh.AxisName}'");
        return dimensions.Length == 0 ? null : dimensions[0];
    }

    public override string ToString() => $"P({string.Join(", ", Axes.Select(a => a is null ? "None" : $"'{a}'"))})";
}
