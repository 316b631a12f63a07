using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Driver;
using JaxNet.Backends.Cuda.Memory;

namespace JaxNet.Backends.Cuda.Collectives;

/// <summary>
/// Collectives through NCCL on real GPUs: one communicator clique per distinct group of devices (ncclCommInitAll,
/// ranks in member order, cached), and each call enqueued as one NCCL group on every member's own stream, so it
/// is ordered after the work already issued there and before later work, without the host waiting. Reductions
/// NCCL cannot compute with the IR's semantics are not taken here (<see cref="NcclMapping.Reduction"/> is null).
/// </summary>
internal sealed class NcclCollectives(NcclLibrary nccl) : IDisposable
{
    private readonly Dictionary<string, IntPtr[]> cliques = [];
    private readonly object gate = new();

    public NcclLibrary Library => nccl;

    public bool CanReduce(ReduceOp op, DType dtype) => NcclMapping.Reduction(op, dtype, nccl.Version) is not null;

    public DeviceEvent AllReduce(ReduceOp op, DType dtype, CollectiveGroup group, long count)
    {
        var (type, ncclOp) = NcclMapping.Reduction(op, dtype, nccl.Version)!.Value;
        return Enqueue(group, (g, comm, stream) =>
            nccl.AllReduce(Pointer(group.Inputs[g]), Pointer(group.Outputs[g]), count, type, ncclOp, comm, stream));
    }

    public DeviceEvent ReduceScatter(ReduceOp op, DType dtype, CollectiveGroup group, long countPerMember)
    {
        var (type, ncclOp) = NcclMapping.Reduction(op, dtype, nccl.Version)!.Value;
        return Enqueue(group, (g, comm, stream) =>
            nccl.ReduceScatter(Pointer(group.Inputs[g]), Pointer(group.Outputs[g]), countPerMember, type, ncclOp, comm, stream));
    }

    public DeviceEvent AllGather(DType dtype, CollectiveGroup group, long countPerMember)
    {
        var (type, count) = NcclMapping.Movement(dtype, countPerMember);
        return Enqueue(group, (g, comm, stream) =>
            nccl.AllGather(Pointer(group.Inputs[g]), Pointer(group.Outputs[g]), count, type, comm, stream));
    }

    public DeviceEvent Broadcast(DType dtype, int root, CollectiveGroup group, long count)
    {
        var (type, bytes) = NcclMapping.Movement(dtype, count);
        return Enqueue(group, (g, comm, stream) =>
            nccl.Broadcast(Pointer(group.Inputs[g]), Pointer(group.Outputs[g]), bytes, type, root, comm, stream));
    }

    public DeviceEvent AllToAll(DType dtype, CollectiveGroup group, long chunkCount)
    {
        var (type, chunk) = NcclMapping.Movement(dtype, chunkCount);
        var transfers = NcclMapping.AllToAllTransfers(group.Size, chunk).ToLookup(t => t.Member);
        return Enqueue(group, (g, comm, stream) =>
        {
            foreach (var t in transfers[g])
            {
                nccl.Send(Pointer(group.Inputs[g]) + (nint)t.SendOffset, chunk, type, t.Peer, comm, stream);
                nccl.Receive(Pointer(group.Outputs[g]) + (nint)t.ReceiveOffset, chunk, type, t.Peer, comm, stream);
            }
        });
    }

    public DeviceEvent Permute(DType dtype, CollectiveGroup group, IReadOnlyList<SourceTargetPair> pairs, long count)
    {
        var (type, bytes) = NcclMapping.Movement(dtype, count);
        var targeted = new bool[group.Size];
        foreach (var p in pairs) targeted[p.Target] = true;
        return Enqueue(group, (g, comm, stream) =>
        {
            // Zero-filled outputs are written in the member's stream too, so they are ordered like the transfers.
            if (!targeted[g] && bytes > 0) group.Outputs[g].View.SubView(0, bytes).MemSetToZero(group.Devices[g].Stream);
            foreach (var p in pairs)
            {
                if (p.Source == g) nccl.Send(Pointer(group.Inputs[g]), bytes, type, p.Target, comm, stream);
                if (p.Target == g) nccl.Receive(Pointer(group.Outputs[g]), bytes, type, p.Source, comm, stream);
            }
        });
    }

    /// <summary>Issues one NCCL group: <paramref name="call"/>(member, communicator, stream) for every member, with
    /// every member's gate held (in device order) so no other work enters the streams in between.</summary>
    private DeviceEvent Enqueue(CollectiveGroup group, Action<int, IntPtr, IntPtr> call)
    {
        var comms = Clique(group);
        var order = group.Devices.OrderBy(d => d.Id).ToArray();
        var entered = 0;
        try
        {
            foreach (var d in order)
            {
                Monitor.Enter(d.Gate);
                entered++;
            }
            nccl.GroupStart();
            try
            {
                for (var g = 0; g < group.Size; g++)
                {
                    var device = group.Devices[g];
                    device.Accelerator.Bind();
                    call(g, comms[g], ((CudaStream)device.Stream).StreamPtr);
                }
            }
            finally
            {
                nccl.GroupEnd();
            }
        }
        finally
        {
            for (var i = 0; i < entered; i++) Monitor.Exit(order[i].Gate);
        }
        return new MemberEvents(group.Devices.Select(d => (DeviceEvent)new StreamEvent(d)).ToArray());
    }

    private IntPtr[] Clique(CollectiveGroup group)
    {
        var ordinals = group.Devices.Select(d => ((CudaAccelerator)d.Accelerator).DeviceId).ToArray();
        var key = string.Join(",", ordinals);
        lock (gate)
        {
            if (cliques.TryGetValue(key, out var comms)) return comms;
            group.Devices[0].Accelerator.Bind();
            comms = nccl.CommInitAll(ordinals);
            cliques[key] = comms;
            return comms;
        }
    }

    private static IntPtr Pointer(CudaBuffer buffer) => CuBlas.Pointer(buffer.View);

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var comm in cliques.Values.SelectMany(c => c)) nccl.CommDestroy(comm);
            cliques.Clear();
        }
    }
}
