using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Vulkan.Collectives;

/// <summary>
/// Collectives over the backend's devices, staged through host memory: every input is read back (in its
/// device's stream order), the host combines them, and the outputs are written back in each device's stream
/// order. The call blocks until the inputs are read; the returned event covers the writes.
/// </summary>
internal sealed class HostStagedCollectives(VulkanBackend backend) : ICollectives
{
    public DeviceEvent AllReduce(ReduceOp op, DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs, long elementCount)
    {
        var bytes = elementCount * dtype.SizeOf();
        var data = ReadAll(inputs, bytes);
        var reduced = HostReduction.Reduce(op, dtype, data);
        return WriteAll(outputs, _ => reduced);
    }

    public DeviceEvent AllGather(DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs, long elementCountPerMember)
    {
        var data = ReadAll(inputs, elementCountPerMember * dtype.SizeOf());
        var all = data.SelectMany(d => d).ToArray();
        return WriteAll(outputs, _ => all);
    }

    public DeviceEvent ReduceScatter(ReduceOp op, DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs, long elementCountPerMember)
    {
        var block = checked((int)(elementCountPerMember * dtype.SizeOf()));
        var data = ReadAll(inputs, (long)block * inputs.Length);
        var reduced = HostReduction.Reduce(op, dtype, data);
        return WriteAll(outputs, g => reduced.AsSpan(g * block, block).ToArray());
    }

    public DeviceEvent AllToAll(DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs, long chunkElementCount)
    {
        var chunk = checked((int)(chunkElementCount * dtype.SizeOf()));
        var members = inputs.Length;
        var data = ReadAll(inputs, (long)chunk * members);
        return WriteAll(outputs, g =>
        {
            var result = new byte[chunk * members];
            for (var j = 0; j < members; j++) data[j].AsSpan(g * chunk, chunk).CopyTo(result.AsSpan(j * chunk));
            return result;
        });
    }

    public DeviceEvent Permute(DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs, ReadOnlySpan<SourceTargetPair> pairs, long elementCount)
    {
        var bytes = checked((int)(elementCount * dtype.SizeOf()));
        var data = ReadAll(inputs, bytes);
        var source = new int[outputs.Length];
        Array.Fill(source, -1);
        foreach (var p in pairs) source[p.Target] = p.Source;
        return WriteAll(outputs, g => source[g] >= 0 ? data[source[g]] : new byte[bytes]);
    }

    public DeviceEvent Broadcast(DType dtype, int root, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs, long elementCount)
    {
        var bytes = elementCount * dtype.SizeOf();
        var data = new byte[checked((int)bytes)];
        backend.CopyToHost(inputs[root], 0, data).Wait();
        return WriteAll(outputs, _ => data);
    }

    private byte[][] ReadAll(ReadOnlySpan<DeviceBuffer> inputs, long bytes)
    {
        var data = new byte[inputs.Length][];
        var events = new DeviceEvent[inputs.Length];
        for (var g = 0; g < inputs.Length; g++)
        {
            data[g] = new byte[checked((int)bytes)];
            events[g] = backend.CopyToHost(inputs[g], 0, data[g]);
        }
        foreach (var e in events) e.Wait();
        return data;
    }

    private DeviceEvent WriteAll(ReadOnlySpan<DeviceBuffer> outputs, Func<int, byte[]> content)
    {
        var events = new DeviceEvent[outputs.Length];
        for (var g = 0; g < outputs.Length; g++) events[g] = backend.CopyToDevice(content(g), outputs[g], 0);
        return new AllEvents(events);
    }

    private sealed class AllEvents(DeviceEvent[] events) : DeviceEvent
    {
        public override bool IsCompleted => events.All(e => e.IsCompleted);

        public override void Wait()
        {
            foreach (var e in events) e.Wait();
        }
    }
}
