using JaxNet.Core;

namespace JaxNet.Parallel;

/// <summary>
/// Where the blocks of one shard_map argument or result lie on a mesh, from its <see cref="PartitionSpec"/>: dimension k
/// split over mesh axes (a1, a2) is cut into |a1|·|a2| blocks, block a1·|a2| + a2 on the devices at those positions
/// (major to minor, as JAX numbers them), and along every axis the spec does not name each device holds the same
/// block. shard_map runs as one pmap over the mesh's devices in row-major order, so a layout turns an array into the
/// members' rows (<see cref="Scatter"/>) and the members' rows back into an array (<see cref="Gather"/>). On a mesh that
/// spans processes each process cuts and joins its own block of the mesh (<see cref="Mesh.LocalAxisSizes"/>): an array
/// here is this process's part of the whole.
/// </summary>
internal sealed class ShardLayout(Mesh mesh, PartitionSpec spec, string what)
{
    // The mesh axes each spec'd dimension is split over, major to minor (empty: whole).
    private readonly int[][] axesOfDimension = spec.MeshAxesPerDimension(mesh, what);

    /// <summary>Whole on every device: no dimension is split.</summary>
    public bool IsReplicated => axesOfDimension.All(a => a.Length == 0);

    /// <summary>Whether the blocks differ along mesh axis <paramref name="meshAxis"/>.</summary>
    public bool Splits(int meshAxis) => axesOfDimension.Any(a => a.Contains(meshAxis));

    /// <summary>The members' rows [local devices, block...]: row m is the block of the device at row-major position m, the
    /// same block along the axes the spec does not name (a concrete array's rows on a mesh within this process are put
    /// on the members' devices, each distinct block cut once; see <see cref="SharedBlocks"/>). A replicated array is
    /// returned whole (pmap hands it to every member unmapped).</summary>
    public NDArray Scatter(NDArray x, string argument)
    {
        CheckRank(x.Ndim, $"{argument} of shape {Shapes.Format(x.Shape)} has rank {x.Ndim}");
        if (IsReplicated) return x;
        var sizes = mesh.LocalAxisSizes;
        // Each split dimension k becomes (|a1|, |a2|, n / (|a1|·|a2|)): the mesh axes' positions, then the block.
        var expanded = new List<int>();
        var dimensionOfAxis = Enumerable.Repeat(-1, sizes.Count).ToArray();
        var blockDimensions = new List<int>();
        for (var k = 0; k < x.Ndim; k++)
        {
            var axes = AxesOf(k);
            var parts = axes.Aggregate(1, (p, a) => p * sizes[a]);
            if (x.Shape[k] % parts != 0)
                throw new ShapeException($"{what}: dimension {k} of {argument}'s shape {Shapes.Format(x.Shape)} is not divisible by the {parts} " +
                    $"devices of mesh axes {Names(axes)} of {mesh}");
            foreach (var a in axes)
            {
                dimensionOfAxis[a] = expanded.Count;
                expanded.Add(sizes[a]);
            }
            blockDimensions.Add(expanded.Count);
            expanded.Add(x.Shape[k] / parts);
        }
        var named = Enumerable.Range(0, sizes.Count).Where(a => dimensionOfAxis[a] >= 0).ToArray();
        var moved = TransposeUnlessInOrder(x.Reshape([.. expanded]), [.. named.Select(a => dimensionOfAxis[a]), .. blockDimensions]);
        var block = blockDimensions.Select(d => expanded[d]).ToArray();
        if (named.Length == sizes.Count) return moved.Reshape([mesh.Devices.Count, .. block]);
        if (x.Tracer is null && TraceStack.Depth == 0 && !mesh.SpansProcesses)
            return SharedBlocks(moved.Reshape([named.Aggregate(1, (n, a) => n * sizes[a]), .. block]), named);
        // Traced (under Grad, Jit, Vmap), or this process's block of a mesh across processes: the mesh axes in mesh
        // order, of size 1 where the spec does not name them, then copied along those, for the xla_pmap equation to split.
        var withUnits = moved.Reshape([.. sizes.Select((s, a) => dimensionOfAxis[a] >= 0 ? s : 1), .. block]);
        return Jnp.BroadcastTo(withUnits, [.. sizes, .. block]).Reshape([mesh.Devices.Count, .. block]);
    }

    /// <summary>
    /// The members' rows as a sharded array, each row already on its member's device, from <paramref name="distinct"/>
    /// [blocks, block...]: one block per position along the <paramref name="named"/> mesh axes (row-major), each cut
    /// once and sent to every device that takes it. The devices along the axes the spec does not name share a block's
    /// one cut instead of each slicing its own row out of a broadcast of every member's rows.
    /// </summary>
    private NDArray SharedBlocks(NDArray distinct, int[] named)
    {
        var sizes = mesh.AxisSizes;
        var block = distinct.Shape[1..];
        var blocks = new NDArray?[distinct.Shape[0]];
        var rows = new NDArray[mesh.Size];
        for (var m = 0; m < mesh.Size; m++)
        {
            // The block's index is the device's position over the named axes, row-major.
            var coordinates = mesh.Grid.Coordinates(m);
            var b = named.Aggregate(0, (index, a) => index * sizes[a] + coordinates[a]);
            var cut = blocks[b] ??= Jax.Lax.Reshape(Jax.Lax.SliceInDim(distinct, b, b + 1, 1, 0), block);
            rows[m] = Jax.DevicePut(cut, mesh.Devices[m]);
        }
        return NDArray.FromShards(rows, distinct.Aval.Strong().WithShape([mesh.Size, .. block]));
    }

    /// <summary>A one-axis mesh's blocks are already in place: no transpose to launch.</summary>
    private static NDArray TransposeUnlessInOrder(NDArray x, int[] order) =>
        order.Select((a, i) => a == i).All(same => same) ? x : Jnp.Transpose(x, order);

    /// <summary>The array whose blocks are the members' rows <paramref name="rows"/> [local devices, block...]: blocks joined
    /// along each split dimension, major axis first, and one copy taken along the axes the spec does not name (the
    /// caller has checked that the blocks are the same along them).</summary>
    public NDArray Gather(NDArray rows, string result)
    {
        var block = rows.Shape[1..];
        CheckRank(block.Length, $"{result} is of rank {block.Length} on each device");
        if (IsReplicated) return rows.Shards is { } shards ? shards[0] : Jax.Lax.Reshape(Jax.Lax.SliceInDim(rows, 0, 1, 1, 0), block);
        var sizes = mesh.LocalAxisSizes;
        var grid = rows.Reshape([.. sizes, .. block]);
        var unnamed = Enumerable.Range(0, sizes.Count).Where(a => !Splits(a)).ToArray();
        foreach (var a in unnamed) grid = Jax.Lax.SliceInDim(grid, 0, 1, 1, a);
        var order = new List<int>();
        var shape = new int[block.Length];
        for (var k = 0; k < block.Length; k++)
        {
            order.AddRange(AxesOf(k));
            order.Add(sizes.Count + k);
            shape[k] = AxesOf(k).Aggregate(block[k], (n, a) => n * sizes[a]);
        }
        // The unnamed axes, of size 1 now, go last and vanish in the reshape.
        return Jax.Lax.Reshape(TransposeUnlessInOrder(grid, [.. order, .. unnamed]), shape);
    }

    private int[] AxesOf(int dimension) => dimension < axesOfDimension.Length ? axesOfDimension[dimension] : [];

    private void CheckRank(int rank, string value)
    {
        if (axesOfDimension.Length > rank)
            throw new ShapeException($"{what}: {value}, but {spec} names {axesOfDimension.Length} dimensions");
    }

    private string Names(int[] axes) => "(" + string.Join(", ", axes.Select(a => $"'{mesh.AxisNames[a]}'")) + ")";
}
