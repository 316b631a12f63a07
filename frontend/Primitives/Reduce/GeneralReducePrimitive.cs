using JaxNet.Core;
using JaxNet.Lowering;
using JaxNet.Transforms;

namespace JaxNet.Primitives;

/// <summary>
/// reduce[computation, dimensions](*operands, *init_values): lax.reduce with a combiner that is none of the monoids
/// the dedicated reductions implement (see <see cref="Jax.Lax.Reduce(NDArray[], NDArray[], Func{NDArray[], NDArray[], NDArray[]}, int[])"/>).
/// <c>computation</c> is the combiner traced on scalars: 2k inputs (the accumulators, then the elements) and k
/// outputs. Lowered as <see cref="ReduceTree"/>'s tree of elementwise combiner applications.
/// </summary>
public sealed class GeneralReducePrimitive() : Primitive("reduce")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var k = inputs.Length / 2;
        var (operands, inits) = (inputs[..k], inputs[k..]);
        if (k == 0 || inputs.Length % 2 != 0) throw Error($"needs operands and as many init values, got {inputs.Length} inputs");
        if (inits.Any(i => i.Rank != 0)) throw Error($"reduce found non-scalar initial value: {string.Join(", ", inits.Select(i => i.Str()))}");
        if (operands.Any(o => !Shapes.Equal(o.Shape, operands[0].Shape)))
            throw Error($"reduce found operands with different shapes: {string.Join(", ", operands.Select(o => o.Str()))}");
        if (operands.Where((o, i) => o.DType != inits[i].DType).Any())
            throw Error($"reduce operand dtypes should match corresponding initial value dtypes, got operands=({string.Join(", ", operands.Select(o => o.DType.NumpyName()))}) " +
                $"and initial_values=({string.Join(", ", inits.Select(i => i.DType.NumpyName()))})");
        var dims = p.Get<int[]>("dimensions");
        var rank = operands[0].Rank;
        if (dims.Any(d => d < 0 || d >= rank)) throw Error($"dimensions ({string.Join(", ", dims)}) out of range for {operands[0].Str()}");
        if (dims.Distinct().Count() != dims.Length) throw Error($"dimensions ({string.Join(", ", dims)}) must be unique");
        var outs = p.Get<ClosedJaxpr>("computation").OutAvals;
        if (outs.Length != k || outs.Where((o, i) => o.Rank != 0 || o.DType != operands[i].DType).Any())
            throw Error($"the computation must return {k} scalars of the operands' dtypes, got ({string.Join(", ", outs.Select(o => o.Str()))})");
        var shape = operands[0].Shape.Where((_, d) => !dims.Contains(d)).ToArray();
        return operands.Select(o => new ShapedArray(shape, o.DType)).ToArray();
    }

    /// <summary>The tree's own operations, evaluated at this level.</summary>
    internal static NDArray[] Decompose(NDArray[] inputs, Params p)
    {
        var k = inputs.Length / 2;
        return ReduceTree.Reduce(inputs[..k], inputs[k..], ReduceTree.Elementwise(p.Get<ClosedJaxpr>("computation")), p.Get<int[]>("dimensions"));
    }

    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs) =>
        DecomposedLowering.Lower(context, inputs, args => Decompose(args, p), Name);

    /// <summary>
    /// JAX's rule: the tree reduction differentiated through the combiner's own JVP (so a combiner such as a
    /// (value, index) argmax carries the winning element's tangent). As in JAX, init values with a tangent are refused.
    /// </summary>
    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p)
    {
        var k = primals.Length / 2;
        if (tangents[k..].Any(t => t is not null))
            throw new NotImplementedException("Gradient of general lax.reduce with non-zero tangents for initial values to reduction not implemented");
        var inits = primals[k..];
        return ForwardMode.Jvp(operands => Decompose([.. operands, .. inits], p), primals[..k], tangents[..k], "reduce");
    }

    /// <summary>The operands get their batch axis at the front and the reduced dimensions shift past it; batched init
    /// values are refused, as in JAX.</summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var k = inputs.Length / 2;
        if (axes[k..].Any(a => a is not null)) throw new NotImplementedException("reduce: batching with batched init values is not implemented (as in JAX)");
        var size = Batching.Size(inputs, axes);
        var operands = inputs[..k].Select((x, i) => Batching.AtFront(x, axes[i], size)).ToArray();
        var dims = p.Get<int[]>("dimensions").Select(d => d + 1).ToArray();
        var results = Bind(p.With("dimensions", dims), [.. operands, .. inputs[k..]]);
        return (results, results.Select(_ => (int?)0).ToArray());
    }
}

public static partial class Prims
{
    public static readonly GeneralReducePrimitive GeneralReduce = new();
}
