using JaxNet.Core;
using JaxNet.Parallel;

namespace JaxNet;

public static partial class Jax
{
    /// <summary>
    /// jax.shard_map: <paramref name="f"/> run on every device of <paramref name="mesh"/> on its block of each
    /// argument, written for one block: an argument whose spec splits dimension k over the mesh axis reaches each
    /// device as its slice of size n / mesh.Size (n must divide), one with no split whole. Collectives over the mesh's
    /// axis name (<see cref="Lax.Psum"/>, <see cref="Lax.AllGather"/>, ...) combine the blocks. A result whose spec
    /// splits dimension k is the devices' results concatenated along k; one with no split must be the same on every
    /// device (after a psum, say; checked, as JAX's check_rep does) and is returned once. Runs as a pmap over the
    /// mesh's devices, traced once per signature.
    /// </summary>
    public static Func<NDArray[], NDArray[]> ShardMap(Func<NDArray[], NDArray[]> f, Mesh mesh, PartitionSpec[] inSpecs, PartitionSpec[] outSpecs)
    {
        var name = f.Method.Name;
        var inDims = inSpecs.Select((s, i) => s.SplitDimension(mesh, $"shard_map of {name}: in_specs[{i}]")).ToArray();
        var outDims = outSpecs.Select((s, i) => s.SplitDimension(mesh, $"shard_map of {name}: out_specs[{i}]")).ToArray();
        // pmap needs one mapped argument; with every argument whole, a dummy one stands in and is dropped.
        var anySplit = inDims.Any(d => d is not null);
        int?[] inAxes = anySplit ? inDims : [.. inDims, 0];
        var pmapped = new PmapFunction(a => f(anySplit ? a : a[..^1]), inAxes, mesh.AxisName, mesh.Devices, name);
        return args =>
        {
            if (args.Length != inSpecs.Length)
                throw new ArgumentException($"shard_map of {name}: {inSpecs.Length} in_specs for {args.Length} arguments");
            var blocks = args.Select((x, i) => inDims[i] is { } k ? SplitForShardMap(x, k, mesh, $"shard_map of {name}: argument {i}") : x).ToArray();
            if (!anySplit) blocks = [.. blocks, Jnp.Zeros([mesh.Size])];
            var results = pmapped.Call(blocks, () => outDims.Length == 0 ? null : outDims);
            if (results.Length != outSpecs.Length)
                throw new ArgumentException($"shard_map of {name}: {outSpecs.Length} out_specs for {results.Length} results");
            return results.Select((r, i) => outDims[i] is { } k ? JoinForShardMap(r, k, $"shard_map of {name}: result {i}") : r).ToArray();
        };
    }

    /// <summary>shard_map of a function of one array with one result.</summary>
    public static Func<NDArray, NDArray> ShardMap(Func<NDArray, NDArray> f, Mesh mesh, PartitionSpec inSpec, PartitionSpec outSpec)
    {
        var mapped = ShardMap(a => [f(a[0])], mesh, [inSpec], [outSpec]);
        return x => mapped([x])[0];
    }

    /// <summary>Dimension k of size n as (mesh.Size, n / mesh.Size), so that pmap maps the first of the two.</summary>
    private static NDArray SplitForShardMap(NDArray x, int k, Mesh mesh, string what)
    {
        if (k >= x.Ndim)
            throw new ShapeException($"{what} of shape {Shapes.Format(x.Shape)} has no dimension {k} to split over '{mesh.AxisName}'");
        if (x.Shape[k] % mesh.Size != 0)
            throw new ShapeException($"{what}: dimension {k} of shape {Shapes.Format(x.Shape)} is not divisible by {mesh}'s {mesh.Size} devices");
        return x.Reshape([.. x.Shape[..k], mesh.Size, x.Shape[k] / mesh.Size, .. x.Shape[(k + 1)..]]);
    }

    /// <summary>The devices' results, stacked by pmap at axis k, merged with the block's dimension k.</summary>
    private static NDArray JoinForShardMap(NDArray stacked, int k, string what)
    {
        if (k + 1 >= stacked.Ndim)
            throw new ShapeException($"{what} is of rank {stacked.Ndim - 1} on each device: it has no dimension {k} to concatenate along");
        return stacked.Reshape([.. stacked.Shape[..k], stacked.Shape[k] * stacked.Shape[k + 1], .. stacked.Shape[(k + 2)..]]);
    }
}
