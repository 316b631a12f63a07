using ILGPU;
using ILGPU.Runtime;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Fusion;

namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>
/// Sort along an axis: a parallel merge sort of positions (<see cref="MergePasses{TOrder}"/>) in the key operands'
/// order (<see cref="OperandOrder"/>: the IR's total order, ties by position, so stable), then every operand
/// gathered through the sorted positions into scratch and written out (the output may be the operand itself).
/// log2(n) + 1 + 2 × operands launches, each over all elements: a long line does not sort on one thread.
/// </summary>
internal sealed class MergeSort : ICompiledKernel
{
    private const int Positions = -1;
    private const int Merge = -2;
    private readonly MergePasses<OperandOrder> passes;
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
        passes = new MergePasses<OperandOrder>(accelerator);
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

    private static void Gather(Index1D index, Slots slots, ArrayView<long> dtypes, LineParams p, SortPass pass)
    {
        for (long at = index; at < pass.Points; at += pass.Threads)
        {
            var point = (int)at;
            var line = point / p.Length;
            var position = slots.LoadRaw(pass.From, point);
            slots.StoreRaw(pass.To, point, slots.Load(pass.Operand, p.Start(line) + position * p.Inner, (DType)dtypes[pass.Operand]));
        }
    }

    private static void Store(Index1D index, Slots slots, ArrayView<long> dtypes, LineParams p, SortPass pass)
    {
        for (long at = index; at < pass.Points; at += pass.Threads)
        {
            var point = (int)at;
            var line = point / p.Length;
            var i = point % p.Length;
            slots.Store(p.Operands + pass.Operand, p.Start(line) + i * p.Inner, (DType)dtypes[pass.Operand], slots.LoadRaw(pass.To, point));
        }
    }

    public void Issue(LaunchFrame frame)
    {
        if (points == 0) return;
        frame.Bind(Positions, frame.Scratch(points * sizeof(long)));
        frame.Bind(Merge, frame.Scratch(points * sizeof(long)));
        var slots = frame.SlotsOf(buffers);
        var pass = passes.Issue(frame.Stream, slots, dtypes.View, p, 2 * p.Operands, 2 * p.Operands + 1);
        // Gather each operand into the free scratch, then write it out: every read of an operand precedes every
        // write of its output, which may be the same buffer.
        for (var o = 0; o < p.Operands; o++)
        {
            gather(frame.Stream, pass.Threads, slots, dtypes.View, p, pass with { Operand = o });
            store(frame.Stream, pass.Threads, slots, dtypes.View, p, pass with { Operand = o });
        }
    }

    public void Dispose() => dtypes.Dispose();
}
