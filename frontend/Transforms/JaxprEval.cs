using JaxNet.Core;

namespace JaxNet.Transforms;

/// <summary>Evaluates a jaxpr by binding its equations on the current interpreter stack (JAX's eval_jaxpr).</summary>
internal static class JaxprEval
{
    public static NDArray[] Eval(Jaxpr jaxpr, NDArray[] consts, NDArray[] args)
    {
        var env = new Dictionary<Var, NDArray>();
        for (var i = 0; i < consts.Length; i++) env[jaxpr.ConstVars[i]] = consts[i];
        for (var i = 0; i < args.Length; i++) env[jaxpr.InVars[i]] = args[i];
        foreach (var eqn in jaxpr.Eqns)
        {
            var outputs = eqn.Primitive.Bind(eqn.Params, eqn.Inputs.Select(a => Read(env, a)).ToArray());
            for (var i = 0; i < outputs.Length; i++) env[eqn.Outputs[i]] = outputs[i];
        }
        return jaxpr.Outputs.Select(a => Read(env, a)).ToArray();
    }

    public static NDArray Read(Dictionary<Var, NDArray> env, Atom atom) => atom switch
    {
        Literal l => NDArray.FromScalar(l.Value, l.Aval.Weak),
        Var v => env[v],
        _ => throw new InvalidOperationException($"unknown atom {atom}"),
    };
}
