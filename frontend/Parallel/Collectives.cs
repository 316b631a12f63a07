using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Runtime;

namespace JaxNet.Parallel;

/// <summary>
/// Runs a collective over the members of a pmapped axis (member d's array on device d) through the backend's
/// <see cref="ICollectives"/>. A backend without collectives gets the same results from copies and eager ops on
/// the first device, so pmap works on every backend, only slower there. When the axis spans processes, the local
/// members are combined first and <see cref="CrossProcessCollectives"/> carries the rest between the processes.
/// </summary>
internal static class Collectives
{
    /// <summary>members[d][k]: member d's operand k; the result likewise.</summary>
    public static NDArray[][] AllReduce(ReduceOp op, NDArray[][] members, AxisMembers axis)
    {
        var operands = members[0].Length;
        // local[k][d]: operand k combined over this process's members, on device d.
        var local = Enumerable.Range(0, operands).Select(k => AllReduce(op, members.Select(m => m[k]).ToArray(), axis.Devices)).ToArray();
        if (axis.SpansProcesses) local = CrossProcessCollectives.AllReduce(op, local.Select(l => l[0]).ToArray(), axis);
        return Enumerable.Range(0, axis.Count).Select(d => local.Select(l => l[d]).ToArray()).ToArray();
    }

    public static NDArray[] AllGather(NDArray[] members, AxisMembers axis) =>
        axis.SpansProcesses ? CrossProcessCollectives.AllGather(Place(members, axis.Devices), axis) : AllGather(members, axis.Devices);

    public static NDArray[] Permute(NDArray[] members, PermutationPairs perm, AxisMembers axis)
    {
        if (!axis.SpansProcesses) return Permute(members, perm, axis.Devices);
        // Pairs within this process go through the backend; the rest cross to and from the other processes.
        var within = perm.Pairs.Where(x => axis.IsLocal(x.Source) && axis.IsLocal(x.Target))
            .Select(x => (x.Source - axis.First, x.Target - axis.First)).ToArray();
        var results = Permute(members, new PermutationPairs(within), axis.Devices);
        return CrossProcessCollectives.Permute(Place(members, axis.Devices), results, perm, axis);
    }

    /// <summary>all_to_all: local member r gets chunk (First + r) of every member's value, split along
    /// <paramref name="split"/>, concatenated in member order along <paramref name="concat"/>. Within a process it is
    /// the backend's all-to-all; across processes, or on a backend without collectives, each chunk is a copy to its
    /// target device, and the chunks for other processes go through MPI.</summary>
    public static NDArray[] AllToAll(NDArray[] members, int split, int concat, AxisMembers axis)
    {
        var placed = Place(members, axis.Devices);
        if (!axis.SpansProcesses && axis.Count > 1 && placed[0].Size > 0 && axis.Devices[0].Backend.Collectives is { } collectives)
            return AllToAll(placed, split, concat, axis.Devices, collectives);
        var width = placed[0].Shape[split] / axis.Size;
        NDArray Chunk(NDArray x, int target) => Jax.Lax.SliceInDim(x, target * width, (target + 1) * width, 1, split);
        // received[r][j]: what member j sends to local member r.
        var received = Enumerable.Range(0, axis.Count).Select(_ => new NDArray[axis.Size]).ToArray();
        for (var r = 0; r < axis.Count; r++)
            for (var d = 0; d < axis.Count; d++)
                received[r][axis.First + d] = Jax.DevicePut(Chunk(placed[d], axis.First + r), axis.Devices[r]);
        if (axis.SpansProcesses) CrossProcessCollectives.AllToAll(placed, Chunk, received, axis);
        return received.Select(parts => parts.Length == 1 ? parts[0] : Jax.Lax.Concatenate(parts, concat)).ToArray();
    }

    /// <summary>The backend's all-to-all moves contiguous chunks: each member's value goes in with the split axis first
    /// ([members, width, the other axes]), and what comes out ([sources, width, the other axes]) is put back in the
    /// value's layout with the sources joined along <paramref name="concat"/>.</summary>
    private static NDArray[] AllToAll(NDArray[] placed, int split, int concat, IReadOnlyList<Device> devices, ICollectives collectives)
    {
        var (count, shape) = (placed.Length, placed[0].Shape);
        var width = shape[split] / count;
        var others = shape.Where((_, i) => i != split).ToArray();
        var chunked = placed.Select(x => Jax.Lax.Reshape(Jnp.Moveaxis(x, split, 0), [count, width, .. others])).ToArray();
        var aval = chunked[0].Aval.Strong();
        var (inputs, outputs) = (Inputs(chunked, devices), Allocate(devices, aval));
        var done = collectives.AllToAll(Elements(aval).DType, inputs, outputs, Elements(aval).Count / count);
        var joined = (int[])shape.Clone();
        joined[split] = width;
        joined[concat] *= count;
        // [sources, chunk's shape], then the sources just before the concat axis, merged with it (source-major).
        return Wrap(outputs, devices, done, aval)
            .Select(y => Jax.Lax.Reshape(Jnp.Moveaxis(Jnp.Moveaxis(y, 1, split + 1), 0, concat), joined)).ToArray();
    }

    /// <summary>psum_scatter: local member r gets chunk (First + r), along <paramref name="dimension"/>, of the sum of
    /// every member's value. Within a process it is the backend's reduce-scatter; across processes, or on a backend
    /// without collectives, the all-reduce's sum is sliced.</summary>
    public static NDArray[] ReduceScatter(NDArray[] members, int dimension, AxisMembers axis)
    {
        var placed = Place(members, axis.Devices);
        var width = placed[0].Shape[dimension] / axis.Size;
        if (!axis.SpansProcesses && axis.Count > 1 && placed[0].Size > 0 && axis.Devices[0].Backend.Collectives is { } collectives)
        {
            var others = placed[0].Shape.Where((_, i) => i != dimension).ToArray();
            // The backend keeps contiguous blocks: the scattered dimension goes first, and comes back after.
            var chunked = placed.Select(x => Jnp.Moveaxis(x, dimension, 0)).ToArray();
            var aval = chunked[0].Aval.Strong();
            var outputs = Allocate(axis.Devices, aval.WithShape([width, .. others]));
            var done = collectives.ReduceScatter(ReduceOp.Sum, Elements(aval).DType, Inputs(chunked, axis.Devices), outputs,
                Elements(aval).Count / axis.Count);
            return Wrap(outputs, axis.Devices, done, aval.WithShape([width, .. others])).Select(y => Jnp.Moveaxis(y, 0, dimension)).ToArray();
        }
        var sums = AllReduce(ReduceOp.Sum, members.Select(m => new[] { m }).ToArray(), axis);
        return sums.Select((s, r) => Jax.Lax.SliceInDim(s[0], (axis.First + r) * width, (axis.First + r + 1) * width, 1, dimension)).ToArray();
    }

    /// <summary>The elementwise combination of two members' values under <paramref name="op"/>.</summary>
    public static NDArray Combine(ReduceOp op, NDArray x, NDArray y) => op switch
    {
        ReduceOp.Sum => Jax.Lax.Add(x, y),
        ReduceOp.Max => Jax.Lax.Max(x, y),
        ReduceOp.Min => Jax.Lax.Min(x, y),
        _ => throw new NotSupportedException($"all-reduce {op}"),
    };

    private static NDArray[] AllReduce(ReduceOp op, NDArray[] members, IReadOnlyList<Device> devices)
    {
        var placed = Place(members, devices);
        var aval = placed[0].Aval.Strong();
        if (aval.DType.IsComplex() && op != ReduceOp.Sum)
            throw new NotSupportedException($"all-reduce {op} of {aval.Str()}: complex numbers have no order");
        if (placed.Length == 1 || aval.Size == 0) return placed;
        if (devices[0].Backend.Collectives is { } collectives)
        {
            var (inputs, outputs) = (Inputs(placed, devices), Allocate(devices, aval));
            var done = collectives.AllReduce(op, Elements(aval).DType, inputs, outputs, Elements(aval).Count);
            return Wrap(outputs, devices, done, aval);
        }
        var total = placed[0];
        for (var d = 1; d < placed.Length; d++)
        {
            total = Combine(op, total, Jax.DevicePut(placed[d], devices[0]));
        }
        return devices.Select(d => Jax.DevicePut(total, d)).ToArray();
    }

    private static NDArray[] AllGather(NDArray[] members, IReadOnlyList<Device> devices)
    {
        var placed = Place(members, devices);
        var aval = placed[0].Aval.Strong();
        var gathered = aval.WithShape([placed.Length, .. aval.Shape]);
        if (aval.Size > 0 && devices[0].Backend.Collectives is { } collectives)
        {
            var (inputs, outputs) = (Inputs(placed, devices), Allocate(devices, gathered));
            var done = collectives.AllGather(Elements(aval).DType, inputs, outputs, Elements(aval).Count);
            return Wrap(outputs, devices, done, gathered);
        }
        var stacked = Jnp.Stack(placed.Select(m => Jax.DevicePut(m, devices[0])).ToArray());
        return devices.Select(d => Jax.DevicePut(stacked, d)).ToArray();
    }

    private static NDArray[] Permute(NDArray[] members, PermutationPairs perm, IReadOnlyList<Device> devices)
    {
        var placed = Place(members, devices);
        var aval = placed[0].Aval.Strong();
        if (aval.Size > 0 && devices[0].Backend.Collectives is { } collectives)
        {
            var (inputs, outputs) = (Inputs(placed, devices), Allocate(devices, aval));
            var pairs = perm.Pairs.Select(x => new SourceTargetPair(x.Source, x.Target)).ToArray();
            var done = collectives.Permute(Elements(aval).DType, inputs, outputs, pairs, Elements(aval).Count);
            return Wrap(outputs, devices, done, aval);
        }
        var result = new NDArray[placed.Length];
        foreach (var (source, target) in perm.Pairs) result[target] = Jax.DevicePut(placed[source], devices[target]);
        for (var d = 0; d < result.Length; d++) result[d] ??= Jax.DevicePut(Jnp.Zeros(aval.Shape, aval.DType), devices[d]);
        return result;
    }

    /// <summary>Each member on its own device (an unmapped argument, or a constant, starts on the first).</summary>
    public static NDArray[] Place(NDArray[] members, IReadOnlyList<Device> devices) =>
        members.Select((m, d) => m.LiteralValue is not null ? m : Jax.DevicePut(m, devices[d])).ToArray();

    // The members' buffers once their values are computed: collectives take no events to wait on.
    private static DeviceBuffer[] Inputs(NDArray[] placed, IReadOnlyList<Device> devices)
    {
        var inputs = new DeviceBuffer[placed.Length];
        for (var d = 0; d < placed.Length; d++)
        {
            var data = placed[d].DataOn(devices[d]);
            data.Ready.Wait();
            inputs[d] = data.Buffer;
        }
        return inputs;
    }

    /// <summary>What a backend collective moves: a complex value as twice as many elements of its component type
    /// (backends know no complex types; a sum of pairs is the pair of sums).</summary>
    private static (DType DType, long Count) Elements(ShapedArray aval) =>
        aval.DType.IsComplex() ? (aval.DType.RealPart(), aval.Size * 2) : (aval.DType, aval.Size);

    private static DeviceBuffer[] Allocate(IReadOnlyList<Device> devices, ShapedArray aval) =>
        devices.Select(d => UndisposedMemory.Allocate(d, aval.Size * aval.DType.SizeOf())).ToArray();

    private static NDArray[] Wrap(DeviceBuffer[] outputs, IReadOnlyList<Device> devices, DeviceEvent done, ShapedArray aval) =>
        outputs.Select((b, d) => NDArray.FromDevice(new DeviceArray(devices[d], b, done), aval)).ToArray();
}
