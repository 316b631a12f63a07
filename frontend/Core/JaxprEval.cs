namespace JaxNet.Core;

/// <summary>
/// Evaluates a jaxpr by binding each equation's primitive on the current interpreter stack (JAX's eval_jaxpr):
/// concretely at level 0, staged under a staging trace, differentiated under JVP, batched under vmap. Reverse mode
/// uses it to run linear jaxprs; control-flow rules to inline a body (all branches of a batched cond, a batched body
/// inside a new loop body).
/// </summary>
internal static class JaxprEval
{
    public static NDArray[] Eval(ClosedJaxpr closed, NDArray[] args) => Eval(closed.Jaxpr, closed.Consts, args);

    public static NDArray[] Eval(Jaxpr jaxpr, IReadOnlyList<NDArray> consts, NDArray[] args)
    {
        if (args.Length != jaxpr.InVars.Length)
            throw new ArgumentException($"a jaxpr of {jaxpr.InVars.Length} inputs was evaluated on {args.Length} arguments");
        var env = new Dictionary<Var, NDArray>();
        for (var i = 0; i < jaxpr.ConstVars.Length; i++) env[jaxpr.ConstVars[i]] = consts[i];
        for (var i = 0; i < args.Length; i++) env[jaxpr.InVars[i]] = args[i];
        foreach (var eqn in jaxpr.Eqns)
        {
            NDArray[] outputs;
            // Re-staged equations keep the scopes they were traced in, under whatever scopes are open now.
            using (NameScopes.Extend(eqn.NameStack))
                outputs = eqn.Primitive.Bind(eqn.Params, eqn.Inputs.Select(a => Read(env, a)).ToArray());
            for (var k = 0; k < outputs.Length; k++) env[eqn.Outputs[k]] = outputs[k];
        }
        return jaxpr.Outputs.Select(a => Read(env, a)).ToArray();
    }

    /// <summary>The value of an atom: a literal becomes a (weak when it was) scalar, a variable is looked up.</summary>
    public static NDArray Read(Dictionary<Var, NDArray> env, Atom atom) => atom switch
    {
        Literal l => NDArray.FromScalar(l.Value, l.Aval.Weak),
        Var v => env[v],
        _ => throw new InvalidOperationException($"unknown atom {atom}"),
    };
}
