using JaxNet.Core;
using JaxNet.Lowering;
using JaxNet.Transforms;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Primitives;

/// <summary>
/// reduce_xor[axes]: the bitwise exclusive or of bool or integer elements over the given axes (for bool, whether an
/// odd number are true), 0 over an empty axis. The kernel IR has no xor reduction, so it lowers as
/// <see cref="ReduceTree"/>'s tree of elementwise xors. No tangent space: its JVP is a symbolic zero.
/// </summary>
public sealed class ReduceXorPrimitive() : Primitive("reduce_xor")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p)
    {
        var x = inputs[0];
        var axes = p.Get<int[]>("axes");
        if (x.DType.IsInexact()) throw Error($"requires bool or integer operands, got {x.Str()}");
        foreach (var a in axes)
            if (a < 0 || a >= x.Rank) throw Error($"axis {a} is out of range for {x.Str()}");
        if (axes.Distinct().Count() != axes.Length) throw Error($"axes ({string.Join(", ", axes)}) must be unique");
        return [new ShapedArray(x.Shape.Where((_, d) => !axes.Contains(d)).ToArray(), x.DType, x.Weak)];
    }

    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs) =>
        DecomposedLowering.Lower(context, inputs, args =>
        {
            var zero = Lax.ConvertElementType(NDArray.FromScalar(Scalar.FromBits(args[0].DType, 0), weak: false), args[0].DType);
            return ReduceTree.Reduce(args, [zero], (a, b) => [Lax.BitwiseXor(a[0], b[0])], p.Get<int[]>("axes"));
        }, Name);

    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) =>
        ([Bind1(p, primals[0])], [null]);

    /// <summary>The reduced axes are renumbered around the batch axis, which survives.</summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var b = axes[0]!.Value;
        var reduced = p.Get<int[]>("axes");
        var result = Bind1(p.With("axes", reduced.Select(a => Batching.Shift(a, b)).ToArray()), inputs[0]);
        return Batching.One(result, b - reduced.Count(a => a < b));
    }
}

public static partial class Prims
{
    public static readonly ReduceXorPrimitive ReduceXor = new();
}
