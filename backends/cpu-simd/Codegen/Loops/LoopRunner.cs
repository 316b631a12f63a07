using System.Runtime.InteropServices;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen.Emit;
using JaxNet.Backends.CpuSimd.Launch;

namespace JaxNet.Backends.CpuSimd.Codegen.Loops;

/// <summary>
/// Runs a compiled row function over a <see cref="LoopNest"/>: walks the outer dimensions with an odometer,
/// hands the row function each operand's row address, and splits rows into chunks where complex operands
/// need scratch rows or a float sum is accumulated pairwise (chunk partial sums added in float64, so summing
/// millions of float32 values loses no more than a chunk's rounding). Large loops without a fold run on all cores.
/// </summary>
internal sealed unsafe class LoopRunner(LoopNest nest, RowFunction row, RowFold? fold, bool vectorized)
{
    private const long ComplexChunk = 1024;
    private const long PairwiseChunk = 16384;

    /// <summary>Loops of at least this many points are split over the cores (below, forking costs more than it saves).</summary>
    internal const long ParallelElements = 1 << 17;

    private const long SplitAlignment = 64;

    private readonly ComplexOperandReader?[] readers =
        nest.Operands.Select(o => o.Complex is null ? null : new ComplexOperandReader(o, nest.KernelShape)).ToArray();

    /// <summary>The scratch table of loops without complex operands: nothing to allocate per run.</summary>
    private readonly nint[] noScratch = new nint[nest.Operands.Length];

    private readonly bool hasComplexOperands = nest.HasComplexOperands;

    /// <summary>
    /// Loops without a fold (each point stores its own outputs) and without complex operands (whose readers need
    /// scratch) may run on several cores: no two points touch the same output element.
    /// </summary>
    private readonly bool splittable = fold is null && !nest.HasComplexOperands;

    private readonly bool pairwise = fold is { Op: ReduceOp.Sum } && nest.Operands[fold.ValuePointer].DType is DType.Float32 or DType.Float64;

    public LoopNest Nest => nest;

    /// <summary>Whether the row function runs vector code.</summary>
    public bool Vectorized => vectorized;

    /// <summary>Runs the loops; <paramref name="slots"/> holds the base address of every operand's slot.</summary>
    public void Run(ReadOnlySpan<nint> slots)
    {
        foreach (var extent in nest.Shape)
            if (extent == 0) return;
        var inner = nest.Inner;
        var count = nest.Shape[inner];
        var outerPoints = 1L;
        for (var d = 0; d < inner; d++) outerPoints *= nest.Shape[d];
        if (splittable && Environment.ProcessorCount > 1 && outerPoints * count >= ParallelElements)
        {
            RunParallel(slots.ToArray(), outerPoints, count);
            return;
        }
        RunPart(slots, 0, outerPoints, 0, count);
    }

    /// <summary>
    /// Splits the iteration space over the cores: by outer rows when there are enough, else by ranges of the inner
    /// dimension (cut at multiples of 64 elements, so no two threads store to one cache line of a contiguous
    /// output). A few parts per core, taken dynamically, even out a core that is busy with other work.
    /// </summary>
    private void RunParallel(nint[] slots, long outerPoints, long count)
    {
        var parts = 4 * Environment.ProcessorCount;
        if (outerPoints >= parts)
        {
            Parallel.For(0, parts, CpuParallel.Options,
                p => RunPart(slots, outerPoints * p / parts, outerPoints * (p + 1) / parts, 0, count));
            return;
        }
        var blocks = (count + SplitAlignment - 1) / SplitAlignment;
        parts = (int)Math.Min(parts, blocks);
        Parallel.For(0, parts, CpuParallel.Options, p => RunPart(slots, 0, outerPoints,
            Math.Min(count, blocks * p / parts * SplitAlignment), Math.Min(count, blocks * (p + 1) / parts * SplitAlignment)));
    }

    /// <summary>Runs outer points [outerFirst, outerLast) and, in each, inner positions [innerFirst, innerLast).</summary>
    private void RunPart(ReadOnlySpan<nint> slots, long outerFirst, long outerLast, long innerFirst, long innerLast)
    {
        var operands = nest.Operands;
        var rank = nest.Rank;
        var inner = nest.Inner;
        var chunk = hasComplexOperands ? ComplexChunk : pairwise ? PairwiseChunk : innerLast - innerFirst;
        long* coords = stackalloc long[rank];
        nint* pointers = stackalloc nint[operands.Length];
        long* rowOffsets = stackalloc long[operands.Length];
        var scratch = AllocateScratch(Math.Min(chunk, innerLast - innerFirst));
        double partial = 0;
        try
        {
            var position = outerFirst;
            for (var d = inner - 1; d >= 0; d--)
            {
                coords[d] = position % nest.Shape[d];
                position /= nest.Shape[d];
            }
            for (var outer = outerFirst; outer < outerLast; outer++)
            {
                for (var i = 0; i < operands.Length; i++)
                {
                    var offset = operands[i].Offset;
                    if (operands[i].Complex is null)
                        for (var d = 0; d < inner; d++) offset += operands[i].Strides[d] * coords[d];
                    rowOffsets[i] = offset;
                }
                var rowSum = 0d;
                for (var start = innerFirst; start < innerLast; start += chunk)
                {
                    var length = Math.Min(chunk, innerLast - start);
                    coords[inner] = start;
                    for (var i = 0; i < operands.Length; i++)
                    {
                        var size = operands[i].DType.SizeOf();
                        if (readers[i] is { } reader)
                        {
                            reader.Fill(slots[operands[i].Slot] + (nint)(operands[i].Offset * size), scratch[i], coords, start, length);
                            pointers[i] = scratch[i];
                        }
                        else
                        {
                            pointers[i] = slots[operands[i].Slot] + (nint)((rowOffsets[i] + start * nest.InnerStride(i)) * size);
                        }
                    }
                    if (!pairwise)
                    {
                        row(pointers, length, coords);
                        continue;
                    }
                    partial = 0;
                    pointers[fold!.ValuePointer] = (nint)(&partial);
                    row(pointers, length, coords);
                    rowSum += operands[fold.ValuePointer].DType == DType.Float32 ? *(float*)&partial : partial;
                }
                if (pairwise) AddToAccumulator(slots, rowOffsets, rowSum);
                for (var d = inner - 1; d >= 0; d--)
                {
                    if (++coords[d] < nest.Shape[d]) break;
                    coords[d] = 0;
                }
            }
        }
        finally
        {
            foreach (var buffer in scratch)
                if (buffer != 0) NativeMemory.AlignedFree((void*)buffer);
        }
    }

    private void AddToAccumulator(ReadOnlySpan<nint> slots, long* rowOffsets, double rowSum)
    {
        var operand = nest.Operands[fold!.ValuePointer];
        var address = slots[operand.Slot] + (nint)(rowOffsets[fold.ValuePointer] * operand.DType.SizeOf());
        if (operand.DType == DType.Float32) *(float*)address = (float)(*(float*)address + rowSum);
        else *(double*)address += rowSum;
    }

    private nint[] AllocateScratch(long length)
    {
        if (!hasComplexOperands) return noScratch;
        var scratch = new nint[readers.Length];
        for (var i = 0; i < readers.Length; i++)
            if (readers[i] is { } reader)
                scratch[i] = (nint)NativeMemory.AlignedAlloc((nuint)(Math.Max(length, 1) * reader.ElementSize + 64), 64);
        return scratch;
    }
}
