using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Lowering;
using JaxNet.Transforms;

namespace JaxNet.Primitives;

/// <summary>
/// reduce_sum/max/min/prod/and/or[axes] and argmax/argmin[axes, index_dtype]. Lowered as an open reduction kernel:
/// the operand's fused expression becomes its prologue and elementwise consumers of the result its epilogue.
/// Half-precision sums and products accumulate in float32.
/// </summary>
public sealed class ReducePrimitive(string name, ReduceOp op) : Primitive(name)
{
    public ReduceOp Op { get; } = op;

    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var x = inputs[0];
        var axes = p.Get<int[]>("axes");
        foreach (var a in axes)
            if (a < 0 || a >= x.Rank) throw Error($"axis {a} is out of range for {x.Str()}");
        if (Op is ReduceOp.And or ReduceOp.Or && x.DType.IsInexact()) throw Error($"requires bool or integer operands, got {x.Str()}");
        if (Op is ReduceOp.Sum or ReduceOp.Prod && x.DType == DType.Bool) throw Error($"is not defined on bool operands, got {x.Str()}");
        var shape = x.Shape.Where((_, d) => !axes.Contains(d)).ToArray();
        if (Op.IsArg())
        {
            if (axes.Length != 1) throw Error($"takes exactly one axis, got ({string.Join(", ", axes)})");
            if (x.Shape[axes[0]] == 0) throw Error($"of an empty axis {axes[0]} of {x.Str()}");
            return [new ShapedArray(shape, p.Get<DType>("index_dtype"))];
        }
        return [new ShapedArray(shape, x.DType, x.Weak)];
    }

    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) =>
        ReductionRules.ReduceJvp(this, primals[0], tangents[0], p);

    /// <summary>reduce_sum is linear: the cotangent is broadcast back over the reduced axes.</summary>
    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p)
    {
        if (Op != ReduceOp.Sum) throw new MissingRuleException(Name, "transpose (it is not linear)");
        var axes = p.Get<int[]>("axes");
        var kept = Enumerable.Range(0, operandAvals[0].Rank).Where(d => !axes.Contains(d)).ToArray();
        return [Jax.Lax.BroadcastInDim(cotangents[0], operandAvals[0].Shape, kept)];
    }

    /// <summary>A sum is a sum of each part, a product a tree of complex multiplies; orderings are not expanded.</summary>
    internal override Planar[] ExpandComplex(Planar[] inputs, Params p, ShapedArray[] outputs) => Op switch
    {
        ReduceOp.Sum => PlanarRules.Componentwise(this, inputs, p),
        ReduceOp.Prod => [ReductionComplex.Product(inputs[0], p.Get<int[]>("axes"))],
        _ => base.ExpandComplex(inputs, p, outputs),
    };

    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs)
    {
        var x = inputs[0];
        var accumulator = Op is ReduceOp.Sum or ReduceOp.Prod && x.DType is DType.Float16 or DType.BFloat16 ? DType.Float32 : x.DType;
        // A reduction of a single-use reduction's plain result (values read twice are in memory by now) folds into it.
        if (x.Expr is PendingExpr { Kernel: OpenReduction inner } pending && pending.DType == accumulator && pending.DType == x.DType
            && inner.ThenReduced(Op, p.Get<int[]>("axes"), outputs[0].Shape, Name) is { } merged)
            return [new(outputs[0], new PendingExpr(merged))];
        var emitter = new ProgramEmitter(x.Shape);
        var body = context.Closed(x.Expr, x.Shape);
        var node = emitter.Emit(Op.IsArg() || body.DType == accumulator ? body : new ConvertExpr(body, accumulator));
        var open = new OpenReduction(x.Shape, p.Get<int[]>("axes"), emitter.Inputs.ToArray(), emitter.Build(node), Op,
            Op.IsArg() ? x.DType : accumulator, outputs[0].Shape, Name);
        Expr value = new PendingExpr(open);
        if (value.DType != outputs[0].DType) value = new ConvertExpr(value, outputs[0].DType);
        return [new(outputs[0], value)];
    }

    /// <summary>The reduced axes are renumbered around the batch axis, which survives (shifted past reduced axes before it).</summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var b = axes[0]!.Value;
        var reduced = p.Get<int[]>("axes");
        var result = Bind1(p.With("axes", reduced.Select(a => Batching.Shift(a, b)).ToArray()), inputs[0]);
        return Batching.One(result, b - reduced.Count(a => a < b));
    }
}

/// <summary>cumsum/cumprod/cummax/cummin[axis, reverse]: inclusive scans, one scan kernel each.</summary>
public sealed class CumulativePrimitive(string name, ReduceOp op) : Primitive(name)
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var axis = p.Get<int>("axis");
        if (axis < 0 || axis >= inputs[0].Rank) throw Error($"axis {axis} is out of range for {inputs[0].Str()}");
        if (inputs[0].DType == DType.Bool) throw Error($"is not defined on bool operands, got {inputs[0].Str()}");
        return [inputs[0]];
    }

    public ReduceOp Op => op;

    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) =>
        ReductionRules.CumulativeJvp(this, primals[0], tangents[0], p);

    /// <summary>cumsum is linear: its transpose is the cumulative sum in the other direction.</summary>
    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p)
    {
        if (Op != ReduceOp.Sum) throw new MissingRuleException(Name, "transpose (it is not linear)");
        return [Jax.Lax.Cumsum(cotangents[0], p.Get<int>("axis"), !p.Get<bool>("reverse"))];
    }

    /// <summary>A running sum is a running sum of each part, a running product one of complex multiplies by
    /// doubling; running extrema are not expanded.</summary>
    internal override Planar[] ExpandComplex(Planar[] inputs, Params p, ShapedArray[] outputs) => Op switch
    {
        ReduceOp.Sum => PlanarRules.Componentwise(this, inputs, p),
        ReduceOp.Prod => [ReductionComplex.RunningProduct(inputs[0], p.Get<int>("axis"), p.Get<bool>("reverse"))],
        _ => base.ExpandComplex(inputs, p, outputs),
    };

    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs)
    {
        var input = context.Tensor(inputs[0]);
        var dtype = inputs[0].DType;
        var accumulator = dtype is DType.Float16 or DType.BFloat16 ? DType.Float32 : dtype;
        var output = context.NewBuffer(Abstractions.Kernels.BufferRole.Temporary, outputs[0]);
        context.Emit(new ScanKernel(context.KernelName(Name), input, p.Get<int>("axis"), op, p.Get<bool>("reverse"), accumulator, dtype, output));
        return [LoweringContext.InBuffer(output, outputs[0])];
    }

    /// <summary>The scanned axis is renumbered around the batch axis, which stays.</summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var b = axes[0]!.Value;
        return Batching.One(Bind1(p.With("axis", Batching.Shift(p.Get<int>("axis"), b)), inputs[0]), b);
    }
}

public static partial class Prims
{
    public static readonly ReducePrimitive ReduceSum = new("reduce_sum", ReduceOp.Sum);
    public static readonly ReducePrimitive ReduceMax = new("reduce_max", ReduceOp.Max);
    public static readonly ReducePrimitive ReduceMin = new("reduce_min", ReduceOp.Min);
    public static readonly ReducePrimitive ReduceProd = new("reduce_prod", ReduceOp.Prod);
    public static readonly ReducePrimitive ReduceAnd = new("reduce_and", ReduceOp.And);
    public static readonly ReducePrimitive ReduceOr = new("reduce_or", ReduceOp.Or);
    public static readonly ReducePrimitive Argmax = new("argmax", ReduceOp.ArgMax);
    public static readonly ReducePrimitive Argmin = new("argmin", ReduceOp.ArgMin);

    public static readonly CumulativePrimitive Cumsum = new("cumsum", ReduceOp.Sum);
    public static readonly CumulativePrimitive Cumprod = new("cumprod", ReduceOp.Prod);
    public static readonly CumulativePrimitive Cummax = new("cummax", ReduceOp.Max);
    public static readonly CumulativePrimitive Cummin = new("cummin", ReduceOp.Min);
}
