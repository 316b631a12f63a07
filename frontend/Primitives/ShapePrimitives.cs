using JaxNet.Core;
using JaxNet.Lowering;
using JaxNet.Transforms;

namespace JaxNet.Primitives;

/// <summary>A primitive that only re-indexes its operand: lowered as a view pushed into its consumers' index maps.</summary>
public abstract class ViewPrimitive(string name) : Primitive(name)
{
    internal abstract View ViewOf(ShapedArray input, ShapedArray output, Params p);

    /// <summary>A view is linear: the tangent is the same view of the operand's tangent.</summary>
    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) =>
        ([Bind1(p, primals[0])], [tangents[0] is { } t ? Bind1(p, t) : null]);

    /// <summary>Acts on each element's value as a whole: applied to the real and imaginary parts alike.</summary>
    internal override Planar[] ExpandComplex(Planar[] inputs, Params p, ShapedArray[] outputs) =>
        PlanarRules.Componentwise(this, inputs, p);

    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs) =>
        [new(outputs[0], context.View(inputs[0], ViewOf(inputs[0].Aval, outputs[0], p)))];
}

/// <summary>broadcast_in_dim[shape, broadcast_dimensions]: operand dimension i becomes output dimension dims[i].</summary>
public sealed class BroadcastInDimPrimitive() : ViewPrimitive("broadcast_in_dim")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var x = inputs[0];
        var shape = p.Get<int[]>("shape");
        var dims = p.Get<int[]>("broadcast_dimensions");
        if (dims.Length != x.Rank)
            throw Error($"operand {x.Str()} needs {x.Rank} broadcast dimensions, got ({string.Join(", ", dims)})");
        for (var i = 0; i < dims.Length; i++)
        {
            if (dims[i] < 0 || dims[i] >= shape.Length || (i > 0 && dims[i] <= dims[i - 1]))
                throw Error($"broadcast dimensions ({string.Join(", ", dims)}) must be increasing and within rank {shape.Length}");
            if (x.Shape[i] != 1 && x.Shape[i] != shape[dims[i]])
                throw Error($"cannot broadcast {x.Str()} to {Shapes.Format(shape)} with dimensions ({string.Join(", ", dims)})");
        }
        return [new ShapedArray(shape, x.DType, x.Weak)];
    }

    internal override View ViewOf(ShapedArray input, ShapedArray output, Params p) =>
        AffineView.Broadcast(input.Shape, output.Shape, p.Get<int[]>("broadcast_dimensions"));

    /// <summary>The batch axis moves to the front and is carried through as a new leading output dimension.</summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var size = Batching.Size(inputs, axes);
        var x = Batching.AtFront(inputs[0], axes[0], size);
        int[] shape = [size, .. p.Get<int[]>("shape")];
        int[] dims = [0, .. p.Get<int[]>("broadcast_dimensions").Select(d => d + 1)];
        return Batching.One(Bind1(p.With("shape", shape).With("broadcast_dimensions", dims), x), 0);
    }

    /// <summary>Sums the cotangent over the added dimensions and over those broadcast from size 1.</summary>
    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p)
    {
        var ct = cotangents[0];
        var operand = operandAvals[0];
        var dims = p.Get<int[]>("broadcast_dimensions");
        var summed = Enumerable.Range(0, ct.Ndim).Where(d => Array.IndexOf(dims, d) is var i && (i < 0 || operand.Shape[i] != ct.Aval.Shape[d]))
            .ToArray();
        return [Jax.Lax.Reshape(Jax.Lax.ReduceSum(ct, summed), operand.Shape)];
    }
}

/// <summary>reshape[new_sizes]: row-major reshape to a shape of the same size.</summary>
public sealed class ReshapePrimitive() : ViewPrimitive("reshape")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var shape = p.Get<int[]>("new_sizes");
        if (Shapes.Size(shape) != inputs[0].Size)
            throw Error($"cannot reshape {inputs[0].Str()} ({inputs[0].Size} elements) to {Shapes.Format(shape)}");
        return [inputs[0].WithShape(shape)];
    }

    internal override View ViewOf(ShapedArray input, ShapedArray output, Params p) => new ReshapeView(input.Shape, output.Shape);

    /// <summary>Row-major reshape of each element: the batch axis goes to the front and stays there.</summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var size = Batching.Size(inputs, axes);
        var x = Batching.AtFront(inputs[0], axes[0], size);
        return Batching.One(Bind1(p.With("new_sizes", (int[])[size, .. p.Get<int[]>("new_sizes")]), x), 0);
    }

    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p) =>
        [Jax.Lax.Reshape(cotangents[0], operandAvals[0].Shape)];
}

/// <summary>squeeze[dimensions]: removes size-1 dimensions.</summary>
public sealed class SqueezePrimitive() : ViewPrimitive("squeeze")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var x = inputs[0];
        var dims = p.Get<int[]>("dimensions");
        foreach (var d in dims)
            if (d < 0 || d >= x.Rank || x.Shape[d] != 1) throw Error($"cannot squeeze dimension {d} of {x.Str()}");
        return [x.WithShape(x.Shape.Where((_, d) => !dims.Contains(d)).ToArray())];
    }

    internal override View ViewOf(ShapedArray input, ShapedArray output, Params p) => new ReshapeView(input.Shape, output.Shape);

    /// <summary>The squeezed dimensions are renumbered around the batch axis, which stays.</summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var b = axes[0]!.Value;
        var dims = p.Get<int[]>("dimensions");
        var result = Bind1(p.With("dimensions", dims.Select(d => Batching.Shift(d, b)).ToArray()), inputs[0]);
        return Batching.One(result, b - dims.Count(d => d < b));
    }

    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p) =>
        [Jax.Lax.Reshape(cotangents[0], operandAvals[0].Shape)];
}

/// <summary>transpose[permutation]: output dimension i is operand dimension permutation[i].</summary>
public sealed class TransposePrimitive() : ViewPrimitive("transpose")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var x = inputs[0];
        var perm = p.Get<int[]>("permutation");
        if (perm.Length != x.Rank || perm.OrderBy(d => d).Where((d, i) => d != i).Any())
            throw Error($"permutation ({string.Join(", ", perm)}) is not a permutation of the axes of {x.Str()}");
        return [x.WithShape(perm.Select(d => x.Shape[d]).ToArray())];
    }

    internal override View ViewOf(ShapedArray input, ShapedArray output, Params p) =>
        AffineView.Transpose(input.Shape, p.Get<int[]>("permutation"));

    /// <summary>The batch axis goes to the front and the permutation keeps it there.</summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var x = Batching.AtFront(inputs[0], axes[0], Batching.Size(inputs, axes));
        int[] perm = [0, .. p.Get<int[]>("permutation").Select(d => d + 1)];
        return Batching.One(Bind1(p.With("permutation", perm), x), 0);
    }

    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p)
    {
        return [Jax.Lax.Transpose(cotangents[0], Shapes.InversePermutation(p.Get<int[]>("permutation")))];
    }
}

/// <summary>slice[start_indices, limit_indices, strides]: a static strided slice.</summary>
public sealed class SlicePrimitive() : ViewPrimitive("slice")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var x = inputs[0];
        var (start, limit, strides) = (p.Get<int[]>("start_indices"), p.Get<int[]>("limit_indices"), p.Get<int[]>("strides"));
        if (start.Length != x.Rank || limit.Length != x.Rank || strides.Length != x.Rank)
            throw Error($"needs {x.Rank} start, limit and stride values for {x.Str()}");
        var shape = new int[x.Rank];
        for (var d = 0; d < x.Rank; d++)
        {
            if (start[d] < 0 || limit[d] > x.Shape[d] || start[d] > limit[d] || strides[d] < 1)
                throw Error($"slice [{start[d]}:{limit[d]}:{strides[d]}] is out of bounds for dimension {d} of {x.Str()}");
            shape[d] = (limit[d] - start[d] + strides[d] - 1) / strides[d];
        }
        return [x.WithShape(shape)];
    }

    internal override View ViewOf(ShapedArray input, ShapedArray output, Params p) =>
        AffineView.Slice(input.Shape, p.Get<int[]>("start_indices"), p.Get<int[]>("limit_indices"), p.Get<int[]>("strides"));

    /// <summary>The batch axis is taken whole: start 0, limit the batch size, stride 1.</summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var b = axes[0]!.Value;
        var size = inputs[0].Aval.Shape[b];
        static int[] Insert(int[] values, int at, int value)
        {
            var list = values.ToList();
            list.Insert(at, value);
            return list.ToArray();
        }
        var q = p.With("start_indices", Insert(p.Get<int[]>("start_indices"), b, 0))
            .With("limit_indices", Insert(p.Get<int[]>("limit_indices"), b, size))
            .With("strides", Insert(p.Get<int[]>("strides"), b, 1));
        return Batching.One(Bind1(q, inputs[0]), b);
    }

    /// <summary>The cotangent padded with zeros back to the operand's shape (strides become interior padding).</summary>
    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p)
    {
        var ct = cotangents[0];
        var (start, strides) = (p.Get<int[]>("start_indices"), p.Get<int[]>("strides"));
        var operand = operandAvals[0];
        var config = new (int, int, int)[operand.Rank];
        for (var d = 0; d < operand.Rank; d++)
        {
            var n = ct.Aval.Shape[d];
            var covered = n == 0 ? 0 : (n - 1) * strides[d] + 1;
            config[d] = (start[d], operand.Shape[d] - start[d] - covered, n == 0 ? 0 : strides[d] - 1);
        }
        return [Jax.Lax.Pad(ct, 0, config)];
    }
}

/// <summary>rev[dimensions]: reverses the order of elements along the dimensions.</summary>
public sealed class RevPrimitive() : ViewPrimitive("rev")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        foreach (var d in p.Get<int[]>("dimensions"))
            if (d < 0 || d >= inputs[0].Rank) throw Error($"dimension {d} is out of range for {inputs[0].Str()}");
        return [inputs[0]];
    }

    internal override View ViewOf(ShapedArray input, ShapedArray output, Params p) => AffineView.Rev(input.Shape, p.Get<int[]>("dimensions"));

    /// <summary>The reversed dimensions are renumbered around the batch axis, which stays.</summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var b = axes[0]!.Value;
        var dims = p.Get<int[]>("dimensions").Select(d => Batching.Shift(d, b)).ToArray();
        return Batching.One(Bind1(p.With("dimensions", dims), inputs[0]), b);
    }

    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p) =>
        [Bind1(p, cotangents[0])];
}

/// <summary>iota[dtype, shape, dimension]: the coordinate along one dimension.</summary>
public sealed class IotaPrimitive() : Primitive("iota")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var shape = p.Get<int[]>("shape");
        var dim = p.Get<int>("dimension");
        var dtype = p.Get<DType>("dtype");
        if (dim < 0 || dim >= shape.Length) throw Error($"dimension {dim} is out of range for shape {Shapes.Format(shape)}");
        if (dtype == DType.Bool) throw Error("dtype bool is not allowed");
        return [new ShapedArray(shape, dtype)];
    }

    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs) =>
        [new(outputs[0], new IotaExpr(outputs[0].DType, p.Get<int>("dimension"), 1, 0))];

    /// <summary>iota has no operands, so it is never batched: the same value for every batch element.</summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p) => Batching.One(Bind1(p), null);

    /// <summary>iota has no operands, so its tangent is always zero.</summary>
    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) => ([Bind1(p)], [null]);
}

public static partial class Prims
{
    public static readonly BroadcastInDimPrimitive BroadcastInDim = new();
    public static readonly ReshapePrimitive Reshape = new();
    public static readonly SqueezePrimitive Squeeze = new();
    public static readonly TransposePrimitive Transpose = new();
    public static readonly SlicePrimitive Slice = new();
    public static readonly RevPrimitive Rev = new();
    public static readonly IotaPrimitive Iota = new();
    public static readonly PadPrimitive Pad = new();
    public static readonly ConcatenatePrimitive Concatenate = new();
}
