using ILGPU;
using ILGPU.Runtime;
using JaxNet.Backends.Cuda.Fusion;

namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>
/// A scatter whose updates may collide anywhere, in parallel and with one thread's result: each update's target
/// element is found (or dropped), the updates are merge-sorted by target (stable: an element's updates keep their
/// order), and the first thread of each element's run applies the run in order
/// (<see cref="ScatterKernels{TD}.ApplyRuns"/>). Launches: one for the targets, log2(updates) merge passes, one to
/// apply. Slots: 0 output, 1 indices, 2 updates, 3 targets, 4 and 5 positions.
/// </summary>
internal sealed class SortedScatter
{
    private const int Targets = -1;
    private const int PositionsA = -2;
    private const int PositionsB = -3;
    private const int TargetSlot = 3;

    // Scratch buffer ids, bound per launch after the scatter's three buffers.
    private static readonly int[] Scratch = [Targets, PositionsA, PositionsB];

    private readonly Action<AcceleratorStream, Index1D, Slots, ArrayView<long>, IndexedParams> targets;
    private readonly Action<AcceleratorStream, Index1D, Slots, ArrayView<long>, IndexedParams, SortPass> apply;
    private readonly MergePasses<TargetOrder> passes;
    private readonly IndexedParams p;
    private readonly int[] buffers;

    /// <param name="scatterBuffers">The scatter's output, indices and updates buffers (slots 0 to 2).</param>
    public SortedScatter(Accelerator accelerator, IndexedParams p, int[] scatterBuffers)
    {
        if (p.Walk > int.MaxValue) throw new NotSupportedException($"a scatter of {p.Walk} updates exceeds one launch");
        this.p = p;
        buffers = [.. scatterBuffers, .. Scratch];
        targets = KernelLoading.AutoGrouped<Slots, ArrayView<long>, IndexedParams>(accelerator, FindTargets);
        apply = KernelLoading.AutoGrouped(accelerator, typeof(ScatterKernels<>).MakeGenericType(Tags.Of(p.DType))
            .GetMethod(nameof(ScatterKernels<DFloat32>.ApplyRuns))!.CreateDelegate<Action<Index1D, Slots, ArrayView<long>, IndexedParams, SortPass>>());
        passes = new MergePasses<TargetOrder>(accelerator);
    }

    public void Issue(LaunchFrame frame, ArrayView<long> meta)
    {
        foreach (var id in Scratch) frame.Bind(id, frame.Scratch(p.Walk * sizeof(long)));
        var slots = frame.SlotsOf(buffers);
        targets(frame.Stream, (int)p.Walk, slots, meta, p);
        var line = new LineParams { Lines = 1, Length = (int)p.Walk, Inner = 1 };
        var pass = passes.Issue(frame.Stream, slots, meta, line, TargetSlot + 1, TargetSlot + 2);
        apply(frame.Stream, (int)p.Walk, slots, meta, p, pass);
    }

    // Dropped updates (out of bounds under FillOrDrop) get the largest key: they sort last and apply nowhere.
    private static void FindTargets(Index1D u, Slots slots, ArrayView<long> meta, IndexedParams p) =>
        slots.StoreRaw(TargetSlot, u, p.Locate(slots, meta, u, out var element) ? element : long.MaxValue);

    /// <summary>The target element of the update at <paramref name="sortedIndex"/> in target order.</summary>
    public static long TargetOf(Slots slots, SortPass pass, long sortedIndex) =>
        slots.LoadRaw(TargetSlot, slots.LoadRaw(pass.From, sortedIndex));

    /// <summary>Updates by target element, then by their own order.</summary>
    private struct TargetOrder : IPositionOrder
    {
        public readonly bool Before(Slots slots, ArrayView<long> meta, LineParams p, long start, long x, long y)
        {
            var a = slots.LoadRaw(TargetSlot, x);
            var b = slots.LoadRaw(TargetSlot, y);
            return a != b ? a < b : x < y;
        }
    }
}
