using JaxNet.Abstractions.Kernels;

namespace JaxNet.Abstractions;

/// <summary>The collective operations of ABI v1.</summary>
public enum CollectiveKind
{
    AllReduce,
    AllGather,
    ReduceScatter,
    AllToAll,
    Permute,
    Broadcast,
}

/// <summary>A source and a target position in a collective's group, for <see cref="ICollectives.Permute"/>.</summary>
public readonly record struct SourceTargetPair(int Source, int Target);

/// <summary>
/// Collectives over a group of this backend's devices. The group is given by the buffers: member <c>g</c> owns
/// <c>inputs[g]</c> and <c>outputs[g]</c>, which live on the same device; no device appears twice. Counts are
/// in elements of <c>dtype</c>. Buffers are contiguous. Across processes the host uses MPI instead.
/// </summary>
public interface ICollectives
{
    /// <summary>Every output receives the elementwise reduction (Sum, Prod, Max, Min) of all inputs.</summary>
    DeviceEvent AllReduce(ReduceOp op, DType dtype, ReadOnlySpan<DeviceBuffer> inputs,
        ReadOnlySpan<DeviceBuffer> outputs, long elementCount);

    /// <summary>Every output receives all inputs concatenated in group order (output size: G x count).</summary>
    DeviceEvent AllGather(DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs,
        long elementCountPerMember);

    /// <summary>
    /// The inputs (G x count each) are reduced elementwise, and member g receives block g of the result
    /// (count elements).
    /// </summary>
    DeviceEvent ReduceScatter(ReduceOp op, DType dtype, ReadOnlySpan<DeviceBuffer> inputs,
        ReadOnlySpan<DeviceBuffer> outputs, long elementCountPerMember);

    /// <summary>Each input holds G chunks; output g's chunk j is input j's chunk g.</summary>
    DeviceEvent AllToAll(DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs,
        long chunkElementCount);

    /// <summary>
    /// For each pair, output[Target] receives input[Source]. Outputs that no pair targets are zero-filled
    /// (as in XLA's collective_permute). A target appears at most once.
    /// </summary>
    DeviceEvent Permute(DType dtype, ReadOnlySpan<DeviceBuffer> inputs, ReadOnlySpan<DeviceBuffer> outputs,
        ReadOnlySpan<SourceTargetPair> pairs, long elementCount);

    /// <summary>Every output receives input[root].</summary>
    DeviceEvent Broadcast(DType dtype, int root, ReadOnlySpan<DeviceBuffer> inputs,
        ReadOnlySpan<DeviceBuffer> outputs, long elementCount);
}
