using System.Runtime.InteropServices;
using JaxNet.Backends.CpuSimd.Kernels;
using JaxNet.Backends.CpuSimd.Launch;

namespace JaxNet.Backends.CpuSimd.Codegen.Loops;

/// <summary>
/// The walk of a nest with staged inputs (<see cref="LoopNest.StagedDimension"/>): tiles of
/// <see cref="StageRows"/> along the staged dimension by <see cref="StageColumns"/> along the inner one. For each
/// tile every staged input is moved into a row-major scratch block, whose columns it reads contiguously, and the
/// row function runs each of the tile's rows with those inputs read from the scratch rows.
/// </summary>
internal sealed unsafe partial class LoopRunner
{
    internal const int StageRows = 32;

    /// <summary>Inner elements per tile: a float32 scratch block is 16 KiB, and a row call covers eight AVX-512 vectors.</summary>
    internal const int StageColumns = 128;

    private void RunStaged(ReadOnlySpan<nint> slots)
    {
        var rowBlocks = (nest.Shape[nest.StagedDimension] + StageRows - 1) / StageRows;
        var points = nest.Shape.Aggregate(1L, (product, extent) => product * extent);
        var work = points / nest.Shape[nest.StagedDimension] / nest.Shape[nest.Inner] * rowBlocks;
        var slotArray = slots.ToArray();
        if (Environment.ProcessorCount > 1 && points >= ParallelElements && work > 1)
        {
            var parts = (int)Math.Min(work, 4 * Environment.ProcessorCount);
            CpuParallel.For(parts, p => RunStagedTiles(slotArray, work * p / parts, work * (p + 1) / parts, rowBlocks));
        }
        else
        {
            RunStagedTiles(slotArray, 0, work, rowBlocks);
        }
    }

    /// <summary>Work items [first, last): each is one block of rows of the staged dimension at one point of the other
    /// outer dimensions, every column.</summary>
    private void RunStagedTiles(nint[] slots, long first, long last, long rowBlocks)
    {
        var operands = nest.Operands;
        var staged = nest.StagedDimension;
        var inner = nest.Inner;
        var scratch = new nint[operands.Length];
        long* coords = stackalloc long[nest.Rank];
        nint* pointers = stackalloc nint[operands.Length];
        long* tileOffsets = stackalloc long[operands.Length];
        try
        {
            for (var i = 0; i < operands.Length; i++)
                if (nest.IsStaged(i)) scratch[i] = (nint)NativeMemory.AlignedAlloc((nuint)(StageRows * StageColumns * elementSizes[i]), 64);
            for (var w = first; w < last; w++)
            {
                var rest = w / rowBlocks;
                for (var d = inner - 1; d >= 0; d--)
                {
                    if (d == staged) continue;
                    coords[d] = rest % nest.Shape[d];
                    rest /= nest.Shape[d];
                }
                var firstRow = w % rowBlocks * StageRows;
                var rows = (int)Math.Min(StageRows, nest.Shape[staged] - firstRow);
                coords[staged] = firstRow;
                for (var i = 0; i < operands.Length; i++) tileOffsets[i] = RowOffset(operands[i], coords);
                for (var column = 0L; column < nest.Shape[inner]; column += StageColumns)
                {
                    var columns = (int)Math.Min(StageColumns, nest.Shape[inner] - column);
                    for (var i = 0; i < operands.Length; i++)
                    {
                        if (!nest.IsStaged(i)) continue;
                        var innerStride = operands[i].Strides[inner];
                        TransposedBlock.Move(slots[operands[i].Slot] + (nint)((tileOffsets[i] + column * innerStride) * elementSizes[i]), innerStride,
                            scratch[i], StageColumns, rows, columns, elementSizes[i]);
                    }
                    for (var r = 0; r < rows; r++)
                    {
                        coords[staged] = firstRow + r;
                        coords[inner] = column;
                        for (var i = 0; i < operands.Length; i++)
                        {
                            pointers[i] = nest.IsStaged(i)
                                ? scratch[i] + (nint)((long)r * StageColumns * elementSizes[i])
                                : slots[operands[i].Slot] + (nint)((tileOffsets[i] + r * operands[i].Strides[staged] + column * operands[i].Strides[inner]) * elementSizes[i]);
                        }
                        row(pointers, columns, coords);
                    }
                }
            }
        }
        finally
        {
            foreach (var buffer in scratch)
                if (buffer != 0) NativeMemory.AlignedFree((void*)buffer);
        }
    }
}
