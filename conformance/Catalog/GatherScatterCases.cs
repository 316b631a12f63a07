using JaxNet.Abstractions.Kernels;
using JaxNet.Conformance.Cases;
using JaxNet.Conformance.Numerics;
using static JaxNet.Conformance.Catalog.Elementwise;

namespace JaxNet.Conformance.Catalog;

/// <summary>Gather and scatter with XLA's dimension numbers, both index modes, out-of-bounds and negative indices.</summary>
internal static class GatherScatterCases
{
    public static IEnumerable<ConformanceCase> All()
    {
        // Rows of a matrix by scalar indices (jnp.take(x, idx, axis=0)); some indices out of bounds.
        var takeRows = new GatherDimensions([1], [0], [0], 1);
        foreach (var dtype in new[] { DType.Float32, DType.Int32, DType.Float64, DType.Float16, DType.UInt8, DType.Bool, DType.Int16, DType.UInt64 })
            yield return Gather("take-rows", dtype, DType.Int32, [5, 4], [6], takeRows, [1, 4], IndexMode.Clip, 0, -2, 7);
        yield return Gather("take-rows", DType.Float32, DType.Int64, [5, 4], [6], takeRows, [1, 4], IndexMode.FillOrDrop, double.NaN, -2, 7);
        yield return Gather("take-rows-fill-minus1", DType.Int32, DType.Int32, [5, 4], [6], takeRows, [1, 4], IndexMode.FillOrDrop, -1, -2, 7);
        // 2-D start indices, 2x3 windows, indices along the last dimension.
        var windows = new GatherDimensions([1, 2], [], [0, 1], 1);
        yield return Gather("windows-2x3", DType.Float32, DType.Int32, [6, 7], [4, 2], windows, [2, 3], IndexMode.Clip, 0, -1, 7);
        yield return Gather("windows-2x3", DType.Int64, DType.Int32, [6, 7], [4, 2], windows, [2, 3], IndexMode.FillOrDrop, 5, -1, 7);
        // Index vector in dimension 0, columns (start map [1]), collapsed column dimension.
        var takeColumns = new GatherDimensions([0], [1], [1], 0);
        yield return Gather("take-columns-index-vector-dim0", DType.Float32, DType.Int32, [3, 9], [1, 5], takeColumns, [3, 1], IndexMode.Clip, 0, 0, 8);
        yield return Gather("empty-indices", DType.Float32, DType.Int32, [5, 4], [0], takeRows, [1, 4], IndexMode.Clip, 0, 0, 4);

        var rows = new ScatterDimensions([1], [0], [0], 1);
        foreach (var combiner in Enum.GetValues<ScatterCombiner>())
        {
            var unique = combiner == ScatterCombiner.Replace;
            yield return Scatter($"rows-{Op(combiner)}", DType.Int32, rows, [6, 3], [5], [5, 3], combiner, IndexMode.Clip, unique);
            yield return Scatter($"rows-{Op(combiner)}", DType.Float32, rows, [6, 3], [5], [5, 3], combiner, IndexMode.FillOrDrop, unique);
        }
        yield return Scatter("rows-add-duplicates", DType.Float64, rows, [4, 2], [9], [9, 2], ScatterCombiner.Add, IndexMode.Clip, false);
        yield return Scatter("rows-add-out-of-bounds-dropped", DType.Int32, rows, [4, 2], [9], [9, 2], ScatterCombiner.Add, IndexMode.FillOrDrop, false);
        yield return Scatter("rows-add-out-of-bounds-clipped", DType.Int32, rows, [4, 2], [9], [9, 2], ScatterCombiner.Add, IndexMode.Clip, false);
        var points = new ScatterDimensions([], [0, 1], [0, 1], 1);
        yield return Scatter("points-2d-add", DType.Float32, points, [5, 6], [12, 2], [12], ScatterCombiner.Add, IndexMode.FillOrDrop, false);
        yield return Scatter("points-2d-max", DType.UInt8, points, [5, 6], [12, 2], [12], ScatterCombiner.Max, IndexMode.Clip, false);
        yield return InPlaceOnResult("rows-replace-in-place", DType.Float32, rows, [6, 3], [5], [5, 3], ScatterCombiner.Replace, true);
        yield return InPlaceOnResult("points-2d-add-in-place", DType.Int32, points, [5, 6], [12, 2], [12], ScatterCombiner.Add, false);
        yield return InPlaceOnTemporary("rows-add-in-place-temporary", DType.Float64, rows, [4, 2], [9], [9, 2], ScatterCombiner.Add);
    }

    /// <summary>
    /// A scatter in place on a result the host initialises from a parameter (<see cref="ResultAlias"/>): what a loop's
    /// dynamic_update_slice lowers to.
    /// </summary>
    private static ConformanceCase InPlaceOnResult(string name, DType dtype, ScatterDimensions dims, int[] operand, int[] indices,
        int[] updates, ScatterCombiner combiner, bool uniqueIndices)
    {
        var id = $"scatter/scatter/{dtype.ShortName()}/{name}";
        var m = new ModuleBuilder(ModuleName(id));
        m.Parameter(dtype, operand);
        var ix = m.Parameter(DType.Int32, indices);
        var up = m.Parameter(dtype, updates);
        var output = m.Result(dtype, operand);
        m.Add(new ScatterKernel("s0", new TensorRef(output, dtype, operand), new TensorRef(ix, DType.Int32, indices),
            new TensorRef(up, dtype, updates), dims, combiner, IndexMode.Clip, output));
        var module = m.Build() with { Aliases = [new ResultAlias(0, 0)] };
        module.Validate();
        return ConformanceCase.ForModule(id, dtype, module, m.ResultSpecs,
                g => [g.SmallValues(dtype, operand), Indices(g, indices, operand, uniqueIndices, IndexMode.Clip), g.SmallValues(dtype, updates)],
                Tolerance.Exact)
            .Describe($"scatter-{combiner} {dims} in place on a result aliased to the operand parameter");
    }

    /// <summary>A scatter in place on a temporary another kernel wrote, then copied out: only the reached elements change.</summary>
    private static ConformanceCase InPlaceOnTemporary(string name, DType dtype, ScatterDimensions dims, int[] operand, int[] indices,
        int[] updates, ScatterCombiner combiner)
    {
        var id = $"scatter/scatter/{dtype.ShortName()}/{name}";
        var m = new ModuleBuilder(ModuleName(id));
        var op = m.Parameter(dtype, operand);
        var ix = m.Parameter(DType.Int32, indices);
        var up = m.Parameter(dtype, updates);
        var temporary = m.Temporary(dtype, operand);
        var output = m.Result(dtype, operand);
        m.Add(new CopyKernel("c0", new MappedInput(op, dtype, IndexMap.Identity(operand)), operand, temporary));
        m.Add(new ScatterKernel("s0", new TensorRef(temporary, dtype, operand), new TensorRef(ix, DType.Int32, indices),
            new TensorRef(up, dtype, updates), dims, combiner, IndexMode.Clip, temporary));
        m.Add(new CopyKernel("c1", new MappedInput(temporary, dtype, IndexMap.Identity(operand)), operand, output));
        return ConformanceCase.ForModule(id, dtype, m.Build(), m.ResultSpecs,
                g => [g.SmallValues(dtype, operand), Indices(g, indices, operand, false, IndexMode.Clip), g.SmallValues(dtype, updates)],
                ToleranceTable.Accumulated(dtype, dtype, updates[0], 1))
            .Describe($"scatter-{combiner} {dims} in place on a temporary between two copies");
    }

    private static ConformanceCase Gather(string name, DType dtype, DType indexType, int[] operand, int[] indices,
        GatherDimensions dims, int[] slice, IndexMode mode, double fill, long lo, long hi)
    {
        var id = $"gather/gather/{dtype.ShortName()}/{name}-{indexType.ShortName()}-{Op(mode)}";
        var outShape = GatherKernel.InferOutputShape(indices, dims, slice);
        var m = new ModuleBuilder(ModuleName(id));
        var op = m.Parameter(dtype, operand);
        var ix = m.Parameter(indexType, indices);
        var output = m.Result(dtype, outShape);
        m.Add(new GatherKernel("g0", new TensorRef(op, dtype, operand), new TensorRef(ix, indexType, indices), dims, slice, mode, fill, outShape, output));
        return ConformanceCase.ForModule(id, dtype, m.Build(), m.ResultSpecs,
                g => [g.Values(dtype, operand), g.IntegersIn(indexType, indices, lo, hi)], Tolerance.Exact with { SignOfZero = true })
            .Describe($"gather {dims} slice {Reference.Shapes.Format(slice)}, indices in [{lo}, {hi}] (some out of bounds), mode {mode}");
    }

    private static ConformanceCase Scatter(string name, DType dtype, ScatterDimensions dims, int[] operand, int[] indices,
        int[] updates, ScatterCombiner combiner, IndexMode mode, bool uniqueIndices)
    {
        var id = $"scatter/scatter/{dtype.ShortName()}/{name}-{Op(mode)}";
        var m = new ModuleBuilder(ModuleName(id));
        var op = m.Parameter(dtype, operand);
        var ix = m.Parameter(DType.Int32, indices);
        var up = m.Parameter(dtype, updates);
        var output = m.Result(dtype, operand);
        m.Add(new ScatterKernel("s0", new TensorRef(op, dtype, operand), new TensorRef(ix, DType.Int32, indices),
            new TensorRef(up, dtype, updates), dims, combiner, mode, output));
        var tolerance = combiner is ScatterCombiner.Add or ScatterCombiner.Mul
            ? ToleranceTable.Accumulated(dtype, dtype, updates[0], 1)
            : Tolerance.Exact;
        return ConformanceCase.ForModule(id, dtype, m.Build(), m.ResultSpecs,
                g => [g.SmallValues(dtype, operand), Indices(g, indices, operand, uniqueIndices, mode), g.SmallValues(dtype, updates)],
                tolerance)
            .Describe($"scatter-{combiner} {dims}, mode {mode}" + (uniqueIndices ? ", unique in-bounds indices" : ", repeated and out-of-bounds indices"));
    }

    /// <summary>
    /// Unique in-bounds start rows for Replace (whose result is unspecified for repeats), else indices with repeats
    /// and, in both modes, some out of bounds (-1 and the dimension's size).
    /// </summary>
    private static HostTensor Indices(DataGenerator g, int[] shape, int[] operand, bool unique, IndexMode mode)
    {
        var spec = new TensorSpec(DType.Int32, shape);
        if (unique)
        {
            var rows = g.Permutation(operand[0]);
            return HostTensor.Create(spec, i => Scalar.FromInteger(DType.Int32, rows[i]));
        }
        var vectorLength = shape.Length > 1 ? shape[^1] : 1;
        var values = g.IntegersIn(DType.Int32, shape, -1, operand[0]);
        return HostTensor.Create(spec, i => vectorLength == 1 ? values[i]
            : Scalar.FromInteger(DType.Int32, Math.Min(values[i].Bits, operand[(int)(i % vectorLength)])));
    }
}
