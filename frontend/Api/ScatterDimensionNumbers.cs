using JaxNet.Core;

namespace JaxNet;

/// <summary>
/// lax.ScatterDimensionNumbers: which dimensions of the updates are window dimensions
/// (<paramref name="UpdateWindowDims"/>, sorted), which operand dimensions a window leaves out (size 1,
/// <paramref name="InsertedWindowDims"/>, sorted), and which operand dimension each entry of an index vector (the last
/// dimension of the indices) addresses (<paramref name="ScatterDimsToOperandDims"/>).
/// </summary>
public sealed record ScatterDimensionNumbers(int[] UpdateWindowDims, int[] InsertedWindowDims, int[] ScatterDimsToOperandDims)
{
    /// <summary>XLA's checks, with JAX's messages: the numbers must fit the operand, the indices and the updates.</summary>
    internal void Check(string op, ShapedArray operand, ShapedArray indices, ShapedArray updates)
    {
        static bool Sorted(int[] dims) => dims.Zip(dims.Skip(1)).All(p => p.First < p.Second);
        string F(int[] dims) => Shapes.Format(dims);
        if (indices.Rank == 0) throw new ShapeException($"{op}: scatter_indices need at least one dimension (the index vector), got {indices.Str()}");
        if (!Sorted(UpdateWindowDims)) throw new ShapeException($"{op}: update_window_dims in scatter op must be sorted; got {F(UpdateWindowDims)}.");
        if (UpdateWindowDims.Any(d => d < 0 || d >= updates.Rank))
            throw new ShapeException($"{op}: Invalid update_window_dims set in scatter op; valid range is [0, {updates.Rank}); got: {F(UpdateWindowDims)}.");
        if (!Sorted(InsertedWindowDims)) throw new ShapeException($"{op}: inserted_window_dims in scatter op must be sorted; got {F(InsertedWindowDims)}.");
        if (InsertedWindowDims.Any(d => d < 0 || d >= operand.Rank))
            throw new ShapeException($"{op}: Invalid inserted_window_dims set in scatter op; valid range is [0, {operand.Rank}); got: {F(InsertedWindowDims)}.");
        if (UpdateWindowDims.Length + InsertedWindowDims.Length != operand.Rank)
            throw new ShapeException($"{op}: Scatter op has window of size {UpdateWindowDims.Length + InsertedWindowDims.Length}; doesn't match operand of rank {operand.Rank}.");
        if (ScatterDimsToOperandDims.Length != indices.Shape[^1])
            throw new ShapeException($"{op}: Scatter op has {ScatterDimsToOperandDims.Length} elements in scatter_dims_to_operand_dims and the bound of " +
                $"dimension index_vector_dim={indices.Rank - 1} of scatter_indices is {indices.Shape[^1]}. These two numbers must be equal");
        if (ScatterDimsToOperandDims.Any(d => d < 0 || d >= operand.Rank) || ScatterDimsToOperandDims.Distinct().Count() != ScatterDimsToOperandDims.Length)
            throw new ShapeException($"{op}: Invalid scatter_dims_to_operand_dims mapping {F(ScatterDimsToOperandDims)} for an operand of rank {operand.Rank}");
        var expectedRank = UpdateWindowDims.Length + indices.Rank - 1;
        if (updates.Rank != expectedRank)
            throw new ShapeException($"{op}: Updates tensor must be of rank {expectedRank}; got {updates.Rank}.");
        var windowOperandDims = Enumerable.Range(0, operand.Rank).Where(d => !InsertedWindowDims.Contains(d)).ToArray();
        for (var i = 0; i < UpdateWindowDims.Length; i++)
            if (updates.Shape[UpdateWindowDims[i]] > operand.Shape[windowOperandDims[i]])
                throw new ShapeException($"{op}: Bounds of the window dimensions of updates must not exceed the bounds of the corresponding " +
                    $"dimensions of operand. For dimension {UpdateWindowDims[i]}, updates bound is {updates.Shape[UpdateWindowDims[i]]}, operand bound is {operand.Shape[windowOperandDims[i]]}.");
        var scatterDims = Enumerable.Range(0, updates.Rank).Where(d => !UpdateWindowDims.Contains(d)).ToArray();
        for (var i = 0; i < scatterDims.Length; i++)
            if (updates.Shape[scatterDims[i]] != indices.Shape[i])
                throw new ShapeException($"{op}: Bounds of the scatter dimensions of updates must be the same as the bounds of the corresponding " +
                    $"dimensions of scatter indices. For scatter dimension {i}, updates bound is {updates.Shape[scatterDims[i]]}, scatter_indices bound is {indices.Shape[i]}.");
    }
}
