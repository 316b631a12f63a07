using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.TpuSim.Numerics;

namespace JaxNet.Backends.TpuSim.Execution;

/// <summary>
/// XLA gather and scatter. A start index that would put a slice (gather) or an update window (scatter) out of
/// bounds is clamped (Clip), or gives the fill value for the whole slice / drops the whole window (FillOrDrop).
/// </summary>
internal static class GatherScatterExecutor
{
    public static void Run(GatherKernel kernel, LaunchMemory memory)
    {
        var d = kernel.Dimensions;
        var operandShape = kernel.Operand.Shape;
        var operandStrides = IndexMap.RowMajorStrides(operandShape);
        var indices = ElementIO.ReadAll(memory[kernel.Indices.Buffer], kernel.Indices.DType, kernel.Indices.ElementCount).Ints;
        var indexReader = new StartIndexReader(kernel.Indices.Shape, d.IndexVectorDim, d.StartIndexMap, operandShape.Length);
        var offsetOperandDims = Enumerable.Range(0, operandShape.Length).Where(a => !d.CollapsedSliceDims.Contains(a)).ToArray();
        var batchOutputDims = Enumerable.Range(0, kernel.OutputShape.Length).Where(a => !d.OffsetDims.Contains(a)).ToArray();

        var total = checked((int)Coordinates.Count(kernel.OutputShape));
        var offsets = new long[total];
        var fill = new bool[total];
        var coords = new long[kernel.OutputShape.Length];
        var batch = new long[batchOutputDims.Length];
        var start = new long[operandShape.Length];
        for (var j = 0; j < total; j++)
        {
            for (var b = 0; b < batch.Length; b++) batch[b] = coords[batchOutputDims[b]];
            indexReader.Read(indices, batch, start);
            var outOfBounds = false;
            long offset = 0;
            for (var a = 0; a < operandShape.Length; a++)
            {
                var limit = (long)operandShape[a] - kernel.SliceSizes[a];
                if (start[a] < 0 || start[a] > limit) outOfBounds = true;
                start[a] = Math.Clamp(start[a], 0, Math.Max(0, limit));
            }
            for (var a = 0; a < operandShape.Length; a++) offset += start[a] * operandStrides[a];
            for (var o = 0; o < offsetOperandDims.Length; o++)
                offset += coords[d.OffsetDims[o]] * operandStrides[offsetOperandDims[o]];
            fill[j] = outOfBounds && kernel.Mode == IndexMode.FillOrDrop;
            offsets[j] = fill[j] ? 0 : offset;
            Coordinates.Increment(coords, kernel.OutputShape);
        }
        var values = total == 0 || fill.All(f => f)
            ? Column.Create(kernel.Operand.DType, total)
            : ElementIO.Gather(memory[kernel.Operand.Buffer], kernel.Operand.DType, offsets);
        var (fillF, fillI) = DTypeValues.FromDouble(kernel.FillValue, kernel.Operand.DType);
        for (var j = 0; j < total; j++)
        {
            if (!fill[j]) continue;
            if (values.IsFloat) values.Floats[j] = fillF;
            else values.Ints[j] = fillI;
        }
        EpilogueApplier.Write(values, null, kernel.OutputShape, kernel.Output, memory);
    }

    public static void Run(ScatterKernel kernel, LaunchMemory memory)
    {
        var d = kernel.Dimensions;
        var operandShape = kernel.Operand.Shape;
        var operandStrides = IndexMap.RowMajorStrides(operandShape);
        var result = ElementIO.ReadAll(memory[kernel.Operand.Buffer], kernel.Operand.DType, kernel.Operand.ElementCount);
        var updates = ScalarMath.Convert(
            ElementIO.ReadAll(memory[kernel.Updates.Buffer], kernel.Updates.DType, kernel.Updates.ElementCount), result.DType);
        var indices = ElementIO.ReadAll(memory[kernel.Indices.Buffer], kernel.Indices.DType, kernel.Indices.ElementCount).Ints;
        var indexReader = new StartIndexReader(kernel.Indices.Shape, d.IndexVectorDim, d.ScatterDimsToOperandDims, operandShape.Length);
        var updateShape = kernel.Updates.Shape;
        var scatterUpdateDims = Enumerable.Range(0, updateShape.Length).Where(a => !d.UpdateWindowDims.Contains(a)).ToArray();
        var windowOperandDims = Enumerable.Range(0, operandShape.Length).Where(a => !d.InsertedWindowDims.Contains(a)).ToArray();
        var windowSize = new long[operandShape.Length];
        Array.Fill(windowSize, 1);
        for (var w = 0; w < windowOperandDims.Length; w++) windowSize[windowOperandDims[w]] = updateShape[d.UpdateWindowDims[w]];

        var total = (int)kernel.Updates.ElementCount;
        var coords = new long[updateShape.Length];
        var scatterIndex = new long[scatterUpdateDims.Length];
        var start = new long[operandShape.Length];
        for (var j = 0; j < total; j++, Coordinates.Increment(coords, updateShape))
        {
            for (var s = 0; s < scatterIndex.Length; s++) scatterIndex[s] = coords[scatterUpdateDims[s]];
            indexReader.Read(indices, scatterIndex, start);
            var outOfBounds = false;
            for (var a = 0; a < operandShape.Length; a++)
            {
                var limit = operandShape[a] - windowSize[a];
                if (start[a] < 0 || start[a] > limit) outOfBounds = true;
                start[a] = Math.Clamp(start[a], 0, Math.Max(0, limit));
            }
            if (outOfBounds && kernel.Mode == IndexMode.FillOrDrop) continue;
            long offset = 0;
            for (var a = 0; a < operandShape.Length; a++) offset += start[a] * operandStrides[a];
            for (var w = 0; w < windowOperandDims.Length; w++)
                offset += coords[d.UpdateWindowDims[w]] * operandStrides[windowOperandDims[w]];
            Apply(kernel.Combiner, result, (int)offset, updates, j);
        }
        EpilogueApplier.Write(result, null, operandShape, kernel.Output, memory);
    }

    private static void Apply(ScatterCombiner combiner, Column target, int at, Column updates, int j)
    {
        if (combiner == ScatterCombiner.Replace)
        {
            if (target.IsFloat) target.Floats[at] = updates.Floats[j];
            else target.Ints[at] = updates.Ints[j];
            return;
        }
        var op = combiner switch
        {
            ScatterCombiner.Add => ReduceOp.Sum,
            ScatterCombiner.Mul => ReduceOp.Prod,
            ScatterCombiner.Min => ReduceOp.Min,
            _ => ReduceOp.Max,
        };
        ReductionExecutor.Combine(op, target, at, updates, j);
    }

    /// <summary>Reads one start index vector of an indices tensor and scatters it onto operand dimensions.</summary>
    private sealed class StartIndexReader(int[] indicesShape, int indexVectorDim, int[] toOperandDims, int operandRank)
    {
        private readonly long[] strides = IndexMap.RowMajorStrides(indicesShape);

        /// <param name="indices">All indices, row-major.</param>
        /// <param name="batch">The point's coordinates along the indices' dimensions other than the index vector's.</param>
        /// <param name="start">Receives the start per operand dimension (0 where no index maps).</param>
        public void Read(long[] indices, long[] batch, long[] start)
        {
            Array.Clear(start, 0, operandRank);
            long offset = 0;
            var b = 0;
            for (var a = 0; a < indicesShape.Length; a++)
            {
                if (a == indexVectorDim) continue;
                offset += batch[b++] * strides[a];
            }
            var componentStride = indexVectorDim < indicesShape.Length ? strides[indexVectorDim] : 0;
            for (var k = 0; k < toOperandDims.Length; k++)
                start[toOperandDims[k]] = indices[offset + k * componentStride];
        }
    }
}
