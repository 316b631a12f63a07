using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Primitives;

namespace JaxNet.Lowering;

/// <summary>
/// Reductions that combine nothing: every reduced axis has size 1 (or none is reduced), so each output element is
/// one input element. They become a reshape, a view the consumers read in place, where they would launch a kernel
/// that copies. Reverse mode makes them: the cotangent of a broadcast over a unit axis is summed over it (the second
/// JacRev of <c>sum(tanh(W x))</c> read W transposed through such a sum). XLA's algebraic simplifier does the same.
/// </summary>
/// <remarks>
/// The one value that changes is a sum of a single -0.0, which a kernel starting from +0 gives as +0.0 and the
/// reshape as -0.0, as in XLA. argmax and argmin are left alone (their result is an index, not the element).
/// </remarks>
internal static class TrivialReduction
{
    /// <summary>The reshape that replaces <paramref name="eqn"/>, or the operand itself as <paramref name="alias"/>.</summary>
    public static bool TryRewrite(JaxprEqn eqn, out JaxprEqn? replacement, out Atom? alias)
    {
        (replacement, alias) = (null, null);
        if (eqn.Primitive is not ReducePrimitive { Op: not (ReduceOp.ArgMax or ReduceOp.ArgMin) }) return false;
        var x = eqn.Inputs[0];
        var output = eqn.Outputs[0];
        if (eqn.Params.Get<int[]>("axes").Any(axis => x.Aval.Shape[axis] != 1)) return false;
        if (x.Aval.DType != output.Aval.DType || x.Aval.Weak != output.Aval.Weak) return false;
        if (Shapes.Equal(x.Aval.Shape, output.Aval.Shape))
        {
            alias = x;
            return true;
        }
        replacement = new JaxprEqn(Prims.Reshape, [x], Params.Of(("new_sizes", output.Aval.Shape)), [output]) { NameStack = eqn.NameStack };
        return true;
    }
}
