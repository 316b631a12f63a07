using JaxNet.Core;
using JaxNet.Lowering;

namespace JaxNet.Transforms;

/// <summary>
/// User-defined derivatives (jax.custom_jvp, jax.custom_vjp) and rematerialization (jax.checkpoint).
/// They act where the JVP interpreter is the top of the stack among the arguments: a custom JVP rule replaces the
/// differentiation of the function; a custom VJP stages its backward function as the transpose of a
/// <see cref="CustomLinearPrimitive"/> in the linear jaxpr. A batching level on top vmaps the function and its
/// rules and calls them one level down (CustomDerivativesBatching.cs). Elsewhere (eager, jit, the body of a
/// control-flow primitive traced to a jaxpr) the function runs as written.
/// </summary>
internal static partial class CustomDerivatives
{
    public static NDArray[] CallCustomJvp(Func<NDArray[], NDArray[]> f, Func<NDArray[], NDArray[], (NDArray[] Primals, NDArray[] Tangents)> rule,
        NDArray[] args)
    {
        if (TopBatch(args) is { } batch) return BatchedCustomJvp(f, rule, batch.Trace, batch.Values, batch.Axes);
        var (trace, tracers) = TopJvp(args);
        if (trace is null)
        {
            if (KnownBelow(args, a => CallCustomJvp(f, rule, a)) is { } known) return known;
            return TopMain(args)?.NewTrace() is JaxprTrace ? CustomCallPrimitive.BindJvp(f, rule, args) : f(args);
        }
        var primals = tracers.Select(t => t.Primal).ToArray();
        if (tracers.All(t => t.Tangent is null)) return CallCustomJvp(f, rule, primals);
        var tangents = tracers.Select(t => Tangents.Instantiate(t.Tangent, t.Primal.Aval.Strong())).ToArray();
        var (primalsOut, tangentsOut) = CheckedRuleResult(rule(primals, tangents));
        return primalsOut.Select((y, i) => NDArray.FromTracer(new JvpTracer(trace, y, tangentsOut[i]))).ToArray();
    }

    /// <summary>A rule's outputs, checked: one tangent per output, of its output's type (none for outputs without
    /// a tangent space).</summary>
    public static (NDArray[] Primals, NDArray?[] Tangents) CheckedRuleResult((NDArray[] Primals, NDArray[] Tangents) result)
    {
        var (primalsOut, tangentsOut) = result;
        if (primalsOut.Length != tangentsOut.Length) throw new ArgumentException("custom JVP rule: as many tangents as primal outputs are needed");
        var checkedTangents = new NDArray?[primalsOut.Length];
        for (var i = 0; i < primalsOut.Length; i++)
        {
            Tangents.CheckLike(tangentsOut[i], primalsOut[i].Aval.Strong(), $"custom JVP rule: tangent output {i},");
            checkedTangents[i] = Tangents.HasTangentSpace(primalsOut[i].Aval) ? tangentsOut[i] : null;
        }
        return (primalsOut, checkedTangents);
    }

    /// <summary>
    /// Calls a function with a custom VJP. Under reverse mode (tangents staged by linearize), the tangent outputs
    /// are one custom-linear equation over the residuals of <paramref name="forward"/>, transposed by
    /// <paramref name="backward"/>. Pure forward mode uses <paramref name="forwardTangents"/> if there is one, else
    /// fails as in JAX.
    /// </summary>
    public static NDArray[] CallCustomVjp(Func<NDArray[], NDArray[]> f, Func<NDArray[], (NDArray[] Outputs, NDArray[] Residuals)> forward,
        Func<NDArray[], NDArray[], NDArray[]> backward, Func<NDArray[], NDArray[], NDArray[]>? forwardTangents, string name, NDArray[] args)
    {
        if (TopBatch(args) is { } batch)
            return BatchedCustomVjp(f, forward, backward, forwardTangents, name, batch.Trace, batch.Values, batch.Axes);
        var (trace, tracers) = TopJvp(args);
        if (trace is null)
            return TopMain(args)?.NewTrace() is JaxprTrace ? CustomCallPrimitive.BindVjp(forward, backward, forwardTangents, name, f, args) : f(args);
        var primals = tracers.Select(t => t.Primal).ToArray();
        if (tracers.All(t => t.Tangent is null)) return CallCustomVjp(f, forward, backward, forwardTangents, name, primals);
        var tangents = tracers.Select(t => Tangents.Instantiate(t.Tangent, t.Primal.Aval.Strong())).ToArray();
        var (outputs, tangentsOut) = CustomVjpJvp(f, forward, backward, forwardTangents, name, primals, tangents);
        return outputs.Select((y, i) => NDArray.FromTracer(new JvpTracer(trace, y, tangentsOut[i]))).ToArray();
    }

    /// <summary>
    /// The JVP of a custom-VJP function at primals with (instantiated) tangents. Under reverse mode (tangents staged by
    /// linearize), the tangent outputs are one custom-linear equation over the residuals of <paramref name="forward"/>,
    /// transposed by <paramref name="backward"/>. Pure forward mode uses <paramref name="forwardTangents"/> if there
    /// is one, else fails as in JAX.
    /// </summary>
    public static (NDArray[] Outputs, NDArray?[] Tangents) CustomVjpJvp(Func<NDArray[], NDArray[]> f,
        Func<NDArray[], (NDArray[] Outputs, NDArray[] Residuals)> forward, Func<NDArray[], NDArray[], NDArray[]> backward,
        Func<NDArray[], NDArray[], NDArray[]>? forwardTangents, string name, NDArray[] primals, NDArray[] tangents)
    {
        NDArray[] outputs;
        NDArray[] tangentsOut;
        // Tangents still being traced (a loop body's JVP, staged before partial evaluation splits it) may end up
        // transposed, so they get the custom-linear equation too, as in JAX: evaluating it forward fails then.
        var staged = tangents.Any(t => t.Tracer is not null and not PartialEvalTracer { IsKnown: true });
        if (tangents.Any(t => t.Tracer is PartialEvalTracer { IsKnown: false }) || (staged && forwardTangents is null))
        {
            (outputs, var residuals) = forward(primals);
            var p = Params.Of(("backward", new CustomBackward(backward, name)), ("residual_count", residuals.Length),
                ("out_avals", new AvalList(outputs.Select(o => o.Aval.Strong()).ToArray())));
            tangentsOut = CustomLinearPrimitive.Instance.Bind(p, [.. residuals, .. tangents]);
        }
        else if (forwardTangents is not null)
        {
            outputs = CallCustomVjp(f, forward, backward, forwardTangents, name, primals);
            tangentsOut = forwardTangents(primals, tangents);
        }
        else
        {
            throw new InvalidOperationException(
                $"can't apply forward-mode autodiff (jvp) to a custom_vjp function ({name}); use Jax.CustomJvp for forward mode");
        }
        return (outputs, outputs.Select((y, i) => Tangents.HasTangentSpace(y.Aval) ? tangentsOut[i] : null).ToArray());
    }

    /// <summary>
    /// jax.checkpoint: under reverse mode only the inputs are saved, and the backward pass recomputes the function's
    /// linearization from them (a custom VJP whose residuals are the arguments). Forward mode differentiates normally.
    /// </summary>
    public static NDArray[] CallCheckpoint(Func<NDArray[], NDArray[]> f, string name, NDArray[] args) =>
        CallCustomVjp(f, x => (f(x), x), (x, cts) => ReverseMode.Vjp(f, x, name).Pullback(cts), (x, t) => Instantiated(f, x, t, name), name,
            args);

    private static NDArray[] Instantiated(Func<NDArray[], NDArray[]> f, NDArray[] x, NDArray[] t, string name)
    {
        var (y, ty) = ForwardMode.Jvp(f, x, t, name);
        return ty.Select((v, i) => v ?? Tangents.Zeros(y[i].Aval.Strong())).ToArray();
    }

    /// <summary>
    /// Under partial evaluation (linearize) with every argument known, the call made one level down on the known
    /// values, whose outputs are known too; null otherwise. Running the function at the partial-evaluation level
    /// instead would hand its primitives, not the call, to the levels below, so a JVP there (the outer
    /// differentiation of grad of grad, when the rule calls the function itself) would differentiate the function
    /// as written rather than apply its rule. JAX's JaxprTrace.process_custom_jvp_call does the same.
    /// </summary>
    private static NDArray[]? KnownBelow(NDArray[] args, Func<NDArray[], NDArray[]> call)
    {
        if (TopMain(args) is not { } top || top.NewTrace() is not PartialEvalTrace trace) return null;
        var values = new NDArray[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].Tracer is not PartialEvalTracer t || t.Trace.Main != top) values[i] = args[i];
            else if (t.Value is { } known) values[i] = known;
            else return null;
        }
        return call(values).Select(o => NDArray.FromTracer(trace.Known(o))).ToArray();
    }

    // The JVP trace of the highest level among the arguments, if the highest is a JVP, with every argument raised to it.
    private static (JvpTrace? Trace, JvpTracer[] Tracers) TopJvp(NDArray[] args)
    {
        if (TopMain(args) is not { } top || top.NewTrace() is not JvpTrace trace) return (null, []);
        var tracers = args.Select(a => a.Tracer is JvpTracer t && t.Trace.Main == top
            ? t
            : (JvpTracer)(a.Tracer is null ? trace.Pure(a) : trace.Lift(a.Tracer))).ToArray();
        return (trace, tracers);
    }

    // The highest level among the arguments' tracers, null when none is traced.
    private static MainTrace? TopMain(NDArray[] args)
    {
        MainTrace? top = null;
        foreach (var a in args)
        {
            if (a.Tracer is not { } t) continue;
            if (!t.Trace.Main.IsActive) throw TraceStack.Leak(t, null);
            if (top is null || t.Trace.Main.Level > top.Level) top = t.Trace.Main;
        }
        return top;
    }
}

/// <summary>The backward function of a custom VJP, as a primitive parameter (compared by identity).</summary>
internal sealed record CustomBackward(Func<NDArray[], NDArray[], NDArray[]> Function, string Name)
{
    public override string ToString() => Name;
}

/// <summary>A list of avals as a primitive parameter, with value equality.</summary>
internal sealed class AvalList(ShapedArray[] avals) : IEquatable<AvalList>
{
    public ShapedArray[] Avals { get; } = avals;

    public bool Equals(AvalList? other) => other is not null && Avals.SequenceEqual(other.Avals);

    public override bool Equals(object? obj) => obj is AvalList a && Equals(a);

    public override int GetHashCode() => Avals.Aggregate(0, (h, a) => HashCode.Combine(h, a));

    public override string ToString() => "(" + string.Join(", ", Avals.Select(a => a.Str())) + ")";
}

/// <summary>
/// custom_lin (JAX's name): the tangent map of a custom-VJP function, linear in its tangent operands, whose
/// transpose is the user's backward function applied to the residuals. It appears only in linear jaxprs made by
/// linearize; evaluating it forward is not defined (JAX: custom_vjp functions do not support forward mode).
/// </summary>
internal sealed class CustomLinearPrimitive() : Primitive("custom_lin")
{
    public static readonly CustomLinearPrimitive Instance = new();

    public override ShapedArray[] AbstractEval(ShapedArray[] inputs, Params p) => p.Get<AvalList>("out_avals").Avals;

    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs) =>
        throw new NotSupportedException(
            $"the linearization of the custom_vjp function {p.Get<CustomBackward>("backward").Name} cannot be evaluated forward " +
            "(forward mode of custom_vjp functions is not supported, as in JAX); use its vjp");

    public override NDArray?[] Transpose(NDArray[] cotangents, NDArray?[] operands, ShapedArray[] operandAvals, Params p)
    {
        var count = p.Get<int>("residual_count");
        var residuals = operands.Take(count).Select(r => r ?? throw new InvalidOperationException("custom_lin: residuals must be known")).ToArray();
        var cts = p.Get<CustomBackward>("backward").Function(residuals, cotangents);
        var result = new NDArray?[operands.Length];
        for (var i = count; i < operands.Length; i++)
        {
            if (operands[i] is not null) continue;
            var ct = cts[i - count];
            Tangents.CheckLike(ct, operandAvals[i].Strong(), $"custom VJP backward of {p.Get<CustomBackward>("backward").Name}: cotangent {i - count},");
            result[i] = ct;
        }
        return result;
    }
}
