using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Lowering;
using JaxNet.Transforms;

namespace JaxNet.Primitives;

/// <summary>
/// gather[offset_dims, collapsed_slice_dims, start_index_map, slice_sizes, mode, fill_value] as XLA's, with the
/// index vector in the last dimension of the indices (JAX's convention).
/// </summary>
public sealed class GatherPrimitive() : Primitive("gather")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var (operand, indices) = (inputs[0], inputs[1]);
        if (indices.DType is not (DType.Int32 or DType.Int64)) throw Error($"indices must be int32 or int64, got {indices.Str()}");
        if (indices.Rank == 0) throw Error("indices need at least one dimension (the index vector)");
        var d = Dims(p, indices.Rank);
        var sizes = p.Get<int[]>("slice_sizes");
        if (sizes.Length != operand.Rank) throw Error($"slice_sizes ({string.Join(", ", sizes)}) must give one size per dimension of {operand.Str()}");
        if (indices.Shape[^1] != d.StartIndexMap.Length)
            throw Error($"index vectors of {indices.Str()} must have {d.StartIndexMap.Length} entries (start_index_map)");
        for (var i = 0; i < sizes.Length; i++)
            if (sizes[i] < 0 || sizes[i] > operand.Shape[i]) throw Error($"slice size {sizes[i]} exceeds dimension {i} of {operand.Str()}");
        return [new ShapedArray(GatherKernel.InferOutputShape(indices.Shape, d, sizes), operand.DType, operand.Weak)];
    }

    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) =>
        IndexingRules.GatherJvp(this, primals, tangents, p);

    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p) =>
        IndexingRules.GatherTranspose(cotangents[0], operands, operandAvals, p);

    /// <summary>Acts on each element's value as a whole: applied to the real and imaginary parts alike.</summary>
    internal override Planar[] ExpandComplex(Planar[] inputs, Params p, ShapedArray[] outputs) =>
        PlanarRules.Componentwise(this, inputs, p);

    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs)
    {
        var output = context.NewBuffer(BufferRole.Temporary, outputs[0]);
        context.Emit(new GatherKernel(context.KernelName(Name), context.Tensor(inputs[0]), context.Tensor(inputs[1]),
            Dims(p, inputs[1].Aval.Rank), p.Get<int[]>("slice_sizes"), p.Get<IndexMode>("mode"), p.Get<double>("fill_value"),
            outputs[0].Shape, output));
        return [LoweringContext.InBuffer(output, outputs[0])];
    }

    internal static GatherDimensions Dims(Params p, int indicesRank) => new(p.Get<int[]>("offset_dims"),
        p.Get<int[]>("collapsed_slice_dims"), p.Get<int[]>("start_index_map"), indicesRank - 1);

    /// <summary>
    /// JAX's rule: a batched operand is sliced whole along its batch axis (a new offset dimension); batched indices
    /// add a batch dimension of the output; when both are batched, an iota prepended to each index vector picks
    /// each element's own operand. One gather either way.
    /// </summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var size = Batching.Size(inputs, axes);
        var (operand, indices) = (inputs[0], inputs[1]);
        var offset = p.Get<int[]>("offset_dims");
        var collapsed = p.Get<int[]>("collapsed_slice_dims");
        var startMap = p.Get<int[]>("start_index_map");
        var sizes = p.Get<int[]>("slice_sizes");
        static int[] Plus1(int[] dims) => dims.Select(d => d + 1).ToArray();
        if (axes[1] is null)
        {
            operand = Batching.AtFront(operand, axes[0], size);
            var q = p.With("offset_dims", (int[])[0, .. Plus1(offset)]).With("collapsed_slice_dims", Plus1(collapsed))
                .With("start_index_map", Plus1(startMap)).With("slice_sizes", (int[])[size, .. sizes]);
            return Batching.One(Bind1(q, operand, indices), 0);
        }
        indices = Batching.AtFront(indices, axes[1], size);
        if (axes[0] is null) return Batching.One(Bind1(p.With("offset_dims", Plus1(offset)), operand, indices), 0);
        operand = Batching.AtFront(operand, axes[0], size);
        var both = p.With("offset_dims", Plus1(offset)).With("collapsed_slice_dims", (int[])[0, .. Plus1(collapsed)])
            .With("start_index_map", (int[])[0, .. Plus1(startMap)]).With("slice_sizes", (int[])[1, .. sizes]);
        return Batching.One(Bind1(both, operand, Batching.PrependBatchIndex(indices)), 0);
    }
}

/// <summary>
/// scatter and scatter-add/mul/min/max[update_window_dims, inserted_window_dims, scatter_dims_to_operand_dims,
/// mode]: the operand with updates combined at the indexed elements (index vector in the last dimension).
/// </summary>
public sealed class ScatterPrimitive(string name, ScatterCombiner combiner) : Primitive(name)
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var (operand, indices, updates) = (inputs[0], inputs[1], inputs[2]);
        if (indices.DType is not (DType.Int32 or DType.Int64)) throw Error($"indices must be int32 or int64, got {indices.Str()}");
        if (updates.DType != operand.DType) throw Error($"updates {updates.Str()} must have the operand's dtype {operand.Str()}");
        return [operand];
    }

    public ScatterCombiner Combiner => combiner;

    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) =>
        IndexingRules.ScatterJvp(this, primals, tangents, p);

    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p) =>
        IndexingRules.ScatterTranspose(this, cotangents[0], operands, operandAvals, p);

    /// <summary>Replacing and adding scatters act on the parts alike; the others have no complex meaning here.</summary>
    internal override Planar[] ExpandComplex(Planar[] inputs, Params p, ShapedArray[] outputs) =>
        Combiner is ScatterCombiner.Replace or ScatterCombiner.Add
            ? PlanarRules.Componentwise(this, inputs, p)
            : base.ExpandComplex(inputs, p, outputs);

    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs)
    {
        var output = context.NewBuffer(BufferRole.Temporary, outputs[0]);
        var dims = new ScatterDimensions(p.Get<int[]>("update_window_dims"), p.Get<int[]>("inserted_window_dims"),
            p.Get<int[]>("scatter_dims_to_operand_dims"), inputs[1].Aval.Rank - 1);
        context.Emit(new ScatterKernel(context.KernelName(Name.Replace('-', '_')), context.Tensor(inputs[0]), context.Tensor(inputs[1]),
            context.Tensor(inputs[2]), dims, combiner, p.Get<IndexMode>("mode"), output));
        return [LoweringContext.InBuffer(output, outputs[0])];
    }

    /// <summary>
    /// JAX's rule: the operand and updates get a leading batch axis (broadcast if unbatched). Unbatched indices
    /// scatter whole batch windows; batched indices get an iota prepended so that each element scatters into its
    /// own operand. One scatter either way.
    /// </summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var size = Batching.Size(inputs, axes);
        var operand = Batching.AtFront(inputs[0], axes[0], size);
        var updates = Batching.AtFront(inputs[2], axes[2], size);
        var window = p.Get<int[]>("update_window_dims");
        var inserted = p.Get<int[]>("inserted_window_dims");
        var toOperand = p.Get<int[]>("scatter_dims_to_operand_dims");
        static int[] Plus1(int[] dims) => dims.Select(d => d + 1).ToArray();
        if (axes[1] is null)
        {
            var q = p.With("update_window_dims", (int[])[0, .. Plus1(window)]).With("inserted_window_dims", Plus1(inserted))
                .With("scatter_dims_to_operand_dims", Plus1(toOperand));
            return Batching.One(Bind1(q, operand, inputs[1], updates), 0);
        }
        var indices = Batching.PrependBatchIndex(Batching.AtFront(inputs[1], axes[1], size));
        var both = p.With("update_window_dims", Plus1(window)).With("inserted_window_dims", (int[])[0, .. Plus1(inserted)])
            .With("scatter_dims_to_operand_dims", (int[])[0, .. Plus1(toOperand)]);
        return Batching.One(Bind1(both, operand, indices, updates), 0);
    }
}

/// <summary>
/// dynamic_slice[slice_sizes](operand, *start_indices): a slice at run-time start indices, clamped so that it lies
/// in bounds (as XLA). Lowered as a gather of one slice.
/// </summary>
public sealed class DynamicSlicePrimitive() : Primitive("dynamic_slice")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var operand = inputs[0];
        var sizes = p.Get<int[]>("slice_sizes");
        StartIndices.Check(this, operand, inputs.Skip(1).ToArray());
        if (sizes.Length != operand.Rank || sizes.Where((s, d) => s < 0 || s > operand.Shape[d]).Any())
            throw Error($"slice_sizes ({string.Join(", ", sizes)}) do not fit {operand.Str()}");
        return [operand.WithShape(sizes)];
    }

    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) =>
        IndexingRules.DynamicSliceJvp(this, primals, tangents, p);

    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p) =>
        IndexingRules.DynamicSliceTranspose(cotangents[0], operands, operandAvals);

    /// <summary>Acts on each element's value as a whole: applied to the real and imaginary parts alike.</summary>
    internal override Planar[] ExpandComplex(Planar[] inputs, Params p, ShapedArray[] outputs) =>
        PlanarRules.Componentwise(this, inputs, p);

    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs)
    {
        var operand = inputs[0];
        var rank = operand.Shape.Length;
        if (rank == 0) return [operand];
        var sizes = p.Get<int[]>("slice_sizes");
        var indices = StartIndices.Vector(context, inputs.Skip(1).ToArray(), operand.Shape.Select((s, d) => s - sizes[d]).ToArray());
        var output = context.NewBuffer(BufferRole.Temporary, outputs[0]);
        var dims = new GatherDimensions(Enumerable.Range(0, rank).ToArray(), [], Enumerable.Range(0, rank).ToArray(), 0);
        context.Emit(new GatherKernel(context.KernelName(Name), context.Tensor(operand), indices, dims, p.Get<int[]>("slice_sizes"),
            IndexMode.Clip, 0, outputs[0].Shape, output));
        return [LoweringContext.InBuffer(output, outputs[0])];
    }

    /// <summary>
    /// With unbatched start indices, one dynamic_slice that takes the batch axis whole (start 0). With batched
    /// start indices each element slices elsewhere: that is a gather of one slice per element, as in JAX.
    /// </summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var size = Batching.Size(inputs, axes);
        var sizes = p.Get<int[]>("slice_sizes");
        if (axes.Skip(1).All(a => a is null))
        {
            var b = axes[0]!.Value;
            var starts = inputs.Skip(1).ToList();
            starts.Insert(b, 0);
            var withBatch = sizes.ToList();
            withBatch.Insert(b, size);
            return Batching.One(Bind1(p.With("slice_sizes", withBatch.ToArray()), [inputs[0], .. starts]), b);
        }
        var rank = sizes.Length;
        var all = Enumerable.Range(0, rank).ToArray();
        var gather = Params.Of(("offset_dims", all), ("collapsed_slice_dims", Array.Empty<int>()), ("start_index_map", all),
            ("slice_sizes", sizes), ("mode", IndexMode.Clip), ("fill_value", 0.0));
        var limits = Batching.UnbatchedShape(inputs[0], axes[0]).Select((s, d) => s - sizes[d]).ToArray();
        var indices = Batching.StackStartIndices(inputs.Skip(1).ToArray(), axes.Skip(1).ToArray(), size, limits);
        return Prims.Gather.Batch([inputs[0], indices], [axes[0], 0], gather);
    }
}

/// <summary>dynamic_update_slice(operand, update, *start_indices): writes update at clamped start indices (a scatter).</summary>
public sealed class DynamicUpdateSlicePrimitive() : Primitive("dynamic_update_slice")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var (operand, update) = (inputs[0], inputs[1]);
        StartIndices.Check(this, operand, inputs.Skip(2).ToArray());
        if (update.DType != operand.DType || update.Rank != operand.Rank || update.Shape.Where((s, d) => s > operand.Shape[d]).Any())
            throw Error($"update {update.Str()} does not fit operand {operand.Str()}");
        return [operand];
    }

    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) =>
        IndexingRules.DynamicUpdateSliceJvp(this, primals, tangents, p);

    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p) =>
        IndexingRules.DynamicUpdateSliceTranspose(cotangents[0], operands, operandAvals);

    /// <summary>Acts on each element's value as a whole: applied to the real and imaginary parts alike.</summary>
    internal override Planar[] ExpandComplex(Planar[] inputs, Params p, ShapedArray[] outputs) =>
        PlanarRules.Componentwise(this, inputs, p);

    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs)
    {
        var rank = inputs[0].Shape.Length;
        if (rank == 0) return [inputs[1]];
        var limits = inputs[0].Shape.Select((s, d) => s - inputs[1].Shape[d]).ToArray();
        var indices = StartIndices.Vector(context, inputs.Skip(2).ToArray(), limits);
        var output = context.NewBuffer(BufferRole.Temporary, outputs[0]);
        var dims = new ScatterDimensions(Enumerable.Range(0, rank).ToArray(), [], Enumerable.Range(0, rank).ToArray(), 0);
        context.Emit(new ScatterKernel(context.KernelName(Name), context.Tensor(inputs[0]), indices, context.Tensor(inputs[1]), dims,
            ScatterCombiner.Replace, IndexMode.Clip, output));
        return [LoweringContext.InBuffer(output, outputs[0])];
    }

    /// <summary>
    /// With unbatched start indices, one dynamic_update_slice over the whole batch axis (start 0). With batched
    /// start indices each element writes elsewhere: that is a scatter of one window per element, as in JAX.
    /// </summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var size = Batching.Size(inputs, axes);
        if (axes.Skip(2).All(a => a is null))
        {
            var b = axes[0] ?? axes[1]!.Value;
            var operand = Batching.BatchAt(inputs[0], axes[0], b, size);
            var update = Batching.BatchAt(inputs[1], axes[1], b, size);
            var starts = inputs.Skip(2).ToList();
            starts.Insert(b, 0);
            return Batching.One(Bind1(p, [operand, update, .. starts]), b);
        }
        var all = Enumerable.Range(0, inputs[0].Ndim - (axes[0] is null ? 0 : 1)).ToArray();
        var scatter = Params.Of(("update_window_dims", all), ("inserted_window_dims", Array.Empty<int>()),
            ("scatter_dims_to_operand_dims", all), ("mode", IndexMode.Clip));
        var operandShape = Batching.UnbatchedShape(inputs[0], axes[0]);
        var updateShape = Batching.UnbatchedShape(inputs[1], axes[1]);
        var limits = operandShape.Select((s, d) => s - updateShape[d]).ToArray();
        var indices = Batching.StackStartIndices(inputs.Skip(2).ToArray(), axes.Skip(2).ToArray(), size, limits);
        return Prims.Scatter.Batch([inputs[0], indices, inputs[1]], [axes[0], 0, axes[1]], scatter);
    }
}

/// <summary>The scalar start indices of dynamic_slice and dynamic_update_slice, packed into one index vector.</summary>
internal static class StartIndices
{
    public static void Check(Primitive primitive, ShapedArray operand, ShapedArray[] starts)
    {
        if (starts.Length != operand.Rank)
            throw new ShapeException($"{primitive.Name}: needs {operand.Rank} start indices for {operand.Str()}, got {starts.Length}");
        foreach (var s in starts)
            if (s.Rank != 0 || !s.DType.IsInteger())
                throw new ShapeException($"{primitive.Name}: start indices must be integer scalars, got {s.Str()}");
    }

    /// <summary>
    /// The starts as one int32 index vector, each first clamped into [0, limit] in its own dtype: converting first
    /// would wrap a uint32 start above 2^31 or an int64 one outside int32 to a different, in-range start.
    /// </summary>
    public static TensorRef Vector(LoweringContext context, LValue[] starts, int[] limits)
    {
        var shape = new[] { starts.Length };
        var position = new IotaExpr(DType.Int32, 0, 1, 0);
        Expr Start(int i) => new ConvertExpr(Clamped(context.BroadcastTo(starts[i], shape), limits[i]), DType.Int32);
        var vector = Start(starts.Length - 1);
        for (var i = starts.Length - 2; i >= 0; i--)
        {
            var here = new BinaryExpr(BinaryOp.Eq, position, new ConstExpr(Scalar.FromBits(DType.Int32, i)));
            vector = new SelectExpr(here, Start(i), vector);
        }
        var aval = new ShapedArray(shape, DType.Int32);
        return new TensorRef(context.Materialize(new LValue(aval, vector)), DType.Int32, shape);
    }

    /// <summary>Whether a start of <paramref name="dtype"/> may lie outside int32 (and so must be clamped before it is converted).</summary>
    private static bool Wide(DType dtype) => dtype is DType.UInt32 or DType.Int64 or DType.UInt64;

    private static Expr Clamped(Expr start, int limit)
    {
        if (!Wide(start.DType)) return start;
        var below = new BinaryExpr(BinaryOp.Min, start, new ConstExpr(Scalar.FromBits(start.DType, limit)));
        return start.DType == DType.Int64 ? new BinaryExpr(BinaryOp.Max, below, new ConstExpr(Scalar.FromBits(DType.Int64, 0))) : below;
    }

    /// <summary><see cref="Clamped(Expr, int)"/> on arrays (the batching rules' index vectors).</summary>
    public static NDArray Clamped(NDArray start, int limit)
    {
        if (!Wide(start.DType)) return start;
        var below = Jax.Lax.Min(start, NDArray.FromScalar(Scalar.FromBits(start.DType, limit), weak: false));
        return start.DType == DType.Int64 ? Jax.Lax.Max(below, NDArray.FromScalar(Scalar.FromBits(DType.Int64, 0), weak: false)) : below;
    }

    /// <summary>
    /// JAX's negative start indices: a negative start of a signed dtype counts from the end of its dimension
    /// (lax.dynamic_slice's allow_negative_indices). The primitives then clamp.
    /// </summary>
    public static NDArray[] FromEnd(NDArray operand, NDArray[] starts, bool allowNegativeIndices)
    {
        if (!allowNegativeIndices || starts.Length != operand.Ndim) return starts;
        return starts.Select((s, d) =>
        {
            if (!s.DType.IsSignedInteger()) return s;
            var zero = NDArray.FromScalar(Scalar.FromBits(s.DType, 0), weak: false);
            var size = NDArray.FromScalar(Scalar.FromBits(s.DType, operand.Shape[d]), weak: false);
            return Jax.Lax.Select(Jax.Lax.Lt(s, zero), Jax.Lax.Add(s, size), s);
        }).ToArray();
    }
}

/// <summary>sort[dimension, is_stable, num_keys, descending]: sorts operands of one shape by the first num_keys.</summary>
public sealed class SortPrimitive() : Primitive("sort")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var dim = p.Get<int>("dimension");
        if (inputs.Length == 0) throw Error("needs at least one operand");
        if (dim < 0 || dim >= inputs[0].Rank) throw Error($"dimension {dim} is out of range for {inputs[0].Str()}");
        if (inputs.Any(i => !Shapes.Equal(i.Shape, inputs[0].Shape)))
            throw Error($"operands must have one shape: {string.Join(", ", inputs.Select(i => i.Str()))}");
        return inputs;
    }

    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) =>
        IndexingRules.SortJvp(this, primals, tangents, p);

    /// <summary>
    /// Complex keys order lexicographically by (real, imaginary), as JAX's comparator does: each becomes two keys, its
    /// real part first. Other complex operands ride along as two operands.
    /// </summary>
    internal override Planar[] ExpandComplex(Planar[] inputs, Params p, ShapedArray[] outputs)
    {
        var numKeys = p.Get<int>("num_keys");
        var operands = new List<NDArray>();
        var keys = 0;
        for (var i = 0; i < inputs.Length; i++)
        {
            var complex = outputs[i].DType.IsComplex();
            operands.Add(inputs[i].Re);
            if (complex) operands.Add(inputs[i].ImOrZero);
            if (i < numKeys) keys += complex ? 2 : 1;
        }
        var sorted = Bind(p.With("num_keys", keys), [.. operands]);
        var results = new Planar[inputs.Length];
        for (int i = 0, k = 0; i < inputs.Length; i++)
            results[i] = outputs[i].DType.IsComplex() ? Planar.Complex(sorted[k++], sorted[k++]) : Planar.Real(sorted[k++]);
        return results;
    }

    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs)
    {
        var operands = inputs.Select(context.Tensor).ToArray();
        var results = outputs.Select(o => context.NewBuffer(BufferRole.Temporary, o)).ToArray();
        context.Emit(new SortKernel(context.KernelName(Name), operands, p.Get<int>("dimension"), p.Get<int>("num_keys"),
            p.Get<bool>("descending"), p.Get<bool>("is_stable"), results));
        return results.Select((b, i) => LoweringContext.InBuffer(b, outputs[i])).ToArray();
    }

    /// <summary>Every operand gets its batch axis at the front (unbatched ones broadcast); the sorted dimension shifts by one.</summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var size = Batching.Size(inputs, axes);
        var operands = inputs.Select((x, i) => Batching.AtFront(x, axes[i], size)).ToArray();
        var results = Bind(p.With("dimension", p.Get<int>("dimension") + 1), operands);
        return (results, results.Select(_ => (int?)0).ToArray());
    }
}

public static partial class Prims
{
    public static readonly GatherPrimitive Gather = new();
    public static readonly ScatterPrimitive Scatter = new("scatter", ScatterCombiner.Replace);
    public static readonly ScatterPrimitive ScatterAdd = new("scatter-add", ScatterCombiner.Add);
    public static readonly ScatterPrimitive ScatterMul = new("scatter-mul", ScatterCombiner.Mul);
    public static readonly ScatterPrimitive ScatterMin = new("scatter-min", ScatterCombiner.Min);
    public static readonly ScatterPrimitive ScatterMax = new("scatter-max", ScatterCombiner.Max);
    public static readonly DynamicSlicePrimitive DynamicSlice = new();
    public static readonly DynamicUpdateSlicePrimitive DynamicUpdateSlice = new();
    public static readonly SortPrimitive Sort = new();
}
