using JaxNet.Core;

namespace JaxNet.Transforms;

/// <summary>
/// Partial evaluation (Autodidax's PartialEvalTrace): values are known (computed now, at the level below) or
/// unknown (staged into a jaxpr). A primitive whose inputs are all known runs; one with an unknown input is
/// recorded, its known inputs becoming constants. Under a JVP whose primals are known and tangents unknown, this
/// splits the computation into the primal evaluation and the linear jaxpr of the tangents: linearize.
/// </summary>
internal sealed class PartialEvalTrace(MainTrace main, PartialEvalState state) : Trace(main)
{
    public PartialEvalState State { get; } = state;

    public override Tracer Pure(NDArray value) => new PartialEvalTracer(this, value, null);

    public override Tracer Lift(Tracer tracer) => new PartialEvalTracer(this, NDArray.FromTracer(tracer), null);

    public override Tracer[] ProcessPrimitive(Primitive primitive, Tracer[] tracers, Params p)
    {
        var inputs = tracers.Cast<PartialEvalTracer>().ToArray();
        if (inputs.All(t => t.IsKnown))
        {
            var outputs = primitive.Bind(p, inputs.Select(t => t.Value!).ToArray());
            return outputs.Select(o => (Tracer)new PartialEvalTracer(this, o, null)).ToArray();
        }
        if (primitive is IPartialEvalRule rule) return rule.PartialEval(this, inputs, p);
        return Stage(primitive, inputs.Select(State.AtomOf).ToArray(), p);
    }

    /// <summary>Records an equation of the unknown part; its outputs are unknown.</summary>
    public Tracer[] Stage(Primitive primitive, Atom[] atoms, Params p)
    {
        var outAvals = primitive.AbstractEval(atoms.Select(a => a.Aval).ToArray(), p);
        var outVars = outAvals.Select(a => new Var(a)).ToArray();
        State.Eqns.Add(new JaxprEqn(primitive, atoms, p, outVars) { NameStack = NameScopes.Current });
        return outVars.Select(v => (Tracer)new PartialEvalTracer(this, null, v)).ToArray();
    }

    /// <summary>A known value of this trace.</summary>
    public Tracer Known(NDArray value) => new PartialEvalTracer(this, value, null);
}

/// <summary>A known value (<see cref="Value"/>) or an unknown one, standing for the jaxpr variable <see cref="Var"/>.</summary>
internal sealed class PartialEvalTracer : Tracer
{
    public PartialEvalTracer(Trace trace, NDArray? value, Var? variable) : base(trace)
    {
        Value = value;
        Var = variable;
    }

    public NDArray? Value { get; }

    public Var? Var { get; }

    public bool IsKnown => Value is not null;

    public override ShapedArray Aval => Value?.Aval ?? Var!.Aval;

    public override NDArray? TryConcrete() => Value is null ? null : Value.Tracer is null ? Value : Value.Tracer.TryConcrete();
}

/// <summary>The staged (unknown) part of a partial evaluation: its inputs, equations and captured constants.</summary>
internal sealed class PartialEvalState
{
    private readonly Dictionary<NDArray, Var> constVars = new(ReferenceEqualityComparer.Instance);

    public List<JaxprEqn> Eqns { get; } = [];

    public List<Var> InVars { get; } = [];

    public List<(Var Var, NDArray Value)> Consts { get; } = [];

    public PartialEvalTracer NewInput(PartialEvalTrace trace, ShapedArray aval)
    {
        var v = new Var(aval);
        InVars.Add(v);
        return new PartialEvalTracer(trace, null, v);
    }

    /// <summary>The jaxpr operand for a tracer: its variable, or its known value as a literal or constant.</summary>
    public Atom AtomOf(PartialEvalTracer tracer) => tracer.Var ?? ConstantAtom(tracer.Value!);

    public Atom ConstantAtom(NDArray value)
    {
        if (value.LiteralValue is { } scalar) return new Literal(scalar, value.Aval);
        if (!constVars.TryGetValue(value, out var v))
        {
            v = new Var(value.Aval);
            constVars[value] = v;
            Consts.Add((v, value));
        }
        return v;
    }

    /// <summary>The jaxpr computing <paramref name="outputs"/> from the inputs, without equations they do not need
    /// (equations run for their effect are always needed).</summary>
    public ClosedJaxpr Build(Atom[] outputs)
    {
        var live = new HashSet<Var>(outputs.OfType<Var>());
        var kept = new List<JaxprEqn>();
        for (var i = Eqns.Count - 1; i >= 0; i--)
        {
            var eqn = Eqns[i];
            if (!eqn.Primitive.HasEffect && !eqn.Outputs.Any(live.Contains)) continue;
            kept.Add(eqn);
            foreach (var input in eqn.Inputs.OfType<Var>()) live.Add(input);
        }
        kept.Reverse();
        var consts = Consts.Where(c => live.Contains(c.Var)).ToArray();
        var jaxpr = new Jaxpr(consts.Select(c => c.Var).ToArray(), InVars.ToArray(), kept.ToArray(), outputs);
        return new ClosedJaxpr(jaxpr, consts.Select(c => c.Value).ToArray());
    }
}
