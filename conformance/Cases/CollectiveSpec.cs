using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Conformance.Cases;

/// <summary>
/// A collective case: the operation, its reduction (for AllReduce and ReduceScatter), the group (devices
/// 0..GroupSize-1, member g on device g) and <see cref="Count"/>, the element count the ICollectives method takes
/// (elementCount, elementCountPerMember or chunkElementCount).
/// </summary>
public sealed record CollectiveSpec(
    CollectiveKind Kind,
    DType DType,
    int GroupSize,
    long Count,
    ReduceOp Op = ReduceOp.Sum,
    int Root = 0,
    IReadOnlyList<SourceTargetPair>? Pairs = null)
{
    /// <summary>Elements of each member's input buffer.</summary>
    public long InputCount => Kind is CollectiveKind.ReduceScatter or CollectiveKind.AllToAll ? GroupSize * Count : Count;

    /// <summary>Elements of each member's output buffer.</summary>
    public long OutputCount => Kind is CollectiveKind.AllGather or CollectiveKind.AllToAll ? GroupSize * Count : Count;

    public override string ToString() =>
        $"{Kind} {DType.ShortName()} over {GroupSize} devices, count {Count}" +
        (Kind is CollectiveKind.AllReduce or CollectiveKind.ReduceScatter ? $", op {Op}" : "") +
        (Kind == CollectiveKind.Broadcast ? $", root {Root}" : "") +
        (Pairs is null ? "" : ", pairs " + string.Join(" ", Pairs.Select(p => $"{p.Source}->{p.Target}")));
}
