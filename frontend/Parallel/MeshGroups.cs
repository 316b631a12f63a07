using JaxNet.Distributed;

namespace JaxNet.Parallel;

/// <summary>
/// The groups that meet at a collective over some axes of a mesh of several axes, as this process takes part in them:
/// for each group holding some of this process's members, those members (indices among its local ones) and the group
/// as an axis of its own. A group within the process is a call of the backend's collectives over its devices; one that
/// spans processes crosses them through a process group of just its processes (an MPI communicator split from the
/// run's). Each process's devices are a block of the mesh (<see cref="Mesh"/> checks), so each process a group spans
/// holds as many consecutive members of it, as a pmap axis spans processes.
/// </summary>
internal static class MeshGroups
{
    // The communicators of groups of processes, made once: every process makes the same ones in the same order.
    private static readonly Dictionary<string, IProcessGroup?> Subgroups = [];
    private static readonly Lock Gate = new();

    /// <summary>The groups of the collective over <paramref name="axes"/> of <paramref name="grid"/>, whose members this
    /// process runs as <paramref name="members"/> (the whole mesh's axis: member m at row-major position m).</summary>
    /// <param name="anyOrder">True for a collective whose result does not depend on the members' order (a
    /// reduction): across processes its groups are taken in mesh order, where each process's members are consecutive
    /// whatever order the tuple names the axes in.</param>
    public static IReadOnlyList<(int[] Local, AxisMembers Axis)> Of(AxisGrid grid, AxisNames axes, AxisMembers members, bool anyOrder)
    {
        var groups = grid.Groups(axes);
        if (anyOrder && members.SpansProcesses) groups = groups.Select(g => g.Order().ToArray()).ToArray();
        if (!members.SpansProcesses)
            return groups.Select(g => (g, AxisMembers.Local(g.Select(m => members.Devices[m]).ToArray()))).ToArray();
        var world = members.Group!;
        var processes = groups.Select(g => g.Select(members.ProcessOf).Distinct().ToArray()).ToArray();
        // MPI_Comm_split is collective over the whole run: every process makes every group's communicator, in order.
        lock (Gate)
            foreach (var ranks in processes.Where(p => p.Length > 1).DistinctBy(Key))
                if (!Subgroups.ContainsKey(Key(ranks))) Subgroups[Key(ranks)] = world.Subgroup(ranks);
        var result = new List<(int[], AxisMembers)>();
        for (var i = 0; i < groups.Length; i++)
        {
            var mine = groups[i].Where(members.IsLocal).ToArray();
            if (mine.Length == 0) continue;
            var local = mine.Select(m => m - members.First).ToArray();
            var devices = local.Select(d => members.Devices[d]).ToArray();
            IProcessGroup? subgroup;
            lock (Gate) subgroup = processes[i].Length > 1 ? Subgroups[Key(processes[i])] : null;
            var first = Array.IndexOf(groups[i], mine[0]);
            // A tuple of axes orders its group row-major over the axes as named: with the process axis not first,
            // a process's members are not consecutive in it, and the process groups take consecutive blocks.
            if (subgroup is not null && mine.Where((m, k) => groups[i][first + k] != m).Any())
                throw new NotSupportedException($"a collective over axes {axes} of {grid} across processes: this process's " +
                    "members are not consecutive in the group (name the axis that spans the processes first; reductions " +
                    "take any order)");
            result.Add((local, subgroup is null
                ? AxisMembers.Local(devices)
                : new AxisMembers(devices, first, groups[i].Length, subgroup)));
        }
        return result;
    }

    private static string Key(int[] ranks) => string.Join(",", ranks);
}
