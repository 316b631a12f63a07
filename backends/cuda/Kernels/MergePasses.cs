using ILGPU;
using ILGPU.Runtime;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Fusion;
using JaxNet.Backends.Cuda.Numerics;

namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>A strict total order on the positions of a line (never equal for two positions): what a merge sorts by.</summary>
internal interface IPositionOrder
{
    bool Before(Slots slots, ArrayView<long> meta, LineParams p, long start, long x, long y);
}

/// <summary>
/// A parallel merge sort of positions, every launch one thread per element of every line on a GPU (in emulation a
/// strided share of them, <see cref="GridStride"/>): runs of width 1, 2, 4, ...
/// merge pairwise, each element finding its place in the merged run by a binary search in the other run. The order
/// is strict (ties broken by position), so the sort is stable and the permutation unique. The positions alternate
/// between two scratch slots; <see cref="Issue"/> says which holds the result.
/// </summary>
internal sealed class MergePasses<TOrder> where TOrder : struct, IPositionOrder
{
    private readonly Action<AcceleratorStream, Index1D, Slots, ArrayView<long>, LineParams, SortPass> init;
    private readonly Action<AcceleratorStream, Index1D, Slots, ArrayView<long>, LineParams, SortPass> merge;
    private readonly Accelerator accelerator;

    public MergePasses(Accelerator accelerator)
    {
        this.accelerator = accelerator;
        init = KernelLoading.AutoGrouped<Slots, ArrayView<long>, LineParams, SortPass>(accelerator, Init);
        merge = KernelLoading.AutoGrouped<Slots, ArrayView<long>, LineParams, SortPass>(accelerator, Merge);
    }

    /// <summary>Sorts every line's positions (slots <paramref name="from"/> and <paramref name="to"/> are scratch of
    /// lines × length longs); returns the pass state whose <c>From</c> slot holds the sorted positions and whose
    /// <c>To</c> slot is free.</summary>
    public SortPass Issue(AcceleratorStream stream, Slots slots, ArrayView<long> meta, LineParams p, int from, int to)
    {
        var points = (int)(p.Lines * p.Length);
        var threads = GridStride.ThreadsFor(accelerator, points);
        var pass = new SortPass { From = from, To = to, Points = points, Threads = threads };
        init(stream, threads, slots, meta, p, pass);
        for (long width = 1; width < p.Length; width *= 2)
        {
            merge(stream, threads, slots, meta, p, pass with { Width = width });
            pass = pass with { From = pass.To, To = pass.From };
        }
        return pass;
    }

    private static void Init(Index1D index, Slots slots, ArrayView<long> meta, LineParams p, SortPass pass)
    {
        for (long i = index; i < pass.Points; i += pass.Threads)
        {
            var point = (int)i;
            slots.StoreRaw(pass.From, point, point % p.Length);
        }
    }

    private static void Merge(Index1D index, Slots slots, ArrayView<long> meta, LineParams p, SortPass pass)
    {
        for (long i = index; i < pass.Points; i += pass.Threads) MergeOne((int)i, slots, meta, p, pass);
    }

    // Element k of run pair [lo, hi) goes to lo + (its index in its own run) + (how many of the other run sort before it).
    private static void MergeOne(int point, Slots slots, ArrayView<long> meta, LineParams p, SortPass pass)
    {
        var n = (long)p.Length;
        var line = point / p.Length;
        var k = point - line * n;
        var start = p.Start(line);
        var scratchAt = line * n;
        var lo = IndexMath.Divide(k, 2 * pass.Width) * (2 * pass.Width);
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
            if (default(TOrder).Before(slots, meta, p, start, slots.LoadRaw(pass.From, scratchAt + m), x)) a = m + 1;
            else b = m;
        }
        var rank = (inFirst ? k - lo : k - mid) + (a - first);
        slots.StoreRaw(pass.To, scratchAt + lo + rank, x);
    }
}

/// <summary>One launch of a merge sort: the scratch slots it reads and writes, the run width it merges, the operand
/// it permutes.</summary>
internal struct SortPass
{
    public int From;
    public int To;
    public long Width;
    public int Operand;

    /// <summary>The elements of every line, and the launch's threads: thread t takes elements t, t + Threads, ...
    /// (<see cref="GridStride"/>).</summary>
    public int Points;
    public int Threads;
}

/// <summary>The sort kernel's order: the key operands (slots 0..Keys-1, dtypes in meta) lexicographically in the
/// IR's total order, descending when asked, ties by position.</summary>
internal struct OperandOrder : IPositionOrder
{
    public readonly bool Before(Slots slots, ArrayView<long> meta, LineParams p, long start, long x, long y)
    {
        for (var k = 0; k < p.Keys; k++)
        {
            var dtype = (DType)meta[k];
            var a = SortKey(slots.Load(k, start + x * p.Inner, dtype), dtype);
            var b = SortKey(slots.Load(k, start + y * p.Inner, dtype), dtype);
            if (a != b) return p.Descending != 0 ? a > b : a < b;
        }
        return x < y;
    }

    /// <summary>A signed key whose order is the IR's total order: -inf &lt; ... &lt; -0 &lt; +0 &lt; ... &lt; +inf &lt; NaN.</summary>
    private static long SortKey(long value, DType dtype)
    {
        // UInt64's bits with the top one flipped order as a long as the unsigned values do.
        if (Registers.IsUnsigned64(dtype)) return value ^ long.MinValue;
        if (!dtype.IsFloat()) return value;
        if (Registers.IsSingle(dtype))
        {
            // Float32 bits, zero-extended: the same order on their 32-bit sign and magnitude.
            var bits = (int)(uint)value;
            if ((bits & 0x7FFFFFFF) > 0x7F800000) return long.MaxValue;
            return bits < 0 ? (long)int.MinValue - bits - 1 : bits;
        }
        if (double.IsNaN(Registers.F(value))) return long.MaxValue;
        // Sign-magnitude to two's complement order: negative floats reverse.
        return value < 0 ? long.MinValue - value - 1 : value;
    }
}
