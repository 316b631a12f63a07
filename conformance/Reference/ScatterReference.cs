using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Numerics;

namespace JaxNet.Conformance.Reference;

/// <summary>
/// XLA's scatter: the output starts as a copy of the operand; each update element lands at the start point its
/// index vector gives (through scatter_dims_to_operand_dims) plus its window position, and is combined there.
/// Updates are applied in row-major order of the updates array. Clip clamps a window's start so the whole
/// window is in bounds; FillOrDrop drops every update of a window that is not wholly in bounds.
/// </summary>
internal static class ScatterReference
{
    public static void Run(ScatterKernel k, ReferenceMemory memory)
    {
        var d = k.Dimensions;
        var operandShape = k.Operand.Shape;
        var rank = operandShape.Length;
        var dtype = k.Operand.DType;
        var count = Shapes.Count(operandShape);
        for (long i = 0; i < count; i++) memory.Write(k.Output, dtype, i, memory.Read(k.Operand, i));

        var updatesShape = k.Updates.Shape;
        var scatterDims = Enumerable.Range(0, updatesShape.Length).Where(i => !d.UpdateWindowDims.Contains(i)).ToArray();
        var windowOperandDims = Enumerable.Range(0, rank).Where(i => !d.InsertedWindowDims.Contains(i)).ToArray();
        // The window's extent along each operand dimension: 1 where inserted, else the update window's size.
        var windowSize = Enumerable.Repeat(1L, rank).ToArray();
        for (var w = 0; w < windowOperandDims.Length; w++) windowSize[windowOperandDims[w]] = updatesShape[d.UpdateWindowDims[w]];
        var start = new long[rank];
        var element = new long[rank];
        long u = 0;
        foreach (var updatePoint in Shapes.Points(updatesShape))
        {
            var update = memory.Read(k.Updates, u++);
            var batch = scatterDims.Select(i => updatePoint[i]).ToArray();
            var indexVector = IndexVectors.Read(memory, k.Indices, d.IndexVectorDim, batch, d.ScatterDimsToOperandDims.Length);
            Array.Clear(start);
            for (var i = 0; i < d.ScatterDimsToOperandDims.Length; i++) start[d.ScatterDimsToOperandDims[i]] = indexVector[i];
            var inBounds = true;
            for (var a = 0; a < rank; a++)
            {
                var limit = operandShape[a] - windowSize[a];
                if (start[a] < 0 || start[a] > limit) inBounds = false;
                start[a] = Math.Clamp(start[a], 0, Math.Max(limit, 0));
            }
            if (!inBounds && k.Mode == IndexMode.FillOrDrop) continue;
            Array.Copy(start, element, rank);
            for (var w = 0; w < windowOperandDims.Length; w++) element[windowOperandDims[w]] += updatePoint[d.UpdateWindowDims[w]];
            var at = Shapes.Ravel(element, operandShape);
            var old = memory.Read(k.Output.AsTensor(dtype), at);
            memory.Write(k.Output, dtype, at, Combine(k.Combiner, old, ScalarSemantics.Convert(update, dtype)));
        }
    }

    private static Scalar Combine(ScatterCombiner combiner, Scalar old, Scalar update) => combiner switch
    {
        ScatterCombiner.Replace => update,
        ScatterCombiner.Add => ScalarSemantics.Binary(BinaryOp.Add, old, update),
        ScatterCombiner.Mul => ScalarSemantics.Binary(BinaryOp.Mul, old, update),
        ScatterCombiner.Min => ScalarSemantics.Binary(BinaryOp.Min, old, update),
        ScatterCombiner.Max => ScalarSemantics.Binary(BinaryOp.Max, old, update),
        _ => throw new ArgumentOutOfRangeException(nameof(combiner), combiner, null),
    };

    private static TensorRef AsTensor(this int buffer, DType dtype) => new(buffer, dtype, []);
}
