using JaxNet.Abstractions.Kernels;

namespace JaxNet.Lowering;

/// <summary>
/// A contraction whose output is read through a view, recast so that it computes the viewed value directly: the
/// view costs no copy and the contraction stays open for an epilogue. Two kinds of view qualify. One keeps the
/// output's non-unit dimensions in order and only adds, removes or moves size-1 ones (the [n, 1] of a matrix-vector
/// product read back as [n]); the operands take the same unit dimensions, which is free since they are contiguous.
/// The other puts the rhs's free dimensions before the lhs's (a transposed product): the operands swap.
/// </summary>
internal static class ContractionLayout
{
    /// <summary>A dimension of an operand being rearranged (compared by identity).</summary>
    private sealed class Axis(int size)
    {
        public int Size { get; } = size;
    }

    /// <summary>Operands and dimension numbers whose output is <paramref name="view"/> of the contraction's, or null.</summary>
    public static (TensorRef Lhs, TensorRef Rhs, DotDimensions Dims)? Through(TensorRef lhs, TensorRef rhs, DotDimensions dims, int[] outputShape, View view)
    {
        var affine = view as AffineView ?? (view is ReshapeView ? AffineView.FromUnitReshape(view.InShape, view.OutShape) : null);
        if (affine is null || affine.Start.Any(s => s != 0) || affine.Step.Any(s => s != 1)) return null;
        var wide = Enumerable.Range(0, outputShape.Length).Where(d => outputShape[d] != 1).ToArray();
        if (affine.OutShape.Count(n => n != 1) != wide.Length || wide.Any(d => affine.Source[d] < 0)) return null;
        var order = wide.OrderBy(d => affine.Source[d]).ToArray();
        var batch = dims.LhsBatch.Length;
        var lhsFree = lhs.Shape.Length - batch - dims.LhsContracting.Length;
        // Batch dimensions first, then the rhs's free ones, then the lhs's (OrderBy is stable).
        var swappedOrder = wide.OrderBy(d => d < batch ? 0 : d < batch + lhsFree ? 2 : 1);
        if (order.SequenceEqual(wide)) return Place(lhs, rhs, dims, affine.OutShape);
        if (!order.SequenceEqual(swappedOrder)) return null;
        return Place(rhs, lhs, new DotDimensions(dims.RhsBatch, dims.LhsBatch, dims.RhsContracting, dims.LhsContracting), affine.OutShape);
    }

    /// <summary>
    /// The operands with their size-1 batch and free dimensions removed, then size-1 ones inserted where
    /// <paramref name="target"/> (the same non-unit dimensions in the contraction's order) has them.
    /// </summary>
    private static (TensorRef, TensorRef, DotDimensions)? Place(TensorRef lhs, TensorRef rhs, DotDimensions dims, int[] target)
    {
        var (lhsAxes, lhsBatch, lhsContracting, lhsFree) = Split(lhs.Shape, dims.LhsBatch, dims.LhsContracting);
        var (rhsAxes, rhsBatch, rhsContracting, rhsFree) = Split(rhs.Shape, dims.RhsBatch, dims.RhsContracting);
        var batchPairs = lhsBatch.Zip(rhsBatch).Where(p => p.First.Size != 1).ToList();
        var (nextBatch, nextLhs, nextRhs) = (0, 0, 0);
        var outputBatch = new List<(Axis Lhs, Axis Rhs)>();
        var lhsInsert = lhsFree.Count > 0 ? lhsAxes.IndexOf(lhsFree[0]) : lhsAxes.Count;
        var rhsInsert = rhsFree.Count > 0 ? rhsAxes.IndexOf(rhsFree[0]) : rhsAxes.Count;
        foreach (var size in target)
        {
            if (size != 1)
            {
                var axis = nextBatch < batchPairs.Count ? batchPairs[nextBatch].First
                    : nextLhs < lhsFree.Count ? lhsFree[nextLhs] : nextRhs < rhsFree.Count ? rhsFree[nextRhs] : null;
                if (axis is null || axis.Size != size) return null;
                if (nextBatch < batchPairs.Count) outputBatch.Add(batchPairs[nextBatch++]);
                else if (nextLhs < lhsFree.Count) lhsInsert = lhsAxes.IndexOf(lhsFree[nextLhs++]) + 1;
                else rhsInsert = rhsAxes.IndexOf(rhsFree[nextRhs++]) + 1;
            }
            else if (nextBatch < batchPairs.Count)
            {
                var pair = (new Axis(1), new Axis(1));
                lhsAxes.Add(pair.Item1);
                rhsAxes.Add(pair.Item2);
                outputBatch.Add(pair);
            }
            else if (nextRhs == 0)
                lhsAxes.Insert(lhsInsert++, new Axis(1));
            else
                rhsAxes.Insert(rhsInsert++, new Axis(1));
        }
        if (nextBatch != batchPairs.Count || nextLhs != lhsFree.Count || nextRhs != rhsFree.Count) return null;
        var arranged = new DotDimensions(
            outputBatch.Select(p => lhsAxes.IndexOf(p.Lhs)).ToArray(), outputBatch.Select(p => rhsAxes.IndexOf(p.Rhs)).ToArray(),
            lhsContracting.Select(a => lhsAxes.IndexOf(a)).ToArray(), rhsContracting.Select(a => rhsAxes.IndexOf(a)).ToArray());
        var (lhsShape, rhsShape) = (lhsAxes.Select(a => a.Size).ToArray(), rhsAxes.Select(a => a.Size).ToArray());
        return NaturalShape(lhsShape, rhsShape, arranged).SequenceEqual(target)
            ? (lhs with { Shape = lhsShape }, rhs with { Shape = rhsShape }, arranged)
            : null;
    }

    /// <summary>An operand's dimensions, without its size-1 free ones, and which of them are batch (in output order),
    /// contracting (in pair order) and free (in order).</summary>
    private static (List<Axis> Axes, Axis[] Batch, Axis[] Contracting, List<Axis> Free) Split(int[] shape, int[] batch, int[] contracting)
    {
        var all = shape.Select(n => new Axis(n)).ToArray();
        var free = all.Where((a, d) => !batch.Contains(d) && !contracting.Contains(d) && a.Size != 1).ToList();
        var batchAxes = batch.Select(d => all[d]).ToArray();
        var contractingAxes = contracting.Select(d => all[d]).ToArray();
        var kept = all.Where((a, d) => contracting.Contains(d) || free.Contains(a) || (batch.Contains(d) && a.Size != 1)).ToList();
        return (kept, batchAxes, contractingAxes, free);
    }

    /// <summary>dot_general's output shape: batch dimensions, then the lhs's free ones, then the rhs's.</summary>
    private static IEnumerable<int> NaturalShape(int[] lhs, int[] rhs, DotDimensions d) =>
        d.LhsBatch.Select(a => lhs[a])
            .Concat(lhs.Where((_, a) => !d.LhsBatch.Contains(a) && !d.LhsContracting.Contains(a)))
            .Concat(rhs.Where((_, a) => !d.RhsBatch.Contains(a) && !d.RhsContracting.Contains(a)));
}
