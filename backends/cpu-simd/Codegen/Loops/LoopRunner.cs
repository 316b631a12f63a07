using System.Runtime.InteropServices;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen.Emit;
using JaxNet.Backends.CpuSimd.Launch;

namespace JaxNet.Backends.CpuSimd.Codegen.Loops;

/// <summary>
/// Runs a compiled row function over a <see cref="LoopNest"/>: walks the outer dimensions with an odometer,
/// hands the row function each operand's row address, and splits rows into chunks where complex operands
/// need scratch rows or a float sum is accumulated pairwise (chunk partial sums added in float64, so summing
/// millions of float32 values loses no more than a chunk's rounding). Large loops without a fold run on all cores;
/// so do large float sums over few rows, each core summing a range of every row into partials in float64 that are
/// then added in range order (the same result whatever the thread timing).
/// </summary>
/// <remarks>With <paramref name="rowsShareOutputs"/> (an accumulator updated from several rows), only the inner
/// dimension is split across cores, so that each core owns its outputs.</remarks>
internal sealed unsafe partial class LoopRunner(LoopNest nest, RowFunction row, RowFold? fold, bool vectorized, bool rowsShareOutputs = false)
{
    private const long ComplexChunk = 1024;
    private const long PairwiseChunk = 16384;

    /// <summary>Loops of at least this many points are split over the cores (below, forking costs more than it saves).</summary>
    internal const long ParallelElements = 1 << 17;

    /// <summary>Inner positions at which rows are split across cores: a multiple of 64 elements (no two threads store
    /// to one cache line of a contiguous output) and of the nest's period (each part starts a period): their least
    /// common multiple, the period's largest power-of-two factor being its gcd with 64 (periods are at most 14).</summary>
    private readonly long splitAlignment = 64L * nest.Period / (nest.Period & -nest.Period);

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

    /// <summary>Each operand's element size, and the elements it advances per period of the inner dimension (per point
    /// when the period is 1), looked up once rather than per row.</summary>
    private readonly int[] elementSizes = nest.Operands.Select(o => o.DType.SizeOf()).ToArray();

    private readonly long[] groupStrides = nest.Operands.Select((o, i) => o.GroupStride ?? nest.Period * nest.InnerStride(i)).ToArray();

    /// <summary>
    /// One row, no scratch, no pairwise chunks, no threads (an eager op on a few elements): the row function runs
    /// straight from <see cref="Run"/>, each operand at its offset.
    /// </summary>
    private readonly bool singleRow = nest.Inner == 0 && !nest.HasComplexOperands && fold?.Op is not ReduceOp.Sum;

    /// <summary>Rows at most this many for a sum to be split across the cores by ranges of each row (each core
    /// keeps a float64 partial per row).</summary>
    private const long SplitSumMaxRows = 4096;

    /// <summary>Outer points per block of rows that owns its accumulators (see LoopRunner.FoldBlocks), 0 if none.</summary>
    private readonly long foldBlockRows = FoldBlockRows(nest, fold);

    public LoopNest Nest => nest;

    /// <summary>Whether the row function runs vector code.</summary>
    public bool Vectorized => vectorized;

    /// <summary>Whether each row folds into an accumulator (a reduction along the innermost dimension).</summary>
    public bool Folds => fold is not null;

    /// <summary>Runs the loops; <paramref name="slots"/> holds the base address of every operand's slot.</summary>
    public void Run(ReadOnlySpan<nint> slots)
    {
        foreach (var extent in nest.Shape)
            if (extent == 0) return;
        if (nest.StagedDimension >= 0)
        {
            RunStaged(slots);
            return;
        }
        var inner = nest.Inner;
        var count = nest.Shape[inner];
        if (singleRow && count < ParallelElements)
        {
            RunSingleRow(slots, count);
            return;
        }
        var outerPoints = 1L;
        for (var d = 0; d < inner; d++) outerPoints *= nest.Shape[d];
        var parallel = Environment.ProcessorCount > 1 && outerPoints * count >= ParallelElements;
        if (parallel && splittable)
        {
            RunParallel(slots.ToArray(), outerPoints, count);
            return;
        }
        if (parallel && pairwise && !hasComplexOperands && outerPoints <= SplitSumMaxRows && count >= 2 * PairwiseChunk)
        {
            RunSplitSum(slots.ToArray(), outerPoints, count);
            return;
        }
        if (parallel && foldBlockRows > 0 && outerPoints / foldBlockRows >= 2)
        {
            RunFoldBlocks(slots.ToArray(), outerPoints, count, foldBlockRows);
            return;
        }
        RunPart(slots, 0, outerPoints, 0, count, null);
    }

    /// <summary>
    /// A float sum over few long rows on several cores: part p sums inner range p of every row into
    /// partials[row, p] (float64), and the partials are added to each row's accumulator in part order.
    /// </summary>
    private void RunSplitSum(nint[] slots, long outerPoints, long count)
    {
        var parts = (int)Math.Min(2 * Environment.ProcessorCount, count / PairwiseChunk);
        var partials = new double[outerPoints * parts];
        CpuParallel.For(parts, p =>
        {
            var first = count * p / parts / splitAlignment * splitAlignment;
            var last = p == parts - 1 ? count : count * (p + 1) / parts / splitAlignment * splitAlignment;
            var sums = new double[outerPoints];
            fixed (double* rowSums = sums) RunPart(slots, 0, outerPoints, first, last, rowSums);
            for (var row = 0L; row < outerPoints; row++) partials[row * parts + p] = sums[row];
        });
        long* coords = stackalloc long[nest.Rank];
        long* rowOffsets = stackalloc long[nest.Operands.Length];
        for (var row = 0L; row < outerPoints; row++)
        {
            var rowSum = 0d;
            for (var p = 0; p < parts; p++) rowSum += partials[row * parts + p];
            OuterCoordinates(row, coords);
            rowOffsets[fold!.ValuePointer] = RowOffset(nest.Operands[fold.ValuePointer], coords);
            AddToAccumulator(slots, rowOffsets, rowSum);
        }
    }

    private void RunSingleRow(ReadOnlySpan<nint> slots, long count)
    {
        var operands = nest.Operands;
        nint* pointers = stackalloc nint[operands.Length];
        long* coords = stackalloc long[nest.Rank];
        coords[0] = 0;
        for (var i = 0; i < operands.Length; i++)
            pointers[i] = slots[operands[i].Slot] + (nint)(operands[i].Offset * elementSizes[i]);
        row(pointers, count, coords);
    }

    private void OuterCoordinates(long outer, long* coords)
    {
        for (var d = nest.Inner - 1; d >= 0; d--)
        {
            coords[d] = outer % nest.Shape[d];
            outer /= nest.Shape[d];
        }
    }

    /// <summary>Elements from operand <paramref name="i"/>'s row start to inner position <paramref name="start"/>, a
    /// multiple of the nest's period (the runner splits rows only at multiples of <see cref="splitAlignment"/>). Most
    /// rows start at 0, and a 64-bit division per operand and row is a noticeable part of a short row's cost.</summary>
    private long StartOffset(int i, long start) => start == 0 ? 0 : start / nest.Period * groupStrides[i];

    /// <summary>Per outer dimension d and operand i (at d · operands + i): the elements operand i advances when
    /// coordinate d steps (0 for a complex operand, which reads at its offset), and when it wraps from its last
    /// value to 0.</summary>
    private readonly long[] outerSteps = OuterSteps(nest, wrap: false);

    private readonly long[] outerWraps = OuterSteps(nest, wrap: true);

    private static long[] OuterSteps(LoopNest nest, bool wrap)
    {
        var count = nest.Operands.Length;
        var steps = new long[nest.Inner * count];
        for (var d = 0; d < nest.Inner; d++)
            for (var i = 0; i < count; i++)
                if (nest.Operands[i].Complex is null)
                    steps[d * count + i] = nest.Operands[i].Strides[d] * (wrap ? nest.Shape[d] - 1 : 1);
        return steps;
    }

    /// <summary>Steps the outer coordinates to the next row and updates each operand's row offset by the strides of
    /// the dimensions that moved, rather than recomputing every offset (a row of 14 points pays for each).</summary>
    private void NextRow(long* coords, long* rowOffsets)
    {
        var count = nest.Operands.Length;
        for (var d = nest.Inner - 1; d >= 0; d--)
        {
            if (++coords[d] < nest.Shape[d])
            {
                for (var i = 0; i < count; i++) rowOffsets[i] += outerSteps[d * count + i];
                return;
            }
            coords[d] = 0;
            for (var i = 0; i < count; i++) rowOffsets[i] -= outerWraps[d * count + i];
        }
    }

    private long RowOffset(LoopOperand operand, long* coords)
    {
        var offset = operand.Offset;
        for (var d = 0; d < nest.Inner; d++) offset += operand.Strides[d] * coords[d];
        return offset;
    }

    /// <summary>
    /// Splits the iteration space over the cores: by outer rows when there are enough and no two rows update one
    /// output, else by ranges of the inner dimension (cut at multiples of <see cref="splitAlignment"/>). A few parts per
    /// core, taken dynamically, even out a core that is busy with other work.
    /// </summary>
    private void RunParallel(nint[] slots, long outerPoints, long count)
    {
        var parts = 4 * Environment.ProcessorCount;
        if (rowsShareOutputs && count < 2 * splitAlignment)
        {
            RunPart(slots, 0, outerPoints, 0, count, null);
            return;
        }
        if (outerPoints >= parts && !rowsShareOutputs)
        {
            CpuParallel.For(parts,
                p => RunPart(slots, outerPoints * p / parts, outerPoints * (p + 1) / parts, 0, count, null));
            return;
        }
        var blocks = (count + splitAlignment - 1) / splitAlignment;
        parts = (int)Math.Min(parts, blocks);
        CpuParallel.For(parts, p => RunPart(slots, 0, outerPoints,
            Math.Min(count, blocks * p / parts * splitAlignment), Math.Min(count, blocks * (p + 1) / parts * splitAlignment), null));
    }

    /// <summary>Runs outer points [outerFirst, outerLast) and, in each, inner positions [innerFirst, innerLast).
    /// A pairwise sum adds each row's sum to its accumulator, or, given <paramref name="rowSums"/>, stores it there.</summary>
    private void RunPart(ReadOnlySpan<nint> slots, long outerFirst, long outerLast, long innerFirst, long innerLast, double* rowSums)
    {
        if (nest.Interchanged)
        {
            RunBlocks(slots, outerFirst, outerLast, innerFirst, innerLast);
            return;
        }
        var operands = nest.Operands;
        var rank = nest.Rank;
        var inner = nest.Inner;
        var chunk = hasComplexOperands ? ComplexChunk : pairwise ? PairwiseChunk : innerLast - innerFirst;
        long* coords = stackalloc long[rank];
        nint* pointers = stackalloc nint[operands.Length];
        long* rowOffsets = stackalloc long[operands.Length];
        // Per operand: leading elements of its scratch row that hold its pad value.
        long* padded = stackalloc long[operands.Length];
        for (var i = 0; i < operands.Length; i++) padded[i] = 0;
        var scratch = AllocateScratch(Math.Min(chunk, innerLast - innerFirst));
        double partial = 0;
        try
        {
            OuterCoordinates(outerFirst, coords);
            for (var i = 0; i < operands.Length; i++)
                rowOffsets[i] = operands[i].Complex is null ? RowOffset(operands[i], coords) : operands[i].Offset;
            for (var outer = outerFirst; outer < outerLast; outer++)
            {
                var rowSum = 0d;
                for (var start = innerFirst; start < innerLast; start += chunk)
                {
                    var length = Math.Min(chunk, innerLast - start);
                    coords[inner] = start;
                    for (var i = 0; i < operands.Length; i++)
                    {
                        var size = elementSizes[i];
                        if (readers[i] is { } reader)
                        {
                            pointers[i] = reader.Read(slots[operands[i].Slot] + (nint)(operands[i].Offset * size), scratch[i], coords, start, length,
                                ref padded[i]);
                        }
                        else
                        {
                            pointers[i] = slots[operands[i].Slot] + (nint)((rowOffsets[i] + StartOffset(i, start)) * size);
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
                if (pairwise && rowSums is not null) rowSums[outer - outerFirst] = rowSum;
                else if (pairwise) AddToAccumulator(slots, rowOffsets, rowSum);
                NextRow(coords, rowOffsets);
            }
        }
        finally
        {
            foreach (var buffer in scratch)
                if (buffer != 0) NativeMemory.AlignedFree((void*)buffer);
        }
    }

    /// <summary>Elements of the inner dimension per block of an interchanged nest: the few outer points each walk
    /// the block (strided) while its cache lines are still in L1.</summary>
    private const long InterchangeBlock = 512;

    /// <summary>An interchanged nest (no fold, no complex operands): for each block of the inner range, every outer
    /// point's row over that block.</summary>
    private void RunBlocks(ReadOnlySpan<nint> slots, long outerFirst, long outerLast, long innerFirst, long innerLast)
    {
        var operands = nest.Operands;
        long* coords = stackalloc long[nest.Rank];
        nint* pointers = stackalloc nint[operands.Length];
        for (var start = innerFirst; start < innerLast; start += InterchangeBlock)
        {
            var length = Math.Min(InterchangeBlock, innerLast - start);
            OuterCoordinates(outerFirst, coords);
            for (var outer = outerFirst; outer < outerLast; outer++)
            {
                coords[nest.Inner] = start;
                for (var i = 0; i < operands.Length; i++)
                    pointers[i] = slots[operands[i].Slot] + (nint)((RowOffset(operands[i], coords) + StartOffset(i, start)) * elementSizes[i]);
                row(pointers, length, coords);
                for (var d = nest.Inner - 1; d >= 0; d--)
                {
                    if (++coords[d] < nest.Shape[d]) break;
                    coords[d] = 0;
                }
            }
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
