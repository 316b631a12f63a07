using System.Runtime.InteropServices;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Codegen.Emit;

namespace JaxNet.Backends.CpuSimd.Codegen.Loops;

/// <summary>
/// Runs a compiled row function over a <see cref="LoopNest"/>: walks the outer dimensions with an odometer,
/// hands the row function each operand's row address, and splits rows into chunks where complex operands
/// need scratch rows or a float sum is accumulated pairwise (chunk partial sums added in float64, so summing
/// millions of float32 values loses no more than a chunk's rounding).
/// </summary>
internal sealed unsafe class LoopRunner(LoopNest nest, RowFunction row, RowFold? fold, bool vectorized)
{
    private const long ComplexChunk = 1024;
    private const long PairwiseChunk = 16384;

    private readonly ComplexOperandReader?[] readers =
        nest.Operands.Select(o => o.Complex is null ? null : new ComplexOperandReader(o, nest.KernelShape)).ToArray();

    /// <summary>The scratch table of loops without complex operands: nothing to allocate per run.</summary>
    private readonly nint[] noScratch = new nint[nest.Operands.Length];

    private readonly bool hasComplexOperands = nest.HasComplexOperands;

    private readonly bool pairwise = fold is { Op: ReduceOp.Sum } && nest.Operands[fold.ValuePointer].DType is DType.Float32 or DType.Float64;

    public LoopNest Nest => nest;

    /// <summary>Whether the row function runs vector code.</summary>
    public bool Vectorized => vectorized;

    /// <summary>Runs the loops; <paramref name="slots"/> holds the base address of every operand's slot.</summary>
    public void Run(ReadOnlySpan<nint> slots)
    {
        foreach (var extent in nest.Shape)
            if (extent == 0) return;
        var operands = nest.Operands;
        var rank = nest.Rank;
        var inner = nest.Inner;
        var count = nest.Shape[inner];
        var chunk = hasComplexOperands ? ComplexChunk : pairwise ? PairwiseChunk : count;
        long* coords = stackalloc long[rank];
        nint* pointers = stackalloc nint[operands.Length];
        long* rowOffsets = stackalloc long[operands.Length];
        var scratch = AllocateScratch(Math.Min(chunk, count));
        double partial = 0;
        try
        {
            var outerPoints = 1L;
            for (var d = 0; d < inner; d++) outerPoints *= nest.Shape[d];
            for (long outer = 0; outer < outerPoints; outer++)
            {
                for (var i = 0; i < operands.Length; i++)
                {
                    var offset = operands[i].Offset;
                    if (operands[i].Complex is null)
                        for (var d = 0; d < inner; d++) offset += operands[i].Strides[d] * coords[d];
                    rowOffsets[i] = offset;
                }
                var rowSum = 0d;
                for (long start = 0; start < count; start += chunk)
                {
                    var length = Math.Min(chunk, count - start);
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
