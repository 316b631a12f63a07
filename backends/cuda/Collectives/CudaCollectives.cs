using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Driver;

namespace JaxNet.Backends.Cuda.Collectives;

/// <summary>
/// The cuda backend's collectives over its devices. Each call is checked (<see cref="CollectiveGroup"/>), then runs
/// through NCCL when the backend has it (real GPUs with libnccl.so.2) and NCCL computes the op with the IR's
/// semantics, else through <see cref="PeerCollectives"/> (emulation, no NCCL, float Max and Min). If NCCL fails
/// (an error code from a call, e.g. at communicator setup, before anything was enqueued), the failure is recorded in
/// <see cref="NcclDisabled"/> and written to the host's log (JAXNET_LOG=info), NCCL is not used again, and the call
/// and all later ones take the peer path.
/// </summary>
internal sealed class CudaCollectives(Func<int, CudaDevice> device, NcclCollectives? nccl, Action<string>? log = null)
    : ICollectives, IDisposable
{
    private readonly NcclCollectives? owned = nccl;
    private readonly PeerCollectives peer = new();
    private volatile NcclCollectives? active = nccl;


    /// <summary>Why NCCL was turned off after a failure, or null.</summary>
    public string? NcclDisabled { get; private set; }

    /// <summary>Which path the collectives take, for the capabilities' attributes.</summary>
    public static string Describe(NcclLibrary? nccl, bool emulated) => nccl is not null
        ? $"nccl {NcclMapping.VersionText(nccl.Version)} ({nccl.Library}); peer copies for float max/min"
        : emulated ? "peer copies (emulated devices)" : "peer copies (libnccl.so.2 not found or disabled)";

    public DeviceEvent AllReduce(ReduceOp op, DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs, long elementCount)
    {
        CheckOp(op);
        var group = CollectiveGroup.Of(device, inputs, outputs, elementCount, elementCount, dtype);
        return Run(n => n.CanReduce(op, dtype) ? n.AllReduce(op, dtype, group, elementCount) : null,
            () => peer.AllReduce(op, dtype, group, elementCount));
    }

    public DeviceEvent AllGather(DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs, long elementCountPerMember)
    {
        var group = CollectiveGroup.Of(device, inputs, outputs, elementCountPerMember, elementCountPerMember * inputs.Length, dtype);
        return Run(n => n.AllGather(dtype, group, elementCountPerMember), () => peer.AllGather(dtype, group, elementCountPerMember));
    }

    public DeviceEvent ReduceScatter(ReduceOp op, DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs, long elementCountPerMember)
    {
        CheckOp(op);
        var group = CollectiveGroup.Of(device, inputs, outputs, elementCountPerMember * inputs.Length, elementCountPerMember, dtype);
        return Run(n => n.CanReduce(op, dtype) ? n.ReduceScatter(op, dtype, group, elementCountPerMember) : null,
            () => peer.ReduceScatter(op, dtype, group, elementCountPerMember));
    }

    public DeviceEvent AllToAll(DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs, long chunkElementCount)
    {
        var total = chunkElementCount * inputs.Length;
        var group = CollectiveGroup.Of(device, inputs, outputs, total, total, dtype);
        return Run(n => n.AllToAll(dtype, group, chunkElementCount), () => peer.AllToAll(dtype, group, chunkElementCount));
    }

    public DeviceEvent Permute(DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs, ReadOnlySpan<SourceTargetPair> pairs, long elementCount)
    {
        var group = CollectiveGroup.Of(device, inputs, outputs, elementCount, elementCount, dtype);
        var targeted = new bool[group.Size];
        foreach (var pair in pairs)
        {
            if (pair.Source < 0 || pair.Source >= group.Size || pair.Target < 0 || pair.Target >= group.Size)
                throw new ArgumentException($"cuda: permute pair {pair} is outside the group of {group.Size}", nameof(pairs));
            if (targeted[pair.Target]) throw new ArgumentException($"cuda: permute targets member {pair.Target} twice", nameof(pairs));
            targeted[pair.Target] = true;
        }
        var moves = pairs.ToArray();
        return Run(n => n.Permute(dtype, group, moves, elementCount), () => peer.Permute(dtype, group, moves, elementCount));
    }

    public DeviceEvent Broadcast(DType dtype, int root, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs, long elementCount)
    {
        var group = CollectiveGroup.Of(device, inputs, outputs, elementCount, elementCount, dtype);
        if (root < 0 || root >= group.Size)
            throw new ArgumentOutOfRangeException(nameof(root), root, $"cuda: broadcast root outside the group of {group.Size}");
        return Run(n => n.Broadcast(dtype, root, group, elementCount), () => peer.Broadcast(dtype, root, group, elementCount));
    }

    private static void CheckOp(ReduceOp op)
    {
        if (op is not (ReduceOp.Sum or ReduceOp.Prod or ReduceOp.Max or ReduceOp.Min))
            throw new ArgumentException($"cuda: collectives reduce with sum, prod, max or min, not {op}", nameof(op));
    }

    /// <summary>NCCL's event when NCCL takes the call (<paramref name="viaNccl"/> returns non-null), else the peer
    /// path, which finishes before it returns.</summary>
    private DeviceEvent Run(Func<NcclCollectives, DeviceEvent?> viaNccl, Action viaPeer)
    {
        if (active is { } n)
        {
            try
            {
                if (viaNccl(n) is { } done) return done;
            }
            catch (NcclException e)
            {
                NcclDisabled = e.Message;
                active = null;
                log?.Invoke($"NCCL turned off, collectives use peer copies from now on: {e.Message}");
            }
        }
        viaPeer();
        return DeviceEvent.Completed;
    }

    public void Dispose() => owned?.Dispose();
}
