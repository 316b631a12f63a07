using JaxNet.Core;
using JaxNet.Lowering;
using JaxNet.Transforms;

namespace JaxNet.Primitives;

/// <summary>
/// stop_gradient: the identity, whose tangent is zero at every level of differentiation. It is a primitive, as in
/// JAX, so that each interpreter on the stack sees it: a JVP anywhere below a vmap or a jit, or an outer grad of a
/// grad, drops its tangent too. Unwrapping only the tracers directly around the value missed those (grad of a vmap
/// differentiated straight through it). Lowered to nothing: its result is its operand.
/// </summary>
public sealed class StopGradientPrimitive() : Primitive("stop_gradient")
{
    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p) => [inputs[0]];

    /// <summary>Acts on each element's value as a whole: applied to the real and imaginary parts alike.</summary>
    internal override Planar[] ExpandComplex(Planar[] inputs, Params p, ShapedArray[] outputs) =>
        PlanarRules.Componentwise(this, inputs, p);

    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs) =>
        [new(outputs[0], inputs[0].Expr)];

    /// <summary>The primal passes on, still stopped for the levels below this one; the tangent is a symbolic zero.</summary>
    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p) =>
        ([Bind1(p, primals[0])], [null]);

    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p) =>
        Batching.One(Bind1(p, inputs[0]), axes[0]);
}

public static partial class Prims
{
    public static readonly StopGradientPrimitive StopGradient = new();
}
