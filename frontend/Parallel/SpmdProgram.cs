using JaxNet.Core;

namespace JaxNet.Parallel;

/// <summary>
/// A pmapped function's jaxpr as one program per device (SPMD): the equations between collectives form stages, each
/// simplified, fused and compiled once (as Jit does) and run on every device with that device's values; at a
/// collective every member's value is at hand and the backend's collectives run across the devices (and MPI across
/// processes, when the axis spans them).
/// </summary>
internal sealed class SpmdProgram
{
    private abstract record Step;

    /// <summary>A compiled stretch of equations: what it reads from earlier steps, and what it leaves for later ones.</summary>
    private sealed record Stage(Lowered Program, Var[] Reads, Var[] Writes) : Step;

    private sealed record Collective(JaxprEqn Eqn) : Step;

    private readonly ClosedJaxpr closed;
    private readonly List<Step> steps = [];

    public SpmdProgram(ClosedJaxpr closed, string name, IReadOnlyList<Device> devices)
    {
        this.closed = closed;
        var jaxpr = closed.Jaxpr;
        // Variables read at or after each equation (or returned): what a stage must hand on.
        var liveAfter = new HashSet<Var>[jaxpr.Eqns.Length + 1];
        liveAfter[jaxpr.Eqns.Length] = new HashSet<Var>(jaxpr.Outputs.OfType<Var>());
        for (var i = jaxpr.Eqns.Length - 1; i >= 0; i--)
            liveAfter[i] = new HashSet<Var>(liveAfter[i + 1].Concat(jaxpr.Eqns[i].Inputs.OfType<Var>()));
        var pending = new List<JaxprEqn>();
        for (var i = 0; i < jaxpr.Eqns.Length; i++)
        {
            var eqn = jaxpr.Eqns[i];
            if (eqn.Primitive is not CollectivePrimitive)
            {
                pending.Add(eqn);
                continue;
            }
            AddStage(pending, liveAfter[i], name, devices[0]);
            pending = [];
            steps.Add(new Collective(eqn));
        }
        AddStage(pending, liveAfter[jaxpr.Eqns.Length], name, devices[0]);
    }

    /// <summary>Runs this process's members of <paramref name="axis"/>; <paramref name="args"/>[d] are the arguments of
    /// the member on device d.</summary>
    public NDArray[][] Run(NDArray[][] args, AxisMembers axis)
    {
        var devices = axis.Devices;
        var jaxpr = closed.Jaxpr;
        var envs = new Dictionary<Var, NDArray>[devices.Count];
        for (var d = 0; d < envs.Length; d++)
        {
            envs[d] = [];
            for (var i = 0; i < jaxpr.ConstVars.Length; i++) envs[d][jaxpr.ConstVars[i]] = closed.Consts[i];
            for (var i = 0; i < jaxpr.InVars.Length; i++) envs[d][jaxpr.InVars[i]] = args[d][i];
        }
        foreach (var step in steps)
        {
            switch (step)
            {
                case Stage stage:
                    for (var d = 0; d < envs.Length; d++)
                    {
                        var env = envs[d];
                        var outputs = stage.Program.Compile().ExecuteOn(devices[d], stage.Reads.Select(v => env[v]).ToArray());
                        for (var k = 0; k < outputs.Length; k++) env[stage.Writes[k]] = outputs[k];
                    }
                    break;
                case Collective collective:
                    var eqn = collective.Eqn;
                    var members = envs.Select(env => eqn.Inputs.Select(a => Core.JaxprEval.Read(env, a)).ToArray()).ToArray();
                    var results = ((CollectivePrimitive)eqn.Primitive).RunAcross(members, eqn.Params, axis);
                    for (var d = 0; d < envs.Length; d++)
                        for (var k = 0; k < eqn.Outputs.Length; k++) envs[d][eqn.Outputs[k]] = results[d][k];
                    break;
            }
        }
        return envs.Select(env => jaxpr.Outputs.Select(a => Core.JaxprEval.Read(env, a)).ToArray()).ToArray();
    }

    private void AddStage(List<JaxprEqn> eqns, HashSet<Var> liveAfter, string name, Device device)
    {
        if (eqns.Count == 0) return;
        var defined = new HashSet<Var>(eqns.SelectMany(e => e.Outputs));
        var reads = eqns.SelectMany(e => e.Inputs).OfType<Var>().Where(v => !defined.Contains(v)).Distinct().ToArray();
        var writes = eqns.SelectMany(e => e.Outputs).Where(liveAfter.Contains).ToArray();
        if (writes.Length == 0) return;
        var stage = new ClosedJaxpr(new Jaxpr([], reads, eqns.ToArray(), writes), []);
        steps.Add(new Stage(Lowered.Of(stage, $"pmap_{name}_{steps.Count}", device), reads, writes));
    }
}
