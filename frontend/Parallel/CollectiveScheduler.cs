using JaxNet.Core;

namespace JaxNet.Parallel;

/// <summary>
/// Orders a pmapped program's top-level equations so that its members meet as rarely as possible, and combines
/// the all-reduces that can go together (XLA's all-reduce combiner): a training step's per-parameter gradient
/// psums become one psum of every gradient, so the compute before it stays one fused stretch and, across
/// processes, one MPI call carries them all. An equation's stage is the number of collectives on its longest
/// path of inputs; the program runs stage 0's compute, then stage 0's collectives, then stage 1's compute, and so
/// on, each stretch in its original order. axis_index communicates nothing and goes first. Equations are pure, so
/// any order that respects their inputs computes the same values; the cost is that gradients live until the
/// combined psum instead of each until its own.
/// </summary>
internal static class CollectiveScheduler
{
    public static ClosedJaxpr Schedule(ClosedJaxpr closed)
    {
        var jaxpr = closed.Jaxpr;
        if (jaxpr.Eqns.Count(e => e.Primitive is CollectivePrimitive and not AxisIndexPrimitive) < 2) return closed;
        var levels = new Dictionary<Var, int>();
        int Level(Atom a) => a is Var v && levels.TryGetValue(v, out var l) ? l : 0;
        var first = new List<JaxprEqn>();
        var compute = new List<List<JaxprEqn>>();
        var collectives = new List<List<JaxprEqn>>();
        List<JaxprEqn> At(List<List<JaxprEqn>> stages, int stage)
        {
            while (stages.Count <= stage) stages.Add([]);
            return stages[stage];
        }
        foreach (var eqn in jaxpr.Eqns)
        {
            var stage = eqn.Inputs.Select(Level).DefaultIfEmpty(0).Max();
            var communicates = eqn.Primitive is CollectivePrimitive and not AxisIndexPrimitive;
            if (eqn.Primitive is AxisIndexPrimitive) first.Add(eqn);
            else At(communicates ? collectives : compute, stage).Add(eqn);
            foreach (var o in eqn.Outputs) levels[o] = communicates ? stage + 1 : stage;
        }
        var ordered = new List<JaxprEqn>(first);
        for (var stage = 0; stage < Math.Max(compute.Count, collectives.Count); stage++)
        {
            ordered.AddRange(At(compute, stage));
            ordered.AddRange(Combine(At(collectives, stage)));
        }
        return new ClosedJaxpr(new Jaxpr(jaxpr.ConstVars, jaxpr.InVars, ordered.ToArray(), jaxpr.Outputs), closed.Consts);
    }

    /// <summary>One all-reduce per (reduction, axis) of the stage, with every operand; other collectives as they are.</summary>
    private static IEnumerable<JaxprEqn> Combine(List<JaxprEqn> stage)
    {
        foreach (var group in stage.GroupBy(e => e.Primitive is AllReducePrimitive ? (e.Primitive, e.Params) : (e.Primitive, (object)e)))
        {
            var eqns = group.ToArray();
            if (eqns.Length == 1 || eqns[0].Primitive is not AllReducePrimitive)
            {
                foreach (var e in eqns) yield return e;
                continue;
            }
            yield return eqns[0] with
            {
                Inputs = eqns.SelectMany(e => e.Inputs).ToArray(),
                Outputs = eqns.SelectMany(e => e.Outputs).ToArray(),
            };
        }
    }
}
