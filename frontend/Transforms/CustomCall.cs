using JaxNet.Core;
using JaxNet.Lowering;

namespace JaxNet.Transforms;

/// <summary>
/// What a staged custom-derivative call does under the transformations that meet it later, over all its inputs
/// (the values its function closes over first): <see cref="Jvp"/> applies the user's rule, <see cref="Call"/>
/// re-enters the custom-derivative dispatch (a vmap uses it to vmap the function and its rules).
/// </summary>
internal sealed record CustomCallRules(Func<NDArray[], NDArray[], (NDArray[] Primals, NDArray?[] Tangents)> Jvp, Func<NDArray[], NDArray[]> Call)
{
    public override string ToString() => "rules";
}

/// <summary>
/// custom_jvp_call and custom_vjp_call (JAX's names): a custom-derivative function staged into a jaxpr (a Jit, a loop
/// body, a branch) with its function traced (<c>call_jaxpr</c>, the values it closes over first: <c>num_consts</c>)
/// and its rules kept. Differentiating that jaxpr later (the gradient of a scan whose body calls Relu) applies the
/// rules, as a JVP on top of the call itself would; without the primitive the staged function would be
/// differentiated as written. Lowering inlines the function (<see cref="Inline"/>, before simplification), so
/// kernels are the same as without it. Values the function closes over are constants to the rules, as in JAX.
/// </summary>
internal sealed class CustomCallPrimitive(string name) : Primitive(name)
{
    public static readonly CustomCallPrimitive JvpCall = new("custom_jvp_call");
    public static readonly CustomCallPrimitive VjpCall = new("custom_vjp_call");

    /// <summary>lax.composite: a named decomposition (<see cref="Jax.Lax.Composite(Func{NDArray[], NDArray[]}, string, IReadOnlyDictionary{string, object}?, int)"/>),
    /// whose rules go through the decomposition.</summary>
    public static readonly CustomCallPrimitive Composite = new("composite");

    /// <summary>Stages a custom-JVP function at <paramref name="args"/> (tracers of a staging trace).</summary>
    public static NDArray[] BindJvp(Func<NDArray[], NDArray[]> f, Func<NDArray[], NDArray[], (NDArray[] Primals, NDArray[] Tangents)> rule,
        NDArray[] args)
    {
        var (call, closedOver) = TraceClosed(f, args);
        var own = closedOver.Length;
        Func<NDArray[], NDArray[]> fAll = a => JaxprEval.Eval(call, a);
        Func<NDArray[], NDArray[], (NDArray[], NDArray[])> ruleAll = (p, t) => rule(p[own..], t[own..]);
        var rules = new CustomCallRules((p, t) => CustomDerivatives.CheckedRuleResult(ruleAll(p, t)),
            a => CustomDerivatives.CallCustomJvp(fAll, ruleAll, a));
        return JvpCall.Bind(Params.Of(("call_jaxpr", call), ("num_consts", own), ("rules", rules)), [.. closedOver, .. args]);
    }

    /// <summary>Stages a custom-VJP function at <paramref name="args"/> (tracers of a staging trace); the values it
    /// closes over get zero cotangents.</summary>
    public static NDArray[] BindVjp(Func<NDArray[], (NDArray[] Outputs, NDArray[] Residuals)> forward,
        Func<NDArray[], NDArray[], NDArray[]> backward, Func<NDArray[], NDArray[], NDArray[]>? forwardTangents, string name,
        Func<NDArray[], NDArray[]> f, NDArray[] args)
    {
        var (call, closedOver) = TraceClosed(f, args);
        var own = closedOver.Length;
        var closedAvals = closedOver.Select(c => c.Aval.Strong()).ToArray();
        Func<NDArray[], NDArray[]> fAll = a => JaxprEval.Eval(call, a);
        Func<NDArray[], (NDArray[], NDArray[])> forwardAll = a => forward(a[own..]);
        Func<NDArray[], NDArray[], NDArray[]> backwardAll = (r, ct) => [.. closedAvals.Select(Tangents.Zeros), .. backward(r, ct)];
        Func<NDArray[], NDArray[], NDArray[]>? tangentsAll = forwardTangents is null ? null : (p, t) => forwardTangents(p[own..], t[own..]);
        var rules = new CustomCallRules(
            (p, t) => CustomDerivatives.CustomVjpJvp(fAll, forwardAll, backwardAll, tangentsAll, name, p, t),
            a => CustomDerivatives.CallCustomVjp(fAll, forwardAll, backwardAll, tangentsAll, name, a));
        return VjpCall.Bind(Params.Of(("call_jaxpr", call), ("num_consts", own), ("rules", rules)), [.. closedOver, .. args]);
    }

    // The function traced, closure-converted: every value it closes over (concrete ones too) becomes a leading input,
    // so the staged function has no constants and lowers without buffers of its own.
    internal static (ClosedJaxpr Call, NDArray[] ClosedOver) TraceClosed(Func<NDArray[], NDArray[]> f, NDArray[] args)
    {
        var traced = ClosureTracing.Trace(f, args.Select(a => a.Aval.Strong()).ToArray(), "custom_call", null);
        var j = traced.Jaxpr.Jaxpr;
        var call = new ClosedJaxpr(new Jaxpr([], [.. j.ConstVars, .. j.InVars], j.Eqns, j.Outputs), []);
        return (call, [.. traced.Jaxpr.Consts, .. traced.Hoisted]);
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

    /// <summary>
    /// A custom-derivative function applied to tangents (a JVP rule that calls the function itself, as solve's does)
    /// lands in the linear part of a gradient: it is transposed as its function, which is linear in those inputs.
    /// The part that depends only on the known inputs (a factorization) runs now; the rest is transposed.
    /// </summary>
    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p)
    {
        var call = p.Get<ClosedJaxpr>("call_jaxpr");
        var linear = operands.Select(o => o is null).ToArray();
        var split = PartialEvalJaxpr.Split(call, linear, new bool[call.OutAvals.Length]);
        var knownResults = JaxprEval.Eval(split.Known, operands.Where(o => o is not null).ToArray()!);
        var residuals = knownResults[^split.Residuals.Length..];
        var unknownInputs = linear.Count(l => l);
        var transposed = TransposeJaxpr.Transpose(split.Unknown,
            [.. Enumerable.Repeat(false, residuals.Length), .. Enumerable.Repeat(true, unknownInputs)]);
        var outputCotangents = cotangents.Where((_, k) => split.OutUnknown[k]).ToArray();
        var linearCotangents = JaxprEval.Eval(transposed, [.. residuals, .. outputCotangents]);
        var results = new NDArray?[operands.Length];
        for (int i = 0, k = 0; i < operands.Length; i++)
            if (linear[i]) results[i] = linearCotangents[k++];
        return results;
    }

    /// <summary>Eagerly (a branch of a vmapped cond evaluated on concrete values, say): the function's equations one by
    /// one when it holds control flow, which no single kernel module can; otherwise one fused module. Found once per
    /// staged function, not per call.</summary>
    internal static bool NeedsHost(Params p) =>
        (bool)NeedsHostByCall.GetValue(p.Get<ClosedJaxpr>("call_jaxpr"), call => call.Jaxpr.Eqns.Any(e =>
            e.Primitive is Primitives.ControlFlowPrimitive or Parallel.CollectivePrimitive || e.Primitive is CustomCallPrimitive && NeedsHost(e.Params)));

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ClosedJaxpr, object> NeedsHostByCall = new();

    public override (NDArray[] Primals, NDArray?[] Tangents) Jvp(NDArray[] primals, NDArray?[] tangents, Params p)
    {
        var instantiated = tangents.Select((t, i) => Tangents.Instantiate(t, primals[i].Aval.Strong())).ToArray();
        return p.Get<CustomCallRules>("rules").Jvp(primals, instantiated);
    }

    /// <summary>The function and its rules, vmapped, called one level down (which stages a new call if a staging
    /// trace is there).</summary>
    public override (NDArray[] Outputs, int?[] Axes) Batch(NDArray[] inputs, int?[] axes, Params p)
    {
        var outputs = BatchingVmap.Apply(p.Get<CustomCallRules>("rules").Call, inputs, axes, [0], Name,
            [.. Enumerable.Range(0, inputs.Length).Select(i => $"#{i}")]);
        return (outputs, outputs.Select(_ => (int?)0).ToArray());
    }

    /// <summary>The jaxpr with every custom call replaced by its function's equations (recursively), for lowering:
    /// fusion then sees one program, as if the calls had never been staged.</summary>
    public static ClosedJaxpr Inline(ClosedJaxpr closed)
    {
        if (!closed.Jaxpr.Eqns.Any(e => e.Primitive is CustomCallPrimitive)) return closed;
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
            var outputs = eqn.Primitive is CustomCallPrimitive
                ? EvalInlined(eqn.Params.Get<ClosedJaxpr>("call_jaxpr").Jaxpr, [], inputs)
                : eqn.Primitive.Bind(eqn.Params, inputs);
            for (var k = 0; k < outputs.Length; k++) env[eqn.Outputs[k]] = outputs[k];
        }
        return jaxpr.Outputs.Select(a => JaxprEval.Read(env, a)).ToArray();
    }
}
