using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.TpuSim.Execution;

namespace JaxNet.Backends.TpuSim.Interconnect;

/// <summary>
/// Collectives over the simulated chips' interconnect. Reductions combine values in the order the machine's
/// algorithm does, so float sums round as they would on it: per dimension over a group that is a whole
/// <see cref="SubTorus"/> (<see cref="TorusReduction"/>), else as a bidirectional ring reduce-scatter
/// (<see cref="RingReduction"/>) on the ring <see cref="TorusTopology.RingOrder"/> lays through the group.
/// Everything else moves bytes. Every input is read before any output is written (outputs may alias inputs). The
/// members' simulated clocks meet at the latest of them and advance together by <see cref="CollectiveCostModel"/>'s
/// cycles.
/// </summary>
internal sealed class TpuCollectives(TpuSimBackend backend, TorusTopology topology, CollectiveCostModel costs) : ICollectives
{
    public DeviceEvent AllReduce(ReduceOp op, DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs, long elementCount)
    {
        CheckReduction(op);
        var group = Group(inputs, outputs, elementCount, elementCount, dtype);
        var reduced = Reduce(op, group, group.Read(dtype, elementCount), checked((int)elementCount));
        foreach (var output in group.Outputs) ElementIO.WriteContiguous(output.Data, dtype, 0, reduced);
        return Finish(group, group.Torus is { } torus
            ? costs.TorusAllReduce(torus, elementCount, dtype.SizeOf())
            : costs.AllReduce(group.Size, group.LongestHop, elementCount, dtype.SizeOf()));
    }

    public DeviceEvent ReduceScatter(ReduceOp op, DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs, long elementCountPerMember)
    {
        CheckReduction(op);
        var group = Group(inputs, outputs, elementCountPerMember * inputs.Length, elementCountPerMember, dtype);
        var values = group.Read(dtype, elementCountPerMember * group.Size);
        if (group.Torus is { } torus)
        {
            // The per-dimension algorithm's blocks do not end on the members that own them in the ABI's layout;
            // the machine would lay the buffer out so that they do, which changes where values travel, not the
            // order each element's values are combined in.
            var reduced = TorusReduction.AllReduce(op, values, torus, checked((int)(elementCountPerMember * group.Size)));
            var block = Column.Create(dtype, (int)elementCountPerMember);
            for (var member = 0; member < group.Size; member++)
            {
                reduced.CopyTo((int)(member * elementCountPerMember), block, 0, block.Length);
                ElementIO.WriteContiguous(group.Outputs[member].Data, dtype, 0, block);
            }
            return Finish(group, costs.TorusReduceScatter(torus, elementCountPerMember, dtype.SizeOf()));
        }
        for (var position = 0; position < group.Size; position++)
        {
            var member = group.Ring[position];
            var block = RingReduction.ReduceBlock(op, values, group.Ring, position, member * elementCountPerMember, (int)elementCountPerMember);
            ElementIO.WriteContiguous(group.Outputs[member].Data, dtype, 0, block);
        }
        return Finish(group, costs.ReduceScatter(group.Size, group.LongestHop, elementCountPerMember, dtype.SizeOf()));
    }

    public DeviceEvent AllGather(DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs, long elementCountPerMember)
    {
        var group = Group(inputs, outputs, elementCountPerMember, elementCountPerMember * inputs.Length, dtype);
        var block = elementCountPerMember * dtype.SizeOf();
        var staged = group.Stage(block);
        foreach (var output in group.Outputs)
            for (var g = 0; g < group.Size; g++) staged[g].CopyTo(output.Data, g * block);
        return Finish(group, group.Torus is { } torus
            ? costs.TorusAllGather(torus, elementCountPerMember, dtype.SizeOf())
            : costs.AllGather(group.Size, group.LongestHop, elementCountPerMember, dtype.SizeOf()));
    }

    public DeviceEvent AllToAll(DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs, long chunkElementCount)
    {
        var group = Group(inputs, outputs, chunkElementCount * inputs.Length, chunkElementCount * inputs.Length, dtype);
        var chunk = chunkElementCount * dtype.SizeOf();
        var staged = group.Stage(chunk * group.Size);
        for (var g = 0; g < group.Size; g++)
            for (var j = 0; j < group.Size; j++)
                Array.Copy(staged[j], g * chunk, group.Outputs[g].Data, j * chunk, chunk);
        return Finish(group, costs.AllToAll(group.Size, group.LongestHop, chunkElementCount, dtype.SizeOf()));
    }

    public DeviceEvent Permute(DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs,
        ReadOnlySpan<SourceTargetPair> pairs, long elementCount)
    {
        var group = Group(inputs, outputs, elementCount, elementCount, dtype);
        var source = new int[group.Size];
        Array.Fill(source, -1);
        foreach (var pair in pairs)
        {
            if (pair.Source < 0 || pair.Source >= group.Size || pair.Target < 0 || pair.Target >= group.Size)
                throw new ArgumentException($"tpu-sim: permute pair {pair} is outside the group of {group.Size}", nameof(pairs));
            if (source[pair.Target] >= 0) throw new ArgumentException($"tpu-sim: permute targets member {pair.Target} twice", nameof(pairs));
            source[pair.Target] = pair.Source;
        }
        var bytes = elementCount * dtype.SizeOf();
        var staged = group.Stage(bytes);
        for (var g = 0; g < group.Size; g++)
        {
            if (source[g] >= 0) staged[source[g]].CopyTo(group.Outputs[g].Data, 0);
            else Array.Clear(group.Outputs[g].Data, 0, (int)bytes);
        }
        var hops = pairs.ToArray().Select(p => topology.Hops(group.Devices[p.Source], group.Devices[p.Target]));
        return Finish(group, costs.Permute(group.Size, hops, elementCount, dtype.SizeOf()));
    }

    public DeviceEvent Broadcast(DType dtype, int root, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs, long elementCount)
    {
        var group = Group(inputs, outputs, elementCount, elementCount, dtype);
        if (root < 0 || root >= group.Size)
            throw new ArgumentOutOfRangeException(nameof(root), root, $"tpu-sim: broadcast root outside the group of {group.Size}");
        var bytes = elementCount * dtype.SizeOf();
        var value = group.Inputs[root].Data.AsSpan(0, (int)bytes).ToArray();
        foreach (var output in group.Outputs) value.CopyTo(output.Data, 0);
        return Finish(group, costs.Broadcast(group.Size, group.LongestHop, elementCount, dtype.SizeOf()));
    }

    private DeviceEvent Finish(GroupBuffers group, CollectiveTiming timing)
    {
        backend.AdvanceTogether(group.Devices, timing);
        return DeviceEvent.Completed;
    }

    /// <summary>All members' values reduced: per dimension over a sub-torus, else on the group's ring.</summary>
    private static Column Reduce(ReduceOp op, GroupBuffers group, Column[] values, int elementCount)
    {
        if (group.Torus is { } torus) return TorusReduction.AllReduce(op, values, torus, elementCount);
        var chunk = group.Size == 0 ? 0 : (elementCount + group.Size - 1) / group.Size;
        var reduced = Column.Create(values[0].DType, elementCount);
        for (var position = 0; position < group.Size; position++)
        {
            var start = Math.Min(position * chunk, elementCount);
            var length = Math.Min(start + chunk, elementCount) - start;
            var block = RingReduction.ReduceBlock(op, values, group.Ring, position, start, length);
            block.CopyTo(0, reduced, start, block.Length);
        }
        return reduced;
    }

    private static void CheckReduction(ReduceOp op)
    {
        if (op is not (ReduceOp.Sum or ReduceOp.Prod or ReduceOp.Max or ReduceOp.Min))
            throw new ArgumentException($"tpu-sim: collectives reduce with sum, prod, max or min, not {op}", nameof(op));
    }

    private sealed record GroupBuffers(TpuBuffer[] Inputs, TpuBuffer[] Outputs, int[] Devices, int[] Ring, int LongestHop, SubTorus? Torus)
    {
        public int Size => Inputs.Length;

        public Column[] Read(DType dtype, long count) => Inputs.Select(b => ElementIO.ReadAll(b.Data, dtype, count)).ToArray();

        /// <summary>Copies of the inputs' first bytes, taken before any output is written.</summary>
        public byte[][] Stage(long bytes) => Inputs.Select(b => b.Data.AsSpan(0, (int)bytes).ToArray()).ToArray();
    }

    private GroupBuffers Group(ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs, long inputElements, long outputElements, DType dtype)
    {
        var (ins, outs) = CollectiveCall.Check("tpu-sim", inputs, outputs, inputElements, outputElements, dtype, (buffer, name) =>
            buffer as TpuBuffer ?? throw new ArgumentException($"tpu-sim: {name} does not belong to tpu-sim", name));
        var devices = ins.Select(b => b.Device).ToArray();
        var ring = topology.RingOrder(devices);
        return new GroupBuffers(ins, outs, devices, ring, topology.LongestRingEdge(devices, ring), topology.SubTorusOf(devices));
    }
}
