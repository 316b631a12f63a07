using JaxNet.Core;

namespace JaxNet.Transforms;

/// <summary>
/// Partial evaluation of a closed jaxpr whose inputs are partly unknown (JAX's pe.partial_eval_jaxpr_nounits), for the
/// reverse-mode rules of control-flow primitives. <see cref="Known"/> takes the known inputs and returns (known
/// outputs..., residuals...); <see cref="Unknown"/> takes (residuals..., unknown inputs...) and returns the unknown
/// outputs. Residuals are the known values that the unknown part uses; concrete ones stay constants of
/// <see cref="Unknown"/>. <see cref="ResidualSource"/> gives, per residual, the known input it simply forwards
/// (index among the known inputs) or -1, so that a loop need not stack an invariant value.
/// </summary>
internal sealed record PartialEvalJaxpr(ClosedJaxpr Known, ClosedJaxpr Unknown, bool[] OutUnknown, ShapedArray[] Residuals, int[] ResidualSource)
{
    /// <summary>
    /// Splits <paramref name="closed"/>: an output is unknown when it depends on an unknown input, or when flagged in
    /// <paramref name="instantiate"/>. Traces the known part into a jaxpr while a partial-evaluation level above it
    /// stages the unknown part, so known equations land in <see cref="Known"/> and unknown ones in <see cref="Unknown"/>.
    /// </summary>
    public static PartialEvalJaxpr Split(ClosedJaxpr closed, bool[] unknown, bool[] instantiate)
    {
        var inAvals = closed.InAvals;
        var outUnknown = new bool[closed.OutAvals.Length];
        ClosedJaxpr? unknownJaxpr = null;
        var residualAvals = new List<ShapedArray>();
        var sources = new List<int>();
        var known = Tracing.ToJaxpr(knownArgs =>
        {
            var state = new PartialEvalState();
            using var scope = TraceStack.NewMain("partial_eval", null, m => new PartialEvalTrace(m, state));
            var trace = (PartialEvalTrace)scope.Main.NewTrace();
            var k = 0;
            var inputs = inAvals.Select((a, i) => NDArray.FromTracer(unknown[i] ? state.NewInput(trace, a)
                : new PartialEvalTracer(trace, knownArgs[k++], null))).ToArray();
            var outs = JaxprEval.Eval(closed, inputs);
            var knownOuts = new List<NDArray>();
            var unknownAtoms = new List<Atom>();
            for (var i = 0; i < outs.Length; i++)
            {
                var value = outs[i].Tracer is PartialEvalTracer t && t.Trace.Main == scope.Main ? t : null;
                if (value is { IsKnown: false }) unknownAtoms.Add(state.AtomOf(value));
                else
                {
                    var v = value?.Value ?? outs[i];
                    if (instantiate[i]) unknownAtoms.Add(state.ConstantAtom(v));
                    else knownOuts.Add(v);
                }
                outUnknown[i] = value is { IsKnown: false } || instantiate[i];
            }
            var staged = state.Build(unknownAtoms.ToArray());
            // Constants of the staged part that are values of the known trace are residuals: they become inputs.
            var j = staged.Jaxpr;
            var isResidual = staged.Consts.Select(c => !c.IsConcrete).ToArray();
            var residuals = JaxprRewrite.Pick(staged.Consts, isResidual);
            unknownJaxpr = new ClosedJaxpr(new Jaxpr(JaxprRewrite.Pick(j.ConstVars, isResidual, false),
                [.. JaxprRewrite.Pick(j.ConstVars, isResidual), .. j.InVars], j.Eqns, j.Outputs), JaxprRewrite.Pick(staged.Consts, isResidual, false));
            foreach (var r in residuals)
            {
                residualAvals.Add(r.Aval);
                sources.Add(Array.FindIndex(knownArgs, a => ReferenceEquals(a.Tracer, r.Tracer)));
            }
            return [.. knownOuts, .. residuals];
        }, JaxprRewrite.Pick(inAvals, unknown, false), "partial_eval", null);
        return new PartialEvalJaxpr(known, unknownJaxpr!, outUnknown, residualAvals.ToArray(), sources.ToArray());
    }
}

/// <summary>
/// A primitive with its own partial-evaluation rule (JAX's partial_eval_jaxpr_custom_rules / call_partial_eval_rules):
/// control flow, whose known part must run now and whose unknown part becomes a new primitive over residuals.
/// </summary>
internal interface IPartialEvalRule
{
    /// <summary>Called when some input is unknown; returns one tracer per output.</summary>
    Tracer[] PartialEval(PartialEvalTrace trace, PartialEvalTracer[] inputs, Params p);
}
