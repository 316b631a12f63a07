using System.Runtime.CompilerServices;
using JaxNet.Core;
using JaxNet.Distributed;
using JaxNet.Parallel;

namespace JaxNet;

public static partial class Jax
{
    /// <summary>
    /// jax.shard_map: <paramref name="f"/>, written for one block, run on every device of <paramref name="mesh"/> on its
    /// block of each argument. An argument's spec splits its dimensions over mesh axes (<see cref="PartitionSpec"/>): on
    /// a ('data': 2, 'model': 4) mesh, <c>P("data", null)</c> gives each device a half of the rows, the same half to the
    /// four devices along 'model'. Collectives over a mesh axis (<see cref="Lax.Psum(NDArray, string)"/>,
    /// <see cref="Lax.AllGather(NDArray, string, int, bool)"/>, <see cref="Lax.AxisIndex(string)"/>, ...) combine the
    /// devices that differ only along it; over a tuple of axes, all of them. A result's spec joins the blocks along the
    /// dimensions it splits; along a mesh axis it does not name, the result must be the same on every device (after a
    /// psum over that axis, say: checked, as JAX's check_rep does) and is taken once. Runs as one pmap over the mesh's
    /// devices, traced once per signature, so it composes with Grad, Jit and Vmap. On a mesh that spans processes each
    /// process passes and gets its own block of every array (see <see cref="Mesh"/>).
    /// </summary>
    public static Func<NDArray[], NDArray[]> ShardMap(Func<NDArray[], NDArray[]> f, Mesh mesh, PartitionSpec[] inSpecs, PartitionSpec[] outSpecs)
    {
        var name = f.Method.Name;
        var inLayouts = inSpecs.Select((s, i) => new ShardLayout(mesh, s, $"shard_map of {name}: in_specs[{i}]")).ToArray();
        var outLayouts = outSpecs.Select((s, i) => new ShardLayout(mesh, s, $"shard_map of {name}: out_specs[{i}]")).ToArray();
        // pmap needs one mapped argument; with every argument whole, a dummy one stands in and is dropped.
        var anySplit = inLayouts.Any(l => !l.IsReplicated);
        int?[] inAxes = [.. inLayouts.Select(l => l.IsReplicated ? null : (int?)0), .. anySplit ? Array.Empty<int?>() : [0]];
        var pmapped = new PmapFunction(a => f(anySplit ? a : a[..^1]), inAxes, null, mesh.Devices, name, mesh.Grid);
        var varying = new ConditionalWeakTable<ClosedJaxpr, bool[][]>();
        return args =>
        {
            if (args.Length != inSpecs.Length)
                throw new ArgumentException($"shard_map of {name}: {inSpecs.Length} in_specs for {args.Length} arguments");
            if (mesh.AxisNames.Count > 1 && !mesh.SpansProcesses && ProcessGroups.Current is { Size: > 1 } group)
                throw new NotSupportedException($"shard_map of {name}: a mesh of several axes ({mesh}) over one process's devices in a run of " +
                    $"{group.Size} processes; give the mesh the shape of every process's devices (Jax.DeviceCount()) to span them");
            var blocks = args.Select((x, i) => inLayouts[i].Scatter(x, $"argument {i}")).ToArray();
            if (!anySplit) blocks = [.. blocks, Jnp.Zeros([mesh.Devices.Count])];
            var (results, jaxpr) = pmapped.Run(blocks);
            if (results.Length != outSpecs.Length)
                throw new ArgumentException($"shard_map of {name}: {outSpecs.Length} out_specs for {results.Length} results");
            var varies = varying.GetValue(jaxpr, j => VaryingAlongEachAxis(j.Jaxpr, mesh, [.. inLayouts, .. anySplit ? [] : new[] { Replicated(mesh) }]));
            for (var k = 0; k < results.Length; k++)
                for (var a = 0; a < mesh.AxisNames.Count; a++)
                    if (varies[a][k] && !outLayouts[k].Splits(a))
                        throw new ArgumentException($"shard_map of {name}: out_specs[{k}] {outSpecs[k]} does not name mesh axis '{mesh.AxisNames[a]}', " +
                            $"but result {k} can differ along it (it depends on an argument split over it, or on axis_index, ppermute or all_to_all " +
                            $"over it, with no psum, pmax, pmin or all_gather over '{mesh.AxisNames[a]}' after); name the axis in the spec, or make the " +
                            "result the same along it");
            return results.Select((r, k) => outLayouts[k].Gather(r, $"result {k}")).ToArray();
        };
    }

    /// <summary>shard_map of a function of one array with one result.</summary>
    public static Func<NDArray, NDArray> ShardMap(Func<NDArray, NDArray> f, Mesh mesh, PartitionSpec inSpec, PartitionSpec outSpec)
    {
        var mapped = ShardMap(a => [f(a[0])], mesh, [inSpec], [outSpec]);
        return x => mapped([x])[0];
    }

    /// <summary>For each mesh axis, which results of the block's program may differ between devices along it: those the
    /// arguments split over that axis reach, unless a collective over it makes them the same (JAX's check_rep).</summary>
    private static bool[][] VaryingAlongEachAxis(Jaxpr jaxpr, Mesh mesh, ShardLayout[] inLayouts) =>
        mesh.AxisNames.Select((axis, a) => ReplicationAnalysis.VaryingOutputs(jaxpr, inLayouts.Select(l => l.Splits(a)).ToArray(), axis)).ToArray();

    private static ShardLayout Replicated(Mesh mesh) => new(mesh, new PartitionSpec(), "shard_map");
}
