using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Lowering;
using JaxNet.Transforms;

namespace JaxNet.Primitives;

/// <summary>
/// pad[padding_config, padding_value]: per dimension (low, high, interior) padding, negative low/high crop.
/// The kernel IR pads with a constant, so the padding value is a parameter here (JAX has it as an operand; a
/// traced padding value is <c>pad(x - v, 0) + v</c>). Edge padding fuses into index maps; interior padding is
/// lowered as a size-1 axis padded and folded back by reshape and slice.
/// </summary>
public sealed class PadPrimitive() : Primitive("pad")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var x = inputs[0];
        var config = p.Get<int[][]>("padding_config");
        if (config.Length != x.Rank || config.Any(c => c.Length != 3 || c[2] < 0))
            throw Error($"padding_config needs one (low, high, interior) triple per dimension of {x.Str()}");
        var shape = new int[x.Rank];
        for (var d = 0; d < x.Rank; d++)
        {
            var n = x.Shape[d];
            var size = config[d][0] + config[d][1] + n + Math.Max(0, n - 1) * config[d][2];
            if (size < 0) throw Error($"padding ({string.Join(", ", config[d])}) of dimension {d} of {x.Str()} gives a negative size");
            shape[d] = size;
        }
        return [x.WithShape(shape)];
    }

    /// <summary>Linear in the operand (the padding value is a constant): the tangent is padded with zeros.</summary>
    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) =>
        ([Bind1(p, primals[0])], [tangents[0] is { } t ? Bind1(ZeroPadding(p), t) : null]);

    /// <summary>JAX's rule: undo the edge padding (negative padding crops), then take every (interior + 1)-th element.</summary>
    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p)
    {
        var config = p.Get<int[][]>("padding_config");
        var unpadded = Jax.Lax.Pad(cotangents[0], 0, config.Select(c => (-c[0], -c[1], 0)).ToArray());
        var operand = operandAvals[0];
        var strides = config.Select(c => c[2] + 1).ToArray();
        var limits = unpadded.Aval.Shape.ToArray();
        return [Jax.Lax.Slice(unpadded, new int[operand.Rank], limits, strides)];
    }

    private static Params ZeroPadding(Params p) => Params.Of(("padding_config", p.Get<int[][]>("padding_config")), ("padding_value", 0.0));

    /// <summary>Pads both parts; the (real) padding value is the real part's, the imaginary part pads with zero.</summary>
    internal override Planar[] ExpandComplex(Planar[] inputs, Params p, ShapedArray[] outputs) =>
        [Planar.Complex(Bind1(p, inputs[0].Re), Bind1(ZeroPadding(p), inputs[0].ImOrZero))];

    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs)
    {
        var config = p.Get<int[][]>("padding_config");
        var value = p.Get<double>("padding_value");
        var x = inputs[0];
        for (var d = 0; d < config.Length; d++)
            if (config[d][2] > 0 && x.Shape[d] > 1) x = Interior(context, x, d, config[d][2], value);
        var shape = outputs[0].Shape;
        var low = config.Select(c => (long)c[0]).ToArray();
        return [new(outputs[0], context.View(x, new PadView(x.Shape, shape, low, value)))];
    }

    /// <summary>The batch axis is not padded: a (0, 0, 0) entry is inserted for it.</summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var b = axes[0]!.Value;
        var config = p.Get<int[][]>("padding_config").ToList();
        config.Insert(b, [0, 0, 0]);
        return Batching.One(Bind1(p.With("padding_config", config.ToArray()), inputs[0]), b);
    }

    // [.., n, ..] -> [.., n, 1, ..] -> pad (0, k) -> [.., n, k+1, ..] -> [.., n(k+1), ..] -> drop the last k.
    private static LValue Interior(LoweringContext context, LValue x, int d, int k, double value)
    {
        var n = x.Shape[d];
        var split = x.Shape.Take(d + 1).Append(1).Concat(x.Shape.Skip(d + 1)).ToArray();
        var v = new LValue(x.Aval.WithShape(split), context.View(x, new ReshapeView(x.Shape, split)));
        var padded = split.ToArray();
        padded[d + 1] = k + 1;
        v = new LValue(x.Aval.WithShape(padded), context.View(v, new PadView(split, padded, new long[split.Length], value)));
        var merged = x.Shape.ToArray();
        merged[d] = n * (k + 1);
        v = new LValue(x.Aval.WithShape(merged), context.View(v, new ReshapeView(padded, merged)));
        var limit = merged.ToArray();
        limit[d] = n + (n - 1) * k;
        var slice = AffineView.Slice(merged, new int[merged.Length], limit, Enumerable.Repeat(1, merged.Length).ToArray());
        return new LValue(x.Aval.WithShape(limit), context.View(v, slice));
    }
}

/// <summary>concatenate[dimension]: lowered as a select over the padded operands, so it fuses like a view.</summary>
public sealed class ConcatenatePrimitive() : Primitive("concatenate")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var dim = p.Get<int>("dimension");
        var first = inputs[0];
        if (dim < 0 || dim >= first.Rank) throw Error($"dimension {dim} is out of range for {first.Str()}");
        var total = 0;
        foreach (var x in inputs)
        {
            if (x.DType != first.DType || x.Rank != first.Rank || x.Shape.Where((n, d) => d != dim && n != first.Shape[d]).Any())
                throw Error($"operands must agree in dtype and in every dimension but {dim}: " +
                    string.Join(", ", inputs.Select(i => i.Str())));
            total += x.Shape[dim];
        }
        var shape = first.Shape.ToArray();
        shape[dim] = total;
        return [new ShapedArray(shape, first.DType, inputs.All(i => i.Weak))];
    }

    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p)
    {
        var y = Bind1(p, primals);
        if (tangents.All(t => t is null)) return ([y], [null]);
        return ([y], [Bind1(p, tangents.Select((t, i) => Tangents.Instantiate(t, primals[i].Aval.Strong())).ToArray())]);
    }

    /// <summary>Each linear operand gets its slice of the cotangent.</summary>
    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p)
    {
        var dim = p.Get<int>("dimension");
        var ct = cotangents[0];
        var result = new NDArray?[operands.Length];
        var offset = 0;
        for (var i = 0; i < operands.Length; i++)
        {
            var size = operandAvals[i].Shape[dim];
            if (operands[i] is null) result[i] = Jax.Lax.SliceInDim(ct, offset, offset + size, 1, dim);
            offset += size;
        }
        return result;
    }

    /// <summary>Acts on each element's value as a whole: applied to the real and imaginary parts alike.</summary>
    internal override Planar[] ExpandComplex(Planar[] inputs, Params p, ShapedArray[] outputs) =>
        PlanarRules.Componentwise(this, inputs, p);

    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs)
    {
        var dim = p.Get<int>("dimension");
        var shape = outputs[0].Shape;
        var offsets = new List<long>();
        var parts = new List<Expr>();
        long offset = 0;
        foreach (var x in inputs)
        {
            var low = new long[shape.Length];
            low[dim] = offset;
            parts.Add(context.View(x, new PadView(x.Shape, shape, low, 0)));
            offset += x.Shape[dim];
            offsets.Add(offset);
        }
        var position = new IotaExpr(DType.Int64, dim, 1, 0);
        var result = parts[^1];
        for (var i = parts.Count - 2; i >= 0; i--)
        {
            var inside = new BinaryExpr(BinaryOp.Lt, position, new ConstExpr(Scalar.FromBits(DType.Int64, offsets[i])));
            result = new SelectExpr(inside, parts[i], result);
        }
        return [new(outputs[0], result)];
    }

    /// <summary>Every operand gets its batch axis at the front (unbatched ones broadcast); the dimension shifts by one.</summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var size = Batching.Size(inputs, axes);
        var operands = inputs.Select((x, i) => Batching.AtFront(x, axes[i], size)).ToArray();
        return Batching.One(Bind1(p.With("dimension", p.Get<int>("dimension") + 1), operands), 0);
    }
}
