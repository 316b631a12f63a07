using JaxNet.Abstractions.Kernels;

namespace JaxNet.Fuzz.Ops;

/// <summary>
/// lax.gather (index vectors in the last dimension of the indices): each index vector places a window of
/// <c>sliceSizes</c> in the operand; Clip clamps the window into bounds, FillOrDrop fills a window that is not
/// wholly inside with <c>fillValue</c>.
/// </summary>
public sealed class GatherFuzzOp(int[] offsetDims, int[] collapsedSliceDims, int[] startIndexMap, int[] sliceSizes, IndexMode mode,
    double fillValue) : FuzzOp
{
    public override TensorType ResultType(IReadOnlyList<TensorType> args)
    {
        if (args.Count != 2 || args[1].DType is not (DType.Int32 or DType.Int64) || args[1].Rank == 0
            || args[1].Shape[^1] != startIndexMap.Length || sliceSizes.Length != args[0].Rank
            || sliceSizes.Where((s, d) => s > args[0].Shape[d]).Any())
            throw Mismatch("gather", args);
        var dims = new GatherDimensions(offsetDims, collapsedSliceDims, startIndexMap, args[1].Rank - 1);
        return args[0].With(GatherKernel.InferOutputShape(args[1].Shape, dims, sliceSizes));
    }

    public override NDArray Apply(IReadOnlyList<NDArray> args) =>
        Lax.Gather(args[0], args[1], offsetDims, collapsedSliceDims, startIndexMap, sliceSizes, mode, fillValue);

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var (operand, indices) = (args[0], args[1]);
        var type = ResultType([operand.Type, indices.Type]);
        var rank = operand.Shape.Length;
        var batchDims = Enumerable.Range(0, type.Rank).Where(d => !offsetDims.Contains(d)).ToArray();
        var windowDims = Enumerable.Range(0, rank).Where(d => !collapsedSliceDims.Contains(d)).ToArray();
        var fill = ScalarSemantics.FromConstant(fillValue, operand.DType);
        var (outPoint, start, element) = (new int[type.Rank], new long[rank], new int[rank]);
        var indexStrides = Layout.Strides(indices.Shape);
        var values = new Scalar[type.Size];
        var error = new double[type.Size];
        for (var i = 0; i < values.Length; i++)
        {
            Layout.Unravel(i, type.Shape, outPoint);
            var vectorAt = 0;
            for (var b = 0; b < batchDims.Length; b++) vectorAt += outPoint[batchDims[b]] * indexStrides[b];
            Array.Clear(start);
            var known = true;
            for (var j = 0; j < startIndexMap.Length; j++)
            {
                start[startIndexMap[j]] = indices.Values[vectorAt + j].Bits;
                known &= indices.Error[vectorAt + j] == 0;
            }
            if (!known)
            {
                (values[i], error[i]) = (ElementBounds.Placeholder(operand.DType), Bounds.Unknown);
                continue;
            }
            var inBounds = true;
            for (var d = 0; d < rank; d++)
            {
                var limit = (long)operand.Shape[d] - sliceSizes[d];
                inBounds &= start[d] >= 0 && start[d] <= limit;
                element[d] = (int)Math.Clamp(start[d], 0, Math.Max(limit, 0));
            }
            if (!inBounds && mode == IndexMode.FillOrDrop)
            {
                (values[i], error[i]) = (fill, Bounds.OfInput(fill, numerics));
                continue;
            }
            for (var w = 0; w < windowDims.Length; w++) element[windowDims[w]] += outPoint[offsetDims[w]];
            var from = Layout.Ravel(element, operand.Shape);
            (values[i], error[i]) = (operand.Values[from], operand.Error[from]);
        }
        return new RefArray(type, values, error);
    }

    public override string Render(IReadOnlyList<string> args) =>
        $"Lax.Gather({args[0]}, {args[1]}, {Ints(offsetDims)}, {Ints(collapsedSliceDims)}, {Ints(startIndexMap)}, {Ints(sliceSizes)}, " +
        $"IndexMode.{mode}, {ConstantFuzzOp.Literal(Scalar.FromDouble(DType.Float64, fillValue))})";
}
