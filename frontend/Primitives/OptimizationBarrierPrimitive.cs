using JaxNet.Core;
using JaxNet.Lowering;

namespace JaxNet.Primitives;

/// <summary>
/// optimization_barrier(*operands): the identity on any number of values, which the lowering may not fuse or move
/// work across (XLA's OptimizationBarrier): every operand is computed into its own buffer first, so an elementwise
/// chain on either side becomes two kernels, and work after the barrier cannot be folded into work before it (the
/// usual use: keep a rematerialised value from being merged back into the forward pass). Its JVP puts the primals
/// and the tangents through a barrier each, its transpose the cotangents, and a vmap the batched values, as JAX's rules do.
/// </summary>
public sealed class OptimizationBarrierPrimitive() : Primitive("optimization_barrier")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p) => inputs;

    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs) =>
        inputs.Select((x, i) => LoweringContext.InBuffer(context.MaterializeFenced(x), outputs[i])).ToArray();

    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p)
    {
        // Two barriers, not JAX's one over primals and tangents together: linearize needs the primal results to
        // depend on the primals alone.
        var present = tangents.Where(t => t is not null).Cast<NDArray>().ToArray();
        var through = present.Length == 0 ? [] : Bind(p, present);
        var result = new NDArray?[tangents.Length];
        for (int i = 0, k = 0; i < tangents.Length; i++)
            if (tangents[i] is not null) result[i] = through[k++];
        return (Bind(p, primals), result);
    }

    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p)
    {
        var linear = Enumerable.Range(0, operands.Length).Where(i => operands[i] is null).ToArray();
        var through = Bind(p, [.. linear.Select(i => cotangents[i])]);
        var result = new NDArray?[operands.Length];
        for (var k = 0; k < linear.Length; k++) result[linear[k]] = through[k];
        return result;
    }

    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p) => (Bind(p, inputs), axes);
}

public static partial class Prims
{
    public static readonly OptimizationBarrierPrimitive OptimizationBarrier = new();
}
