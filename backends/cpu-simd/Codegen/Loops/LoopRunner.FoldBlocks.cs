using JaxNet.Backends.CpuSimd.Codegen.Emit;
using JaxNet.Backends.CpuSimd.Launch;

namespace JaxNet.Backends.CpuSimd.Codegen.Loops;

/// <summary>
/// A reduction that folds rows into accumulators split across the cores by blocks of rows that own their accumulators:
/// a conv bias gradient, [32, 64, 784] summed over its last two dimensions, is 32 blocks of 64 rows, each block adding
/// into one output. The blocks are consecutive outer points that differ only in dimensions along which the accumulator
/// does not move, and every dimension outside them moves it, so no two blocks share an accumulator and each
/// accumulator sees its rows in the same order as on one core (the same result, bit for bit).
/// </summary>
internal sealed unsafe partial class LoopRunner
{
    /// <summary>Outer points per block that owns its accumulators, or 0 when the fold's rows cannot be split so (an
    /// accumulator that rows far apart update: a reduced dimension outside a kept one, or no kept outer dimension).</summary>
    private static long FoldBlockRows(LoopNest nest, RowFold? fold)
    {
        if (fold is null || nest.HasComplexOperands) return 0;
        var strides = nest.Operands[fold.ValuePointer].Strides;
        var lastKept = -1;
        for (var d = 0; d < nest.Inner; d++)
            if (strides[d] != 0 && nest.Shape[d] > 1) lastKept = d;
        if (lastKept < 0) return 0;
        for (var d = 0; d < lastKept; d++)
            if (strides[d] == 0 && nest.Shape[d] > 1) return 0;
        var rows = 1L;
        for (var d = lastKept + 1; d < nest.Inner; d++) rows *= nest.Shape[d];
        return rows;
    }

    /// <summary>Runs blocks of <paramref name="blockRows"/> outer points on the cores, a few blocks per part.</summary>
    private void RunFoldBlocks(nint[] slots, long outerPoints, long count, long blockRows)
    {
        var blocks = outerPoints / blockRows;
        var parts = (int)Math.Min(4 * Environment.ProcessorCount, blocks);
        CpuParallel.For(parts, p => RunPart(slots, blocks * p / parts * blockRows, blocks * (p + 1) / parts * blockRows, 0, count, null));
    }
}
