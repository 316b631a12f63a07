using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Memory;

namespace JaxNet.Backends.CpuSimd.Collectives;

/// <summary>
/// Collectives over the cpu backend's virtual devices, in process. Each runs as one piece of work ordered on the
/// streams of every member's device. Inputs are staged (or reduced) into host scratch before any output is
/// written, so outputs may alias inputs.
/// </summary>
internal sealed unsafe class CpuCollectives(CpuBackend backend) : ICollectives
{
    public DeviceEvent AllReduce(ReduceOp op, DType dtype, ReadOnlySpan<DeviceBuffer> inputs,
        ReadOnlySpan<DeviceBuffer> outputs, long elementCount)
    {
        var group = Group(inputs, outputs, elementCount, elementCount, dtype);
        var reducer = ElementReducer.Create(op, dtype);
        var bytes = elementCount * dtype.SizeOf();
        return Submit(group, () =>
        {
            var result = NativeBlock.Allocate(bytes);
            try
            {
                reducer.Run(group.InputAddresses, 0, elementCount, result);
                foreach (var output in group.Outputs) Copy(result, output.Address, bytes);
            }
            finally
            {
                NativeBlock.Free(result);
            }
        });
    }

    public DeviceEvent AllGather(DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs,
        long elementCountPerMember)
    {
        var group = Group(inputs, outputs, elementCountPerMember, elementCountPerMember * inputs.Length, dtype);
        var block = elementCountPerMember * dtype.SizeOf();
        return Submit(group, () => Staged(group, block * group.Size, staging =>
        {
            for (var g = 0; g < group.Size; g++) Copy(group.Inputs[g].Address, staging + (nint)(g * block), block);
            foreach (var output in group.Outputs) Copy(staging, output.Address, block * group.Size);
        }));
    }

    public DeviceEvent ReduceScatter(ReduceOp op, DType dtype, ReadOnlySpan<DeviceBuffer> inputs,
        ReadOnlySpan<DeviceBuffer> outputs, long elementCountPerMember)
    {
        var group = Group(inputs, outputs, elementCountPerMember * inputs.Length, elementCountPerMember, dtype);
        var reducer = ElementReducer.Create(op, dtype);
        var block = elementCountPerMember * dtype.SizeOf();
        return Submit(group, () => Staged(group, block * group.Size, staging =>
        {
            reducer.Run(group.InputAddresses, 0, elementCountPerMember * group.Size, staging);
            for (var g = 0; g < group.Size; g++) Copy(staging + (nint)(g * block), group.Outputs[g].Address, block);
        }));
    }

    public DeviceEvent AllToAll(DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs,
        long chunkElementCount)
    {
        var group = Group(inputs, outputs, chunkElementCount * inputs.Length, chunkElementCount * inputs.Length, dtype);
        var chunk = chunkElementCount * dtype.SizeOf();
        var size = group.Size;
        return Submit(group, () => Staged(group, chunk * size * size, staging =>
        {
            for (var j = 0; j < size; j++) Copy(group.Inputs[j].Address, staging + (nint)(j * size * chunk), chunk * size);
            for (var g = 0; g < size; g++)
                for (var j = 0; j < size; j++)
                    Copy(staging + (nint)((j * size + g) * chunk), group.Outputs[g].Address + (nint)(j * chunk), chunk);
        }));
    }

    public DeviceEvent Permute(DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs,
        ReadOnlySpan<SourceTargetPair> pairs, long elementCount)
    {
        var group = Group(inputs, outputs, elementCount, elementCount, dtype);
        var targeted = new bool[group.Size];
        foreach (var pair in pairs)
        {
            if (pair.Source < 0 || pair.Source >= group.Size || pair.Target < 0 || pair.Target >= group.Size)
                throw new ArgumentException($"cpu: permute pair {pair} is outside the group of {group.Size}", nameof(pairs));
            if (targeted[pair.Target]) throw new ArgumentException($"cpu: permute targets member {pair.Target} twice", nameof(pairs));
            targeted[pair.Target] = true;
        }
        var moves = pairs.ToArray();
        var bytes = elementCount * dtype.SizeOf();
        return Submit(group, () => Staged(group, bytes * moves.Length, staging =>
        {
            for (var p = 0; p < moves.Length; p++) Copy(group.Inputs[moves[p].Source].Address, staging + (nint)(p * bytes), bytes);
            for (var g = 0; g < group.Size; g++)
                if (!targeted[g]) new Span<byte>((void*)group.Outputs[g].Address, checked((int)bytes)).Clear();
            for (var p = 0; p < moves.Length; p++) Copy(staging + (nint)(p * bytes), group.Outputs[moves[p].Target].Address, bytes);
        }));
    }

    public DeviceEvent Broadcast(DType dtype, int root, ReadOnlySpan<DeviceBuffer> inputs,
        ReadOnlySpan<DeviceBuffer> outputs, long elementCount)
    {
        var group = Group(inputs, outputs, elementCount, elementCount, dtype);
        if (root < 0 || root >= group.Size)
            throw new ArgumentOutOfRangeException(nameof(root), root, $"cpu: broadcast root outside the group of {group.Size}");
        var bytes = elementCount * dtype.SizeOf();
        return Submit(group, () => Staged(group, bytes, staging =>
        {
            Copy(group.Inputs[root].Address, staging, bytes);
            foreach (var output in group.Outputs) Copy(staging, output.Address, bytes);
        }));
    }

    private sealed record GroupBuffers(CpuBuffer[] Inputs, CpuBuffer[] Outputs, int[] Devices)
    {
        public int Size => Inputs.Length;

        public nint[] InputAddresses => Inputs.Select(b => b.Address).ToArray();
    }

    private GroupBuffers Group(ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs,
        long inputElements, long outputElements, DType dtype)
    {
        var (ins, outs) = CollectiveCall.Check("cpu", inputs, outputs, inputElements, outputElements, dtype, (buffer, name) => backend.Own(buffer, name));
        return new GroupBuffers(ins, outs, ins.Select(b => b.Device).Order().ToArray());
    }

    private DeviceEvent Submit(GroupBuffers group, Action work) => backend.Streams.Submit(group.Devices, work, default);

    private static void Staged(GroupBuffers group, long bytes, Action<nint> work)
    {
        var staging = NativeBlock.Allocate(bytes);
        try
        {
            work(staging);
        }
        finally
        {
            NativeBlock.Free(staging);
        }
    }

    private static void Copy(nint source, nint destination, long bytes) =>
        Buffer.MemoryCopy((void*)source, (void*)destination, bytes, bytes);
}
