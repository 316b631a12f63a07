namespace JaxNet.Backends.CpuSimd.Codegen.Loops;

/// <summary>
/// Periodic rows: a short innermost dimension merged with its outer neighbour into one dimension whose operands
/// repeat with the short extent as their period. A complex elementwise op is an [N, 2] kernel whose inputs read
/// the pairs' parts with strides [2, 0] and which picks its formula on <c>index 1</c>; walked as one dimension of
/// 2N points, its output is stored contiguously and each input is a contiguous load of the pairs plus a lane
/// permute, where the short-row path (a long dimension innermost) loads and stores every element with a stride.
/// </summary>
internal sealed partial class LoopNest
{
    /// <summary>
    /// The innermost dimension's period e: 1 for an ordinary nest, else the extent of the short kernel dimension
    /// merged into it (see <see cref="IsPeriod"/>). The runner splits rows only at multiples of e (see LoopRunner.SplitAlignment), and the
    /// row function steps by as many vectors as hold whole periods, so every part and every step starts at a
    /// multiple of e.
    /// </summary>
    public int Period { get; }

    /// <summary>Periods a short innermost dimension may have to be merged (see <see cref="Period"/>): 2 to 8, and 10,
    /// 12 and 14 (a softmax over ten classes), whose steps are at most 7 vectors at any lane count (e divided by its
    /// largest power-of-two factor). 9, 11, 13 and 15 would unroll the vector loop e times, and from 16 a row has a
    /// vector anyway.</summary>
    private static bool IsPeriod(long extent) => extent is >= 2 and <= 8 || extent is 10 or 12 or 14;

    /// <summary>
    /// Merges the last two dimensions into one periodic dimension when the last is a period and every operand
    /// reads the pair of dimensions (outer stride g, inner stride s) in one of three ways: linearly (g = e * s: a
    /// contiguous or broadcast stream, stores included), as a repeat (s = 0, g > 0: each element of a stream read
    /// e times in a row) or as a tile (g = 0: the same e elements for every group). Anything else keeps the
    /// short-row path.
    /// </summary>
    private static LoopNest? TryPeriodic(int[] kernelShape, IReadOnlyList<LoopOperand> operands,
        List<(long Extent, int Source, long[] Strides)> dims)
    {
        if (dims.Count < 2) return null;
        var (group, lane) = (dims[^2], dims[^1]);
        var period = lane.Extent;
        if (!IsPeriod(period)) return null;
        for (var i = 0; i < operands.Count; i++)
        {
            var (g, s) = (group.Strides[i], lane.Strides[i]);
            if (g != period * s && !(s == 0 && g > 0) && g != 0) return null;
        }
        if (group.Extent * period < ShortRow
            && !PeriodicRunsAsPartialVector(group.Extent * period, period, operands, group.Strides, lane.Strides)) return null;

        var inner = dims.Count - 2;
        var map = Enumerable.Repeat(-1, kernelShape.Length).ToArray();
        for (var k = 0; k < inner; k++)
            if (dims[k].Source >= 0) map[dims[k].Source] = k;
        map[group.Source] = inner + 1;
        map[lane.Source] = inner;
        var periodic = operands
            .Select((o, i) => o with
            {
                Strides = dims.Take(inner).Select(d => d.Strides[i]).Append(lane.Strides[i]).ToArray(),
                GroupStride = group.Strides[i] == period * lane.Strides[i] ? null : group.Strides[i],
            })
            .ToArray();
        var shape = dims.Take(inner).Select(d => d.Extent).Append(group.Extent * period).ToArray();
        return new LoopNest(shape, periodic, kernelShape, map, period: (int)period);
    }
}
