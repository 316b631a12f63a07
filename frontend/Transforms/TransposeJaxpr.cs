using JaxNet.Core;

namespace JaxNet.Transforms;

/// <summary>
/// The transpose of a closed jaxpr that is linear in the inputs flagged <c>linear</c> (JAX's transpose_jaxpr), for
/// the transpose rules of control-flow primitives. The result takes (the non-linear inputs..., cotangents of every
/// output...) and returns the cotangents of the linear inputs, zeros where a cotangent does not reach an input.
/// </summary>
internal static class TransposeJaxpr
{
    public static ClosedJaxpr Transpose(ClosedJaxpr closed, bool[] linear)
    {
        var j = closed.Jaxpr;
        var inAvals = closed.InAvals;
        var outAvals = closed.OutAvals;
        // Known inputs join the constants, so that the backward pass treats them as the known coefficients.
        var asConsts = new Jaxpr([.. j.ConstVars, .. JaxprRewrite.Pick(j.InVars, linear, false)], JaxprRewrite.Pick(j.InVars, linear), j.Eqns, j.Outputs);
        var known = JaxprRewrite.Pick(inAvals, linear, false);
        var linearAvals = JaxprRewrite.Pick(inAvals, linear).Select(a => a.Strong()).ToArray();
        return Tracing.ToJaxpr(args =>
        {
            var cts = Transposition.BackwardPass(asConsts, [.. closed.Consts, .. args[..known.Length]], args[known.Length..]);
            return cts.Select((c, i) => c is null ? Tangents.Zeros(linearAvals[i]) : FitDType(c, linearAvals[i])).ToArray();
        }, [.. known, .. outAvals.Select(a => a.Strong())], "transpose", null);
    }

    // A cotangent of a weakly typed value may come back in a wider dtype from promotion; the loop needs its type.
    private static NDArray FitDType(NDArray ct, ShapedArray aval) => ct.DType == aval.DType ? ct : Jax.Lax.ConvertElementType(ct, aval.DType);
}
