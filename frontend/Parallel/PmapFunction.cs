using System.Security.Cryptography;
using System.Text;
using JaxNet.Core;
using JaxNet.Distributed;
using JaxNet.Runtime;

namespace JaxNet.Parallel;

/// <summary>
/// The state of one pmapped function: its SPMD programs, one per argument signature, and how it splits arguments
/// over devices and stacks the results. The members are laid out on one axis, <paramref name="axisName"/>, or on the
/// axes of <paramref name="mesh"/> (a shard_map's), whose names the function's collectives may all use.
/// </summary>
internal sealed class PmapFunction(Func<NDArray[], NDArray[]> f, int?[] inAxes, string? axisName, IReadOnlyList<Device>? devices, string name,
    AxisGrid? mesh = null)
{
    private readonly Dictionary<string, (ClosedJaxpr, SpmdProgram)> programs = [];
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<ClosedJaxpr, bool[]> varyingOutputs = new();
    private readonly Lock gate = new();

    /// <summary>
    /// The results placed by <paramref name="outAxes"/> (asked for once the function is traced, so that a pytree's
    /// entries can be given per leaf; null: all 0), JAX's out_axes: 0 stacks the members' results along a new leading
    /// axis, k along axis k, and null returns one member's result, which must be the same on every member.
    /// </summary>
    public NDArray[] Call(NDArray[] args, Func<int?[]?> outAxes)
    {
        var (results, jaxpr) = Run(args);
        var axes = outAxes();
        if (axes is not null && axes.Length != results.Length)
            throw new ArgumentException($"pmap of {name}: out_axes has {axes.Length} entries for {results.Length} results");
        if (axes is null || axes.All(a => a == 0)) return results;
        // Which results may differ between members: a property of the traced program, found once per signature.
        var varying = axes.Any(a => a is null)
            ? varyingOutputs.GetValue(jaxpr, j => ReplicationAnalysis.VaryingOutputs(j.Jaxpr, inAxes.Select(a => a is not null).ToArray(),
                axisName ?? DefaultAxis))
            : null;
        return results.Select((r, k) => axes[k] switch
        {
            null when varying![k] => throw new ArgumentException($"pmap of {name}: out_axes is None for result {k}, but that result can differ " +
                "between the members (it depends on a mapped argument, or on axis_index, ppermute or all_to_all, with no psum, pmax, pmin or " +
                "all_gather over the axis after it); use out_axes 0 and read the rows"),
            null => r.Shards is { } rows ? rows[0] : Jax.Lax.Reshape(Jax.Lax.SliceInDim(r, 0, 1, 1, 0), r.Shape[1..]),
            0 => r,
            { } axis when axis >= -r.Ndim && axis < r.Ndim => Jnp.Moveaxis(r, 0, axis),
            { } axis => throw new ShapeException($"pmap of {name}: out_axes {axis} is outside result {k}, of rank {r.Ndim} with the mapped axis"),
        }).ToArray();
    }

    public NDArray[] Call(NDArray[] args) => Run(args).Results;

    /// <summary>The members' results stacked along axis 0, and the member's jaxpr that computed them.</summary>
    internal (NDArray[] Results, ClosedJaxpr Jaxpr) Run(NDArray[] args)
    {
        if (inAxes.Length != args.Length)
            throw new ArgumentException($"pmap of {name}: in_axes has {inAxes.Length} entries for {args.Length} arguments");
        var mapped = Enumerable.Range(0, args.Length).Where(i => inAxes[i] is not null).ToArray();
        if (mapped.Length == 0) throw new ArgumentException($"pmap of {name}: no argument is mapped (in_axes are all null)");
        args = (NDArray[])args.Clone();
        foreach (var i in mapped)
        {
            var rank = args[i].Ndim;
            var axis = inAxes[i]!.Value;
            if (axis < -rank || axis >= Math.Max(rank, 1) || rank == 0)
                throw new ShapeException($"pmap of {name}: argument {i} of shape {Shapes.Format(args[i].Aval.Shape)} has no axis {axis} to map");
            // The mapped axis goes first; each device then takes one row.
            if (axis != 0 && axis != -rank) args[i] = Jnp.Moveaxis(args[i], axis < 0 ? axis + rank : axis, 0);
        }
        var size = args[mapped[0]].Shape[0];
        foreach (var i in mapped)
            if (args[i].Shape[0] != size)
                throw new ShapeException($"pmap of {name}: mapped arguments have leading axes of sizes {size} and {args[i].Shape[0]} (argument {i})");
        var available = devices ?? Jax.Devices();
        if (size > available.Count)
            throw new ArgumentException($"pmap of {name}: the leading axis has size {size}, but only {available.Count} devices are available " +
                $"({string.Join(", ", available)}); the cpu backend shows more with JAXNET_CPU_DEVICES");
        if (size == 0) throw new ShapeException($"pmap of {name}: the mapped axis is empty");
        var used = available.Take(size).ToArray();
        var avals = args.Select((a, i) => inAxes[i] is null ? a.Aval.Strong() : a.Aval.Strong().WithShape(a.Shape[1..])).ToArray();
        var members = Members(used);
        // One axis spans every process's members, as a pmap's does; a mesh of several spans them when its shape counts them.
        if (mesh is { Names.Count: > 1 } && mesh.Size != members.Size)
            throw new ShapeException($"pmap of {name}: {members.Size} members for the {mesh.Size} positions of axes {mesh}");
        var grid = mesh is { Names.Count: > 1 } ? mesh : AxisGrid.Single(mesh?.Names[0] ?? axisName ?? DefaultAxis, members.Size);
        var (jaxpr, program) = ProgramFor(avals, members, grid);
        var mappedFlags = inAxes.Select(a => a is not null).ToArray();
        // Under Grad, Jit or another pmap's trace, the call is an xla_pmap equation whose rules transform its jaxpr.
        if (args.Any(a => a.Tracer is not null) || TraceStack.Depth > 0)
            return (PmapPrimitive.Instance.Bind(PmapPrimitive.ParamsFor(jaxpr, mappedFlags, grid, used, name), args), jaxpr);
        return (Execute(program, args, mappedFlags, members), jaxpr);
    }

    private const string DefaultAxis = "pmap_axis";

    /// <summary>Runs <paramref name="program"/> on the members of <paramref name="members"/>: each takes its row of the
    /// mapped arguments (mapped along axis 0) and the unmapped ones whole; the results are stacked along axis 0.</summary>
    internal static NDArray[] Execute(SpmdProgram program, NDArray[] args, bool[] mapped, AxisMembers members)
    {
        var used = members.Devices;
        var perDevice = used.Select((device, d) => args.Select((a, i) => mapped[i] ? Slice(a, d, device) : a).ToArray()).ToArray();
        var results = program.Run(perDevice, members);
        return Enumerable.Range(0, results[0].Length).Select(k => Stack(results.Select(r => r[k]).ToArray(), used)).ToArray();
    }

    /// <summary>The axis over <paramref name="used"/>: in a distributed run, every process's as many devices, in rank order.</summary>
    internal static AxisMembers Members(IReadOnlyList<Device> used) => ProcessGroups.Current is { Size: > 1 } group
        ? new AxisMembers(used, group.Rank * used.Count, group.Size * used.Count, group)
        : AxisMembers.Local(used);

    /// <summary>The function traced for one member's signature, and its SPMD program (compiled on first use).</summary>
    private (ClosedJaxpr Jaxpr, SpmdProgram Program) ProgramFor(ShapedArray[] avals, AxisMembers axis, AxisGrid grid)
    {
        var signature = $"{grid}|{string.Join(",", avals.Select(a => a.Str()))}";
        var key = $"{signature}|{string.Join(",", axis.Devices.Select(d => d.ToString()))}";
        lock (gate)
        {
            if (programs.TryGetValue(key, out var hit)) return hit;
            if (axis.SpansProcesses) CheckProcessesAgree(axis.Group!, signature);
            ClosedJaxpr jaxpr;
            using (AxisEnv.Bind(grid)) jaxpr = Tracing.ToJaxpr(f, avals, "pmap", name);
            var entry = (jaxpr, new SpmdProgram(jaxpr, JitFunction.Sanitize(name), grid, axis.Devices[0]));
            programs[key] = entry;
            return entry;
        }
    }

    /// <summary>Every process must run the same program on as many devices: a mismatch would otherwise pair
    /// unrelated transfers, or wait forever. Checked once per signature, by comparing hashes of it.</summary>
    private void CheckProcessesAgree(IProcessGroup group, string signature)
    {
        var mine = SHA256.HashData(Encoding.UTF8.GetBytes(signature))[..8];
        var all = group.AllGather(mine);
        for (var r = 0; r < group.Size; r++)
            if (!all.AsSpan(r * mine.Length, mine.Length).SequenceEqual(mine))
                throw new DistributedException($"pmap of {name}: process {r} called it with other argument shapes or another number of " +
                    $"devices than process {group.Rank} (axis size, arguments: {signature}); every process must make the same calls");
    }

    /// <summary>Row <paramref name="d"/> of <paramref name="x"/> for the member on <paramref name="device"/>: a row already
    /// there (of a pmap's result, passed to a pmap over the same devices) as it is; the array itself, viewed without
    /// its leading axis, when that axis has one row (a process with one device takes no copy); else a slice.</summary>
    internal static NDArray Slice(NDArray x, int d, Device device)
    {
        if (x.Shards is { } rows && rows.Count == x.Shape[0] && device.Equals(rows[d].ResidentDevice)) return rows[d];
        return (x.Shape[0] == 1 ? x.ReshapedView(x.Shape[1..]) : null) ?? Jax.Lax.Reshape(Jax.Lax.SliceInDim(x, d, d + 1, 1, 0), x.Shape[1..]);
    }

    /// <summary>The members' results along a new leading axis: one member's viewed, not copied; several left on their
    /// devices as the rows of a sharded array (stacked on the first device only when something reads it whole).</summary>
    private static NDArray Stack(NDArray[] members, IReadOnlyList<Device> devices)
    {
        var aval = members[0].Aval.Strong();
        if (members.Length == 1 && devices[0].Equals(members[0].ResidentDevice)) return members[0].ReshapedView([1, .. aval.Shape])!;
        var placed = members.Select((m, d) => Jax.DevicePut(m, devices[d])).ToArray();
        return NDArray.FromShards(placed, aval.WithShape([members.Length, .. aval.Shape]));
    }
}
