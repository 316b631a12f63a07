using ILGPU;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Fusion;

namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>
/// The kernels that apply a scatter's updates (<see cref="ScatterByWindow"/> and <see cref="SortedScatter"/>),
/// for one operand dtype: loads, stores and combines of that dtype only. With the dtype read at run time each held
/// every dtype class's code (2,700 lines of PTX on average, float64 arithmetic in a float32 scatter).
/// </summary>
internal static class ScatterKernels<TD>
    where TD : struct, IDTypeTag
{
    /// <summary>Walks the updates of one window offset (or all, when windows may overlap) in order.</summary>
    public static void ByWindow(Index1D thread, Slots slots, ArrayView<long> meta, IndexedParams p, ScatterWalk walk)
    {
        var dtype = default(TD).DType;
        var first = walk.Parallel(meta, thread);
        for (long s = 0; s < walk.Steps; s++)
        {
            var u = first + walk.Sequential(meta, s);
            if (!p.Locate(slots, meta, u, out var element)) continue;
            slots.Store(0, element, dtype, Combine(p.Combiner, slots.Load(0, element, dtype), slots.Load(2, u, dtype)));
        }
    }

    /// <summary>The first thread of each target's run of sorted updates applies the run in order (slot 3 the
    /// targets, <paramref name="pass"/> the sorted positions).</summary>
    public static void ApplyRuns(Index1D i, Slots slots, ArrayView<long> meta, IndexedParams p, SortPass pass)
    {
        var dtype = default(TD).DType;
        var target = SortedScatter.TargetOf(slots, pass, i);
        if (target == long.MaxValue || (i > 0 && SortedScatter.TargetOf(slots, pass, i - 1) == target)) return;
        var value = slots.Load(0, target, dtype);
        for (long j = i; j < p.Walk && SortedScatter.TargetOf(slots, pass, j) == target; j++)
            value = Combine(p.Combiner, value, slots.Load(2, slots.LoadRaw(pass.From, j), dtype));
        slots.Store(0, target, dtype, value);
    }

    /// <summary>The value an element holds after one more update.</summary>
    private static long Combine(ScatterCombiner combiner, long current, long update) => combiner switch
    {
        ScatterCombiner.Add => default(TD).Binary(BinaryOp.Add, current, update),
        ScatterCombiner.Mul => default(TD).Binary(BinaryOp.Mul, current, update),
        ScatterCombiner.Min => default(TD).Binary(BinaryOp.Min, current, update),
        ScatterCombiner.Max => default(TD).Binary(BinaryOp.Max, current, update),
        _ => update,
    };
}
