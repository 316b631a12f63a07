using JaxNet.Core;

namespace JaxNet.Parallel;

/// <summary>The member of a pmapped axis (or of a mesh's axes) that the current thread runs: what a collective step of
/// a compiled program needs to meet the other members.</summary>
internal sealed class SpmdMember(Rendezvous rendezvous, int index, AxisGrid grid)
{
    [ThreadStatic] private static SpmdMember? current;

    /// <summary>The member this thread runs; an error outside a pmapped program.</summary>
    public static SpmdMember Current => current ?? throw new InvalidOperationException(
        "a collective ran outside a pmapped program (collectives run inside Jax.Pmap)");

    /// <summary>Runs <paramref name="body"/> as this member on the current thread.</summary>
    public T Run<T>(Func<T> body)
    {
        var outer = current;
        current = this;
        try
        {
            return body();
        }
        finally
        {
            current = outer;
        }
    }

    /// <summary>This member's results of collective <paramref name="eqn"/>, once every member has reached it.</summary>
    public NDArray[] Collective(JaxprEqn eqn, NDArray[] inputs)
    {
        var collective = (CollectivePrimitive)eqn.Primitive;
        var axes = collective.Axes(eqn.Params);
        if (axes.Names.FirstOrDefault(name => !grid.Contains(name)) is { } foreign)
            throw new NotSupportedException($"{eqn.Primitive.Name} over axis '{foreign}' inside " +
                (grid.Names.Count == 1 ? $"a pmap over axis '{grid.Names[0]}'" : $"a shard_map over mesh axes {grid}") + ": collectives over an " +
                "enclosing pmap's axis from a nested pmap are not supported");
        return rendezvous.Meet(index, eqn, inputs, all => RunInGroups(collective, all, eqn.Params, axes));
    }

    /// <summary>
    /// The collective over some axes of the grid: with a single axis, across every member (and every process, in a
    /// distributed run); with several, once per group of members that differ only along <paramref name="axes"/>, each
    /// group one call of the backend's collectives over its own devices (the ABI takes any group of devices), and across
    /// the processes it spans (<see cref="MeshGroups"/>), so a tuple of axes is one collective over their product group,
    /// not one per axis.
    /// </summary>
    private NDArray[][] RunInGroups(CollectivePrimitive collective, NDArray[][] all, Params p, AxisNames axes)
    {
        var members = rendezvous.Axis;
        if (grid.Names.Count == 1) return collective.RunAcross(all, p, members);
        var results = new NDArray[all.Length][];
        foreach (var (local, group) in MeshGroups.Of(grid, axes, members, anyOrder: collective is AllReducePrimitive))
        {
            var groupResults = collective.RunAcross(local.Select(d => all[d]).ToArray(), p, group);
            for (var i = 0; i < local.Length; i++) results[local[i]] = groupResults[i];
        }
        return results;
    }
}
