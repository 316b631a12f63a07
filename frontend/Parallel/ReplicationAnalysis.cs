using JaxNet.Core;

namespace JaxNet.Parallel;

/// <summary>
/// Which values of a pmapped member's program can differ between the members of its axis. A mapped argument does,
/// and so does axis_index, ppermute, all_to_all and psum_scatter; psum, pmax, pmin and all_gather over the axis give every member
/// the same value; any other equation differs wherever one of its inputs does. An equation with programs inside
/// (cond, while, scan, a nested pmap) is taken to differ if any input differs, or if its programs ask for the
/// axis's position or permute over it: a conservative answer, never a wrong "same".
/// </summary>
internal static class ReplicationAnalysis
{
    /// <summary>For each output of <paramref name="jaxpr"/>, whether it may differ between the members of
    /// <paramref name="axisName"/>, given which inputs are mapped.</summary>
    public static bool[] VaryingOutputs(Jaxpr jaxpr, bool[] mappedInputs, string axisName)
    {
        var varying = new HashSet<Var>();
        for (var i = 0; i < jaxpr.InVars.Length; i++)
            if (mappedInputs[i]) varying.Add(jaxpr.InVars[i]);
        foreach (var eqn in jaxpr.Eqns)
        {
            var anyInput = eqn.Inputs.Any(a => a is Var v && varying.Contains(v));
            var varies = eqn.Primitive switch
            {
                AllReducePrimitive or AllGatherPrimitive when OverAxis(eqn.Params, axisName) => false,
                AxisIndexPrimitive or PpermutePrimitive or AllToAllPrimitive or ReduceScatterPrimitive when OverAxis(eqn.Params, axisName) => true,
                _ => anyInput || Inner(eqn.Params).Any(j => IntroducesVariation(j.Jaxpr, axisName)),
            };
            if (varies) varying.UnionWith(eqn.Outputs);
        }
        return jaxpr.Outputs.Select(o => o is Var v && varying.Contains(v)).ToArray();
    }

    /// <summary>Whether a collective's axes include <paramref name="axisName"/>: a psum over ('data', 'model') makes a
    /// value the same along each of them.</summary>
    private static bool OverAxis(Params p, string axisName) =>
        p.Entries.Any(e => e.Key == "axis_name" && e.Value is AxisNames axes && axes.Contains(axisName));

    private static bool IntroducesVariation(Jaxpr jaxpr, string axisName) => jaxpr.Eqns.Any(e =>
        e.Primitive is AxisIndexPrimitive or PpermutePrimitive or AllToAllPrimitive or ReduceScatterPrimitive && OverAxis(e.Params, axisName)
        || Inner(e.Params).Any(j => IntroducesVariation(j.Jaxpr, axisName)));

    private static IEnumerable<ClosedJaxpr> Inner(Params p) => p.Entries.SelectMany(e => e.Value switch
    {
        ClosedJaxpr j => [j],
        ClosedJaxpr[] js => js,
        _ => Array.Empty<ClosedJaxpr>(),
    });
}
