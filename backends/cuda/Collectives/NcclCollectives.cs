using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Driver;
using JaxNet.Backends.Cuda.Memory;
using CudaDevice = JaxNet.Backends.Cuda.Driver.CudaDevice;

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

    /// <summary>Issues one NCCL group on the members' streams; the event completes when every member's stream has.</summary>
    private DeviceEvent Enqueue(CollectiveGroup group, Action<int, IntPtr, IntPtr> call)
    {
        Issue(group.Devices, Clique(group.Devices), call);
        return new MemberEvents(group.Devices.Select(d => (DeviceEvent)new StreamEvent(d)).ToArray());
    }

    /// <summary><paramref name="call"/>(member, communicator, stream) for every member inside ncclGroupStart/End,
    /// with every member's gate held (in device order) so no other work enters the streams in between.</summary>
    private void Issue(CudaDevice[] devices, IntPtr[] comms, Action<int, IntPtr, IntPtr> call)
    {
        var order = devices.OrderBy(d => d.Id).ToArray();
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
                for (var g = 0; g < devices.Length; g++)
                {
                    devices[g].Accelerator.Bind();
                    call(g, comms[g], ((CudaStream)devices[g].Stream).StreamPtr);
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
    }

    /// <summary>The communicators of a group of devices, created and self-tested on first use.</summary>
    private IntPtr[] Clique(CudaDevice[] devices)
    {
        var ordinals = devices.Select(d => ((CudaAccelerator)d.Accelerator).DeviceId).ToArray();
        var key = string.Join(",", ordinals);
        lock (gate)
        {
            if (cliques.TryGetValue(key, out var comms)) return comms;
            devices[0].Accelerator.Bind();
            comms = nccl.CommInitAll(ordinals);
            try
            {
                SelfTest(devices, comms);
            }
            catch (Exception e)
            {
                foreach (var comm in comms) nccl.CommDestroy(comm);
                throw e as NcclException ?? new NcclException($"NCCL self-test on devices {key} failed: {e.GetType().Name}: {e.Message}");
            }
            cliques[key] = comms;
            return comms;
        }
    }

    /// <summary>
    /// An all-reduce of one int per member, checked, before a clique serves real buffers. NCCL runs its kernels in
    /// each device's primary CUDA context, while ILGPU's accelerators have contexts of their own (ILGPU 1.5.3 has
    /// no way to use the primary one), and NCCL requires one context for a communicator and its streams
    /// (NVIDIA/nccl#565). Where that fails, it fails here, on scratch memory, and the peer path takes over.
    /// </summary>
    private void SelfTest(CudaDevice[] devices, IntPtr[] comms)
    {
        var blocks = devices.Select(d => d.Allocator.Allocate(sizeof(int))).ToArray();
        try
        {
            var views = blocks.Select(b => ((ArrayView<byte>)b.View).SubView(0, sizeof(int)).Cast<int>()).ToArray();
            for (var g = 0; g < devices.Length; g++)
            {
                devices[g].Accelerator.Bind();
                views[g].CopyFromCPU([1]);
            }
            Issue(devices, comms, (g, comm, stream) =>
                nccl.AllReduce(views[g].LoadEffectiveAddressAsPtr(), views[g].LoadEffectiveAddressAsPtr(), 1, NcclMapping.Int32, NcclMapping.Sum, comm, stream));
            for (var g = 0; g < devices.Length; g++)
            {
                devices[g].Stream.Synchronize();
                var result = new int[1];
                views[g].CopyToCPU(result);
                if (result[0] != devices.Length)
                    throw new NcclException($"NCCL self-test: all-reduce of {devices.Length} ones gave {result[0]} on device {devices[g].Id}");
            }
        }
        finally
        {
            for (var g = 0; g < devices.Length; g++) devices[g].Allocator.Free(blocks[g]);
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
