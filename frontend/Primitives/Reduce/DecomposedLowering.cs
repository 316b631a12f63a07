using JaxNet.Core;
using JaxNet.Lowering;

namespace JaxNet.Primitives;

/// <summary>
/// Lowers a primitive that has no kernel of its own as the primitives it decomposes into: the decomposition is
/// traced on the inputs' avals and its equations are lowered one after another on the same context, so they fuse
/// with what surrounds them as if they had been written out. The jaxpr keeps the one primitive (what a user reads,
/// and what the transformation rules see).
/// </summary>
internal static class DecomposedLowering
{
    public static LValue[] Lower(LoweringContext context, LValue[] inputs, Func<NDArray[], NDArray[]> decomposition, string name)
    {
        var closed = Tracing.ToJaxpr(decomposition, inputs.Select(i => i.Aval).ToArray(), "lowering", name);
        var jaxpr = closed.Jaxpr;
        var env = new Dictionary<Var, LValue>();
        for (var i = 0; i < jaxpr.ConstVars.Length; i++)
        {
            var value = closed.Consts[i];
            // Only scalars can become constants of a kernel expression; a combiner closing over an array has no place here.
            if (value.Ndim != 0 || !value.IsConcrete)
                throw new NotSupportedException($"{name}: the computation closes over an array {value.Aval.Str()}; only scalars can be lowered");
            env[jaxpr.ConstVars[i]] = LoweringContext.Constant(value.Aval, value.ToScalars()[0]);
        }
        for (var i = 0; i < inputs.Length; i++) env[jaxpr.InVars[i]] = inputs[i];
        LValue Read(Atom a) => a is Literal lit ? LoweringContext.Constant(lit.Aval, lit.Value) : env[(Var)a];
        foreach (var eqn in jaxpr.Eqns)
        {
            var outs = eqn.Primitive.Lower(context, eqn.Inputs.Select(Read).ToArray(), eqn.Params, eqn.Outputs.Select(o => o.Aval).ToArray());
            for (var k = 0; k < outs.Length; k++) env[eqn.Outputs[k]] = outs[k];
        }
        return jaxpr.Outputs.Select(Read).ToArray();
    }
}
