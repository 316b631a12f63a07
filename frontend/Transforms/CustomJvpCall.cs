using JaxNet.Core;
using JaxNet.Lowering;

namespace JaxNet.Transforms;

/// <summary>The rule of a custom-JVP function as a primitive parameter: (primals, tangents) to (outputs, tangents).</summary>
internal sealed record CustomJvpRule(Func<NDArray[], NDArray[], (NDArray[] Primals, NDArray[] Tangents)> Jvp)
{
    public override string ToString() => "jvp";
}

/// <summary>
/// custom_jvp_call (JAX's name): a custom-JVP function staged into a jaxpr (a Jit, a loop body, a branch) with its
/// function traced (<c>call_jaxpr</c>, the values it closes over first: <c>num_consts</c>) and its rule kept. A JVP
/// of that jaxpr later (the gradient of a scan whose body calls Relu) then applies the rule, as a JVP on top of
/// the call itself would; without the primitive the staged function would be differentiated as written. Lowering
/// inlines the function (<see cref="Inline"/>, before simplification), so kernels are the same as without it.
/// Values the function closes over are constants to the rule, as in JAX.
/// </summary>
internal sealed class CustomJvpCallPrimitive() : Primitive("custom_jvp_call")
{
    public static readonly CustomJvpCallPrimitive Instance = new();

    /// <summary>Stages <paramref name="f"/> at <paramref name="args"/> (tracers of a staging trace) with its rule.</summary>
    public static NDArray[] Bind(Func<NDArray[], NDArray[]> f, Func<NDArray[], NDArray[], (NDArray[] Primals, NDArray[] Tangents)> rule,
        NDArray[] args)
    {
        var traced = ClosureTracing.Trace(f, args.Select(a => a.Aval.Strong()).ToArray(), "custom_jvp", null);
        // Concrete constants become inputs too, so the staged function has none and lowers without buffers of its own.
        var j = traced.Jaxpr.Jaxpr;
        var call = new ClosedJaxpr(new Jaxpr([], [.. j.ConstVars, .. j.InVars], j.Eqns, j.Outputs), []);
        NDArray[] closedOver = [.. traced.Jaxpr.Consts, .. traced.Hoisted];
        var p = Params.Of(("call_jaxpr", call), ("num_consts", closedOver.Length), ("jvp", new CustomJvpRule(rule)));
        return Instance.Bind(p, [.. closedOver, .. args]);
    }

    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p) => p.Get<ClosedJaxpr>("call_jaxpr").OutAvals;

    /// <summary>Lowered where it stands (eager, or a jaxpr that did not pass through <see cref="Inline"/>): the
    /// function's equations one after another on the same context.</summary>
    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs)
    {
        var call = p.Get<ClosedJaxpr>("call_jaxpr");
        var env = new Dictionary<Var, LValue>();
        for (var i = 0; i < inputs.Length; i++) env[call.Jaxpr.InVars[i]] = inputs[i];
        LValue Read(Atom a) => a is Literal lit ? LoweringContext.Constant(lit.Aval, lit.Value) : env[(Var)a];
        foreach (var eqn in call.Jaxpr.Eqns)
        {
            var outs = eqn.Primitive.Lower(context, eqn.Inputs.Select(Read).ToArray(), eqn.Params, eqn.Outputs.Select(o => o.Aval).ToArray());
            for (var k = 0; k < outs.Length; k++) env[eqn.Outputs[k]] = outs[k];
        }
        return call.Jaxpr.Outputs.Select(Read).ToArray();
    }

    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p)
    {
        var own = p.Get<int>("num_consts");
        var args = primals[own..];
        var argTangents = tangents[own..].Select((t, i) => Tangents.Instantiate(t, args[i].Aval.Strong())).ToArray();
        var (outputs, outTangents) = p.Get<CustomJvpRule>("jvp").Jvp(args, argTangents);
        return CustomDerivatives.CheckedRuleResult((outputs, outTangents));
    }

    /// <summary>The function and its rule, vmapped, called one level down (which stages a new call if a staging
    /// trace is there).</summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var call = p.Get<ClosedJaxpr>("call_jaxpr");
        var own = p.Get<int>("num_consts");
        var rule = p.Get<CustomJvpRule>("jvp").Jvp;
        var (outputs, batched) = CustomDerivatives.BatchedCustomJvp(args => JaxprEval.Eval(call, args),
            (primals, tangents) => rule(primals[own..], tangents[own..]), inputs, axes);
        return (outputs, outputs.Select(_ => batched ? 0 : (int?)null).ToArray());
    }

    /// <summary>The jaxpr with every custom_jvp_call replaced by its function's equations (recursively), for
    /// lowering: fusion then sees one program, as if the calls had never been staged.</summary>
    public static ClosedJaxpr Inline(ClosedJaxpr closed)
    {
        if (!closed.Jaxpr.Eqns.Any(e => e.Primitive == Instance)) return closed;
        return Tracing.ToJaxpr(args => EvalInlined(closed.Jaxpr, closed.Consts, args), closed.Jaxpr.InVars.Select(v => v.Aval).ToArray(),
            "inline", null);
    }

    private static NDArray[] EvalInlined(Jaxpr jaxpr, IReadOnlyList<NDArray> consts, NDArray[] args)
    {
        var env = new Dictionary<Var, NDArray>();
        for (var i = 0; i < jaxpr.ConstVars.Length; i++) env[jaxpr.ConstVars[i]] = consts[i];
        for (var i = 0; i < args.Length; i++) env[jaxpr.InVars[i]] = args[i];
        foreach (var eqn in jaxpr.Eqns)
        {
            var inputs = eqn.Inputs.Select(a => JaxprEval.Read(env, a)).ToArray();
            var outputs = eqn.Primitive == Instance
                ? EvalInlined(eqn.Params.Get<ClosedJaxpr>("call_jaxpr").Jaxpr, eqn.Params.Get<ClosedJaxpr>("call_jaxpr").Consts, inputs)
                : eqn.Primitive.Bind(eqn.Params, inputs);
            for (var k = 0; k < outputs.Length; k++) env[eqn.Outputs[k]] = outputs[k];
        }
        return jaxpr.Outputs.Select(a => JaxprEval.Read(env, a)).ToArray();
    }
}
