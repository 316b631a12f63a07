namespace JaxNet.Core;

/// <summary>
/// The staging interpreter: every primitive applied to its tracers is recorded as an equation instead of run.
/// Concrete arrays that reach it become constant variables (scalars from C# literals become literals), and
/// tracers of lower levels are captured the same way. Used by make_jaxpr and jit.
/// </summary>
internal sealed class JaxprTrace(MainTrace main, JaxprBuilder builder) : Trace(main)
{
    public JaxprBuilder Builder { get; } = builder;

    public override Tracer Pure(NDArray value) => Builder.Constant(this, value);

    public override Tracer Lift(Tracer tracer) => Builder.Constant(this, NDArray.FromTracer(tracer));

    public override Tracer[] ProcessPrimitive(Primitive primitive, Tracer[] tracers, Params p)
    {
        var inputs = new Atom[tracers.Length];
        var avals = new ShapedArray[tracers.Length];
        for (var i = 0; i < tracers.Length; i++)
        {
            var t = (JaxprTracer)tracers[i];
            inputs[i] = t.Atom;
            avals[i] = t.Aval;
        }
        var outAvals = primitive.AbstractEval(avals, p);
        var outVars = outAvals.Select(a => new Var(a)).ToArray();
        Builder.Eqns.Add(new JaxprEqn(primitive, inputs, p, outVars) { NameStack = NameScopes.Current });
        return outVars.Select(v => (Tracer)new JaxprTracer(this, v)).ToArray();
    }
}

/// <summary>A tracer of the staging interpreter: stands for a jaxpr variable or literal.</summary>
internal sealed class JaxprTracer(Trace trace, Atom atom) : Tracer(trace)
{
    public Atom Atom { get; } = atom;

    public override ShapedArray Aval => Atom.Aval;
}

/// <summary>Collects the equations, constants and inputs of a jaxpr while it is traced.</summary>
internal sealed class JaxprBuilder
{
    private readonly Dictionary<NDArray, Var> constVars = new(ReferenceEqualityComparer.Instance);

    public List<JaxprEqn> Eqns { get; } = [];

    public List<Var> InVars { get; } = [];

    public List<(Var Var, NDArray Value)> Consts { get; } = [];

    public JaxprTracer NewArgument(JaxprTrace trace, ShapedArray aval)
    {
        var v = new Var(aval);
        InVars.Add(v);
        return new JaxprTracer(trace, v);
    }

    public JaxprTracer Constant(JaxprTrace trace, NDArray value)
    {
        if (value.LiteralValue is { } scalar) return new JaxprTracer(trace, new Literal(scalar, value.Aval));
        if (!constVars.TryGetValue(value, out var v))
        {
            v = new Var(value.Aval);
            constVars[value] = v;
            Consts.Add((v, value));
        }
        return new JaxprTracer(trace, v);
    }

    public ClosedJaxpr Build(IEnumerable<Tracer> outputs, JaxprTrace trace)
    {
        var outAtoms = outputs.Select(o => o is JaxprTracer t && t.Trace.Main == trace.Main
            ? t.Atom
            : throw new InvalidOperationException("an output of the traced function is not a value of this trace")).ToArray();
        var jaxpr = new Jaxpr(Consts.Select(c => c.Var).ToArray(), InVars.ToArray(), Eqns.ToArray(), outAtoms);
        return new ClosedJaxpr(jaxpr, Consts.Select(c => c.Value).ToArray());
    }
}

/// <summary>Traces a function of arrays to a closed jaxpr (JAX's make_jaxpr).</summary>
internal static class Tracing
{
    public static ClosedJaxpr ToJaxpr(Func<NDArray[], NDArray[]> f, ShapedArray[] inAvals, string transformation, string? function)
    {
        var builder = new JaxprBuilder();
        using var scope = TraceStack.NewMain(transformation, function, m => new JaxprTrace(m, builder), dynamicTrace: true);
        var trace = (JaxprTrace)scope.Main.NewTrace();
        var args = inAvals.Select(a => NDArray.FromTracer(builder.NewArgument(trace, a))).ToArray();
        var outs = f(args);
        // Outputs that are constants or tracers of an outer level are raised into this trace.
        var tracers = outs.Select(o => o.Tracer is { } t && t.Trace.Main == scope.Main ? t : trace.Pure(o)).ToArray();
        return builder.Build(tracers, trace);
    }
}
