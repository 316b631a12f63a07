namespace JaxNet.Core;

/// <summary>
/// Traces the body of a control-flow construct (a branch, a loop body) to a closed jaxpr on abstract values, as
/// JAX does, and closure-converts it: values the body captures that are tracers of an enclosing transformation
/// (a Jit argument, a vmapped value) cannot live in the jaxpr's constants, so they become explicit leading inputs
/// (<see cref="Traced.Hoisted"/>) that the caller passes as operands of the primitive. Concrete captured arrays stay
/// constants of the closed jaxpr.
/// </summary>
internal static class ClosureTracing
{
    /// <summary>A traced body: its jaxpr takes the hoisted values first, then the body's own arguments.</summary>
    public sealed record Traced(ClosedJaxpr Jaxpr, NDArray[] Hoisted);

    public static Traced Trace(Func<NDArray[], NDArray[]> f, ShapedArray[] avals, string construct, string? function)
    {
        var closed = Tracing.ToJaxpr(f, avals, construct, function);
        var jaxpr = closed.Jaxpr;
        var keptVars = new List<Var>();
        var keptValues = new List<NDArray>();
        var hoistedVars = new List<Var>();
        var hoisted = new List<NDArray>();
        for (var i = 0; i < jaxpr.ConstVars.Length; i++)
        {
            if (closed.Consts[i].IsConcrete)
            {
                keptVars.Add(jaxpr.ConstVars[i]);
                keptValues.Add(closed.Consts[i]);
            }
            else
            {
                hoistedVars.Add(jaxpr.ConstVars[i]);
                hoisted.Add(closed.Consts[i]);
            }
        }
        var converted = new Jaxpr(keptVars.ToArray(), [.. hoistedVars, .. jaxpr.InVars], jaxpr.Eqns, jaxpr.Outputs);
        return new Traced(new ClosedJaxpr(converted, keptValues.ToArray()), hoisted.ToArray());
    }

    /// <summary>
    /// A traced body with extra inputs it ignores, so that branches traced separately take one common operand list
    /// (every branch's hoisted values, then the operands): <paramref name="before"/> go first,
    /// <paramref name="after"/> between the body's own hoisted inputs and its arguments.
    /// </summary>
    public static ClosedJaxpr WithUnusedInputs(Traced traced, ShapedArray[] before, ShapedArray[] after)
    {
        var j = traced.Jaxpr.Jaxpr;
        var own = traced.Hoisted.Length;
        Var[] inVars = [.. before.Select(a => new Var(a)), .. j.InVars.Take(own), .. after.Select(a => new Var(a)), .. j.InVars.Skip(own)];
        return new ClosedJaxpr(new Jaxpr(j.ConstVars, inVars, j.Eqns, j.Outputs), traced.Jaxpr.Consts);
    }
}
