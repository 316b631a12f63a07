namespace JaxNet.Core;

/// <summary>
/// Evaluates a closed jaxpr by binding each equation's primitive on the current interpreter stack (JAX's
/// eval_jaxpr): concretely at level 0, staged under a staging trace, batched under vmap. Control-flow rules use it
/// to inline a body (all branches of a batched cond, a batched body inside a new loop body).
/// </summary>
internal static class JaxprEval
{
    public static NDArray[] Eval(ClosedJaxpr closed, NDArray[] args)
    {
        var jaxpr = closed.Jaxpr;
        if (args.Length != jaxpr.InVars.Length)
            throw new ArgumentException($"a jaxpr of {jaxpr.InVars.Length} inputs was evaluated on {args.Length} arguments");
        var env = new Dictionary<Var, NDArray>();
        for (var i = 0; i < jaxpr.ConstVars.Length; i++) env[jaxpr.ConstVars[i]] = closed.Consts[i];
        for (var i = 0; i < args.Length; i++) env[jaxpr.InVars[i]] = args[i];
        NDArray Read(Atom a) => a is Literal lit ? NDArray.FromScalar(lit.Value, lit.Aval.Weak) : env[(Var)a];
        foreach (var eqn in jaxpr.Eqns)
        {
            var outs = eqn.Primitive.Bind(eqn.Params, eqn.Inputs.Select(Read).ToArray());
            for (var k = 0; k < outs.Length; k++) env[eqn.Outputs[k]] = outs[k];
        }
        return jaxpr.Outputs.Select(Read).ToArray();
    }
}
