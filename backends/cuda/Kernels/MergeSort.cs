using ILGPU;
using ILGPU.Runtime;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Fusion;
using JaxNet.Backends.Cuda.Numerics;

namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>
/// Sort along an axis as a parallel merge sort of positions: every launch has one thread per element of every
/// line. Runs of width 1, 2, 4, ... merge pairwise; each element finds its place in the merged run by a binary
/// search in the other run (the comparison is a strict total order: the key operands lexicographically in the
/// IR's total order, ties by position, so the sort is stable and two elements never compare equal). Then every
/// operand is gathered through the sorted positions into scratch and written out (the output may be the operand
/// itself). log2(n) + 1 + 2 × operands launches, each over all elements: a long line no longer sorts on one thread.
/// </summary>
internal sealed class MergeSort : ICompiledKernel
{
    private const int Positions = -1;
    private const int Merge = -2;
    private readonly Action<AcceleratorStream, Index1D, Slots, ArrayView<long>, LineParams, SortPass> init;
    private readonly Action<AcceleratorStream, Index1D, Slots, ArrayView<long>, LineParams, SortPass> merge;
    private readonly Action<AcceleratorStream, Index1D, Slots, ArrayView<long>, LineParams, SortPass> gather;
    private readonly Action<AcceleratorStream, Index1D, Slots, ArrayView<long>, LineParams, SortPass> store;
    private readonly MemoryBuffer1D<long, Stride1D.Dense> dtypes;
    private readonly LineParams p;
    private readonly int[] buffers;
    private readonly long points;

    public MergeSort(Accelerator accelerator, SortKernel sort)
    {
        if (sort.Operands.Count > (Slots.Count - 2) / 2)
            throw new NotSupportedException($"sort of {sort.Operands.Count} operands (at most {(Slots.Count - 2) / 2})");
        init = KernelLoading.AutoGrouped<Slots, ArrayView<long>, LineParams, SortPass>(accelerator, Init);
        merge = KernelLoading.AutoGrouped<Slots, ArrayView<long>, LineParams, SortPass>(accelerator, MergePass);
        gather = KernelLoading.AutoGrouped<Slots, ArrayView<long>, LineParams, SortPass>(accelerator, Gather);
        store = KernelLoading.AutoGrouped<Slots, ArrayView<long>, LineParams, SortPass>(accelerator, Store);
        p = LineParams.For(sort.Operands[0].Shape, sort.Dimension);
        p.Operands = sort.Operands.Count;
        p.Keys = sort.NumKeys;
        p.Descending = sort.Descending ? 1 : 0;
        points = p.Lines * p.Length;
        if (points > int.MaxValue) throw new NotSupportedException($"a sort of {points} elements exceeds one launch's index range");
        dtypes = accelerator.Allocate1D(sort.Operands.Select(o => (long)o.DType).ToArray());
        buffers = [.. sort.Operands.Select(o => o.Buffer), .. sort.Outputs, Positions, Merge];
    }

    private static void Init(Index1D point, Slots slots, ArrayView<long> dtypes, LineParams p, SortPass pass) =>
        slots.StoreRaw(pass.From, point, point % p.Length);

    // Element k of run pair [lo, hi) goes to lo + (its index in its own run) + (how many of the other run sort before it).
    private static void MergePass(Index1D point, Slots slots, ArrayView<long> dtypes, LineParams p, SortPass pass)
    {
        var n = (long)p.Length;
        var line = point / p.Length;
        var k = point - line * n;
        var start = p.Start(line);
        var scratchAt = line * n;
        var lo = k / (2L * pass.Width) * (2L * pass.Width);
        var mid = Math.Min(lo + pass.Width, n);
        var hi = Math.Min(lo + 2L * pass.Width, n);
        var x = slots.LoadRaw(pass.From, point);
        var inFirst = k < mid;
        // The other run's elements that sort before x form a prefix of it: binary search for its length.
        long a = inFirst ? mid : lo, b = inFirst ? hi : mid;
        var first = a;
        while (a < b)
        {
            var m = a + (b - a) / 2;
            if (Before(slots, dtypes, p, start, slots.LoadRaw(pass.From, scratchAt + m), x)) a = m + 1;
            else b = m;
        }
        var rank = (inFirst ? k - lo : k - mid) + (a - first);
        slots.StoreRaw(pass.To, scratchAt + lo + rank, x);
    }

    private static void Gather(Index1D point, Slots slots, ArrayView<long> dtypes, LineParams p, SortPass pass)
    {
        var line = point / p.Length;
        var position = slots.LoadRaw(pass.From, point);
        slots.StoreRaw(pass.To, point, slots.Load(pass.Operand, p.Start(line) + position * p.Inner, (DType)dtypes[pass.Operand]));
    }

    private static void Store(Index1D point, Slots slots, ArrayView<long> dtypes, LineParams p, SortPass pass)
    {
        var line = point / p.Length;
        var i = point % p.Length;
        slots.Store(p.Operands + pass.Operand, p.Start(line) + i * p.Inner, (DType)dtypes[pass.Operand], slots.LoadRaw(pass.To, point));
    }

    /// <summary>Whether position x sorts strictly before position y (ties by position: stable).</summary>
    private static bool Before(Slots slots, ArrayView<long> dtypes, LineParams p, long start, long x, long y)
    {
        for (var k = 0; k < p.Keys; k++)
        {
            var dtype = (DType)dtypes[k];
            var a = SortKey(slots.Load(k, start + x * p.Inner, dtype), dtype);
            var b = SortKey(slots.Load(k, start + y * p.Inner, dtype), dtype);
            if (a != b) return p.Descending != 0 ? a > b : a < b;
        }
        return x < y;
    }

    /// <summary>A signed key whose order is the IR's total order: -inf &lt; ... &lt; -0 &lt; +0 &lt; ... &lt; +inf &lt; NaN.</summary>
    private static long SortKey(long value, DType dtype)
    {
        if (!dtype.IsFloat()) return value;
        if (double.IsNaN(Registers.F(value))) return long.MaxValue;
        // Sign-magnitude to two's complement order: negative floats reverse.
        return value < 0 ? long.MinValue - value - 1 : value;
    }

    public void Issue(LaunchFrame frame)
    {
        if (points == 0) return;
        frame.Bind(Positions, frame.Scratch(points * sizeof(long)));
        frame.Bind(Merge, frame.Scratch(points * sizeof(long)));
        var slots = frame.SlotsOf(buffers);
        var pass = new SortPass { From = 2 * p.Operands, To = 2 * p.Operands + 1 };
        init(frame.Stream, (int)points, slots, dtypes.View, p, pass);
        for (var width = 1; width < p.Length; width *= 2)
        {
            merge(frame.Stream, (int)points, slots, dtypes.View, p, pass with { Width = width });
            pass = pass with { From = pass.To, To = pass.From };
        }
        // Gather each operand into the free scratch, then write it out: every read of an operand precedes every
        // write of its output, which may be the same buffer.
        for (var o = 0; o < p.Operands; o++)
        {
            gather(frame.Stream, (int)points, slots, dtypes.View, p, pass with { Operand = o });
            store(frame.Stream, (int)points, slots, dtypes.View, p, pass with { Operand = o });
        }
    }

    public void Dispose() => dtypes.Dispose();
}

/// <summary>One launch of <see cref="MergeSort"/>: the scratch slots it reads and writes, the run width it
/// merges, the operand it permutes.</summary>
internal struct SortPass
{
    public int From;
    public int To;
    public int Width;
    public int Operand;
}
