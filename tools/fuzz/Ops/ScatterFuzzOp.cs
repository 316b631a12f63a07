using JaxNet.Abstractions.Kernels;

namespace JaxNet.Fuzz.Ops;

/// <summary>
/// lax.scatter with a combiner (replace, add, mul, min, max) and index vectors in the last dimension of the indices:
/// each update window lands at the start its index vector gives; Clip clamps the window into bounds, FillOrDrop drops
/// a window that is not wholly inside. Repeated indices all apply; which of several replacing updates wins is not
/// specified (as in XLA), so such an element is unknown unless they agree. The other combiners round to the operand's
/// dtype at every update, in an order that is not specified: a float16 sum of n updates is bounded with float16's
/// unit roundoff (n u sum|x|), not float32's as a reduction's.
/// </summary>
public sealed class ScatterFuzzOp(int[] updateWindowDims, int[] insertedWindowDims, int[] scatterDimsToOperandDims, ScatterCombiner combiner,
    IndexMode mode) : FuzzOp
{
    public override bool MultipliesElements => combiner == ScatterCombiner.Mul;

    public override TensorType ResultType(IReadOnlyList<TensorType> args)
    {
        if (args.Count != 3 || args[1].DType is not (DType.Int32 or DType.Int64) || args[1].Rank == 0 || args[2].DType != args[0].DType
            || args[1].Shape[^1] != scatterDimsToOperandDims.Length
            || args[2].Rank != args[1].Rank - 1 + updateWindowDims.Length
            || updateWindowDims.Length + insertedWindowDims.Length != args[0].Rank)
            throw Mismatch($"scatter-{combiner}", args);
        var scatterDims = ScatterDims(args[2].Rank);
        if (scatterDims.Where((d, k) => args[2].Shape[d] != args[1].Shape[k]).Any()) throw Mismatch($"scatter-{combiner}", args);
        var window = WindowOperandDims(args[0].Rank);
        if (window.Where((d, w) => args[2].Shape[updateWindowDims[w]] > args[0].Shape[d]).Any()) throw Mismatch($"scatter-{combiner}", args);
        return args[0];
    }

    private int[] ScatterDims(int updatesRank) => Enumerable.Range(0, updatesRank).Where(d => !updateWindowDims.Contains(d)).ToArray();

    private int[] WindowOperandDims(int rank) => Enumerable.Range(0, rank).Where(d => !insertedWindowDims.Contains(d)).ToArray();

    public override NDArray Apply(IReadOnlyList<NDArray> args) =>
        Lax.Scatter(args[0], args[1], args[2], updateWindowDims, insertedWindowDims, scatterDimsToOperandDims, combiner, mode);

    public override RefArray Evaluate(IReadOnlyList<RefArray> args, NumericsModel numerics)
    {
        var (operand, indices, updates) = (args[0], args[1], args[2]);
        var rank = operand.Shape.Length;
        var scatterDims = ScatterDims(updates.Shape.Length);
        var windowDims = WindowOperandDims(rank);
        var windowSize = Enumerable.Repeat(1, rank).ToArray();
        for (var w = 0; w < windowDims.Length; w++) windowSize[windowDims[w]] = updates.Shape[updateWindowDims[w]];
        var indexStrides = Layout.Strides(indices.Shape);
        var (updatePoint, start, element) = (new int[updates.Shape.Length], new long[rank], new int[rank]);
        // Every element's updates, in the order XLA's reference applies them; an unknown index makes the output unknown.
        var landed = new List<int>?[operand.Size];
        var unknown = false;
        for (var u = 0; u < updates.Size; u++)
        {
            Layout.Unravel(u, updates.Shape, updatePoint);
            var vectorAt = 0;
            for (var k = 0; k < scatterDims.Length; k++) vectorAt += updatePoint[scatterDims[k]] * indexStrides[k];
            Array.Clear(start);
            for (var j = 0; j < scatterDimsToOperandDims.Length; j++)
            {
                start[scatterDimsToOperandDims[j]] = indices.Values[vectorAt + j].Bits;
                unknown |= indices.Error[vectorAt + j] != 0;
            }
            var inBounds = true;
            for (var d = 0; d < rank; d++)
            {
                var limit = (long)operand.Shape[d] - windowSize[d];
                inBounds &= start[d] >= 0 && start[d] <= limit;
                element[d] = (int)Math.Clamp(start[d], 0, Math.Max(limit, 0));
            }
            if (!inBounds && mode == IndexMode.FillOrDrop) continue;
            for (var w = 0; w < windowDims.Length; w++) element[windowDims[w]] += updatePoint[updateWindowDims[w]];
            (landed[Layout.Ravel(element, operand.Shape)] ??= []).Add(u);
        }
        if (unknown) return RefArray.Build(operand.Type, _ => (ElementBounds.Placeholder(operand.DType), Bounds.Unknown));
        return RefArray.Build(operand.Type, i => landed[i] is { } list ? Combine(combiner, operand.Values[i], operand.Error[i], list, updates, numerics)
            : (operand.Values[i], operand.Error[i]));
    }

    /// <summary>An element that the updates in <paramref name="list"/> (positions in <paramref name="updates"/>, in the
    /// order they were given) land on, combined with its old value.</summary>
    internal static (Scalar, double) Combine(ScatterCombiner combiner, Scalar old, double oldError, List<int> list, RefArray updates, NumericsModel numerics)
    {
        if (combiner == ScatterCombiner.Replace)
        {
            var last = updates.Values[list[^1]];
            var agree = list.All(u => updates.Values[u].Bits == last.Bits || updates.DType.IsFloat() && updates.Values[u].Float == last.Float);
            if (!agree) return (last, Bounds.Unknown);
            var error = list.Max(u => updates.Error[u]);
            // Zeros of both signs agree, but either may be the one that lands.
            return (last, last.DType.IsFloat() && last.Float == 0 && list.Any(u => updates.Values[u].Bits != last.Bits) ? Math.Max(error, Bounds.SignOfZero) : error);
        }
        var fold = LineAccumulator.Create(combiner switch
        {
            ScatterCombiner.Add => ReduceOp.Sum,
            ScatterCombiner.Mul => ReduceOp.Prod,
            ScatterCombiner.Min => ReduceOp.Min,
            _ => ReduceOp.Max,
        }, old.DType, numerics, accumulator: old.DType);
        fold.Add(old, oldError);
        foreach (var u in list) fold.Add(updates.Values[u], updates.Error[u]);
        return fold.Result();
    }

    public override string Render(IReadOnlyList<string> args) =>
        $"Lax.Scatter({args[0]}, {args[1]}, {args[2]}, {Ints(updateWindowDims)}, {Ints(insertedWindowDims)}, {Ints(scatterDimsToOperandDims)}, " +
        $"ScatterCombiner.{combiner}, IndexMode.{mode})";
}
