using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Codegen.Loops;

/// <summary>
/// Rows of half a vector to a vector (8 to 15 points) that the row function runs as one partial vector, masked loads
/// and stores, instead of moving a long dimension innermost when that dimension is far apart in memory: a max pool's
/// window reads [.., 56, 2] over rows of 14 outputs, and a long batch dimension innermost would read every lane
/// 25088 elements from the last. The row
/// function does so (RowFunctionEmitter.Tail) when every operand is a plain 4- or 8-byte element (no mask bytes, no
/// half floats) read contiguously, broadcast, or with a stride it permutes (2 to 4), and, in a periodic row, when each
/// vector holds whole periods at any lane count (a period of 2 or 4) and each repeat's load spans at most a vector.
/// </summary>
internal sealed partial class LoopNest
{
    /// <summary>The shortest row kept as a partial vector rather than walked across a long outer dimension.</summary>
    internal const long PartialRow = ShortRow / 2;

    /// <summary>Whether a row of <paramref name="extent"/> points whose operands step by <paramref name="innerStrides"/>
    /// runs as a partial vector (see the class summary).</summary>
    private static bool RunsAsPartialVector(long extent, IReadOnlyList<LoopOperand> operands, IReadOnlyList<long> innerStrides)
    {
        if (extent < PartialRow || extent >= ShortRow) return false;
        var sizes = operands.Select(o => o.DType.SizeOf()).Distinct().ToList();
        return sizes is [4] or [8]
            && operands.All(o => o.DType is DType.Float32 or DType.Int32 or DType.UInt32 or DType.Float64 or DType.Int64)
            && innerStrides.All(s => s is >= 0 and <= Emit.RowFunctionEmitter.MaxPermutedStride);
    }

    /// <summary>Strides (in bytes) from which each lane of an interchanged loop reads its own page: the interchange then
    /// costs more than the partial vector a short row runs as.</summary>
    internal const long FarStrideBytes = 4096;

    /// <summary>
    /// Whether a short row stays innermost rather than a long dimension whose operand strides are
    /// <paramref name="longStrides"/>: the row runs as a partial vector, and either an operand reads it with a stride
    /// (its interchanged lanes would each read a cache line of which it uses every k-th element, and the line must stay
    /// in L1 until the next pass over the block) or some operand steps at least <see cref="FarStrideBytes"/> along the
    /// long dimension (a batch of images). Rows of 9 to 15 points of contiguous data, whose long dimension steps by the
    /// row, still move it innermost: their strided lanes share cache lines and a vector holds 16 points rather than 9.
    /// </summary>
    private static bool KeepsPartialRow(long extent, IReadOnlyList<long> innerStrides, IReadOnlyList<long> longStrides,
        IReadOnlyList<LoopOperand> operands) =>
        RunsAsPartialVector(extent, operands, innerStrides)
        && (innerStrides.Any(s => s >= 2)
            || operands.Select((o, i) => Math.Abs(longStrides[i]) * o.DType.SizeOf()).Max() >= FarStrideBytes);

    /// <summary>Whether a periodic row of <paramref name="points"/> shorter than a vector still runs as one (see the
    /// class summary): each operand's group stride g and inner stride s make a stream, a repeat with g ≤ e, or a tile.</summary>
    private static bool PeriodicRunsAsPartialVector(long points, long period, IReadOnlyList<LoopOperand> operands,
        IReadOnlyList<long> groupStrides, IReadOnlyList<long> innerStrides)
    {
        if (period is not (2 or 4)) return false;
        for (var i = 0; i < operands.Count; i++)
        {
            var (g, s) = (groupStrides[i], innerStrides[i]);
            if (s == 0 && g > period) return false;
        }
        // A tile's elements are gathered once per phase before the loop: its stride reads nothing in the row.
        return RunsAsPartialVector(points, operands, innerStrides.Select((s, i) => groupStrides[i] == 0 ? 0 : s).ToArray());
    }
}
