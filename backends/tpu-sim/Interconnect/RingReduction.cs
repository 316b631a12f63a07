using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.TpuSim.Execution;

namespace JaxNet.Backends.TpuSim.Interconnect;

/// <summary>
/// The values a bidirectional ring reduce-scatter computes, in the order it combines them: a block that ends on
/// the ring member at position p sends its first half forward (starting at p + 1, then p + 2, ... and p last) and
/// its second half backward (p - 1, p - 2, ... p), each hop adding the partial result it received to its own
/// values, rounding to the dtype at every step as the vector unit would.
/// </summary>
internal static class RingReduction
{
    /// <summary>The reduction of elements [start, start + length) of every member's values, owned by ring position p.</summary>
    public static Column ReduceBlock(ReduceOp op, IReadOnlyList<Column> members, IReadOnlyList<int> ring, int owner, long start, int length)
    {
        var result = Column.Create(members[0].DType, length);
        var forward = (length + 1) / 2;
        Fold(op, members, ring, owner, +1, start, 0, forward, result);
        Fold(op, members, ring, owner, -1, start, forward, length - forward, result);
        return result;
    }

    private static void Fold(ReduceOp op, IReadOnlyList<Column> members, IReadOnlyList<int> ring, int owner, int direction,
        long start, int offset, int count, Column result)
    {
        var size = ring.Count;
        var first = members[ring[Position(owner + direction, size)]];
        first.CopyTo((int)(start + offset), result, offset, count);
        for (var step = 2; step <= size; step++)
        {
            var member = members[ring[Position(owner + direction * step, size)]];
            for (var i = 0; i < count; i++) ReductionExecutor.Combine(op, result, offset + i, member, (int)(start + offset + i));
        }
    }

    private static int Position(int p, int size) => ((p % size) + size) % size;
}
