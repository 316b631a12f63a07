using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Numerics;

namespace JaxNet.Conformance.Reference;

/// <summary>
/// XLA's gather, from the operation semantics: for an output point, the batch coordinates pick an index vector,
/// start_index_map scatters it into a start point of the operand, the offset coordinates add a position inside
/// the slice. Clip clamps the start so the whole slice is in bounds; FillOrDrop yields the fill value for a
/// slice that is not wholly in bounds (JAX's "fill").
/// </summary>
internal static class GatherReference
{
    public static void Run(GatherKernel k, ReferenceMemory memory)
    {
        var d = k.Dimensions;
        var operandShape = k.Operand.Shape;
        var rank = operandShape.Length;
        var batchDims = Enumerable.Range(0, k.OutputShape.Length).Where(i => !d.OffsetDims.Contains(i)).ToArray();
        var windowOperandDims = Enumerable.Range(0, rank).Where(i => !d.CollapsedSliceDims.Contains(i)).ToArray();
        var fill = ScalarSemantics.FromConstant(k.FillValue, k.Operand.DType);
        var start = new long[rank];
        var element = new long[rank];
        long n = 0;
        foreach (var outPoint in Shapes.Points(k.OutputShape))
        {
            var batch = batchDims.Select(i => outPoint[i]).ToArray();
            var indexVector = IndexVectors.Read(memory, k.Indices, d.IndexVectorDim, batch, d.StartIndexMap.Length);
            Array.Clear(start);
            for (var i = 0; i < d.StartIndexMap.Length; i++) start[d.StartIndexMap[i]] = indexVector[i];
            var inBounds = true;
            for (var a = 0; a < rank; a++)
            {
                var limit = operandShape[a] - (long)k.SliceSizes[a];
                if (start[a] < 0 || start[a] > limit) inBounds = false;
                start[a] = Math.Clamp(start[a], 0, Math.Max(limit, 0));
            }
            Scalar value;
            if (!inBounds && k.Mode == IndexMode.FillOrDrop)
            {
                value = fill;
            }
            else
            {
                Array.Copy(start, element, rank);
                for (var w = 0; w < windowOperandDims.Length; w++) element[windowOperandDims[w]] += outPoint[d.OffsetDims[w]];
                value = memory.Read(k.Operand, Shapes.Ravel(element, operandShape));
            }
            memory.Write(k.Output, k.Operand.DType, n++, value);
        }
    }
}

/// <summary>Reads index vectors of gather and scatter (an index_vector_dim equal to the rank means scalar indices).</summary>
internal static class IndexVectors
{
    public static long[] Read(ReferenceMemory memory, TensorRef indices, int indexVectorDim, long[] batch, int length)
    {
        var shape = indices.Shape;
        var point = new long[shape.Length];
        var vector = new long[length];
        for (var i = 0; i < length; i++)
        {
            var b = 0;
            for (var a = 0; a < shape.Length; a++) point[a] = a == indexVectorDim ? i : batch[b++];
            vector[i] = memory.Read(indices, Shapes.Ravel(point, shape)).Bits;
        }
        return vector;
    }
}
