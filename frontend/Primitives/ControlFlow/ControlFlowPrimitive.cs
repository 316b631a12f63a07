using System.Runtime.CompilerServices;
using JaxNet.Abstractions;
using JaxNet.Core;
using JaxNet.Lowering;
using JaxNet.Runtime;

namespace JaxNet.Primitives;

/// <summary>A body of a control-flow primitive: its role ("cond", "body", "branch1") and its closed jaxpr.</summary>
public sealed record ControlBody(string Name, ClosedJaxpr Jaxpr);

/// <summary>
/// A higher-order primitive whose parameters hold closed jaxprs (branches, loop bodies) traced once on abstract
/// values, as JAX's cond, while and scan. It is never fused into a kernel module: eagerly and under Jit it runs on the
/// host, launching the compiled programs of its bodies (<see cref="HostProgram"/>) as often as the construct needs,
/// so loops stay loops. The jaxprs are public parameters so that the JVP and transpose rules can transform them.
/// </summary>
public abstract class ControlFlowPrimitive(string name) : Primitive(name)
{
    private readonly ConditionalWeakTable<Params, Dictionary<IBackend, HostProgram[]>> programs = new();

    /// <summary>True for a primitive that moves its inputs to devices it chooses (pmap): they may start on any.</summary>
    internal virtual bool PlacesItsInputs => false;

    /// <summary>The bodies to compile, in the order <see cref="Run"/> receives their programs.</summary>
    public abstract IReadOnlyList<ControlBody> Bodies(Params p);

    /// <summary>Runs the construct with its bodies' compiled programs on concrete arrays.</summary>
    internal abstract NDArray[] Run(HostProgram[] bodies, NDArray[] inputs, Params p, Device device);

    /// <summary>
    /// True when every result of <see cref="Run(HostProgram[], NDArray[], Params, Device)"/> is an array its bodies
    /// made or one of its inputs itself, never another array over an input's buffer: the program running it may then
    /// free a dying input it made once the construct has returned without it.
    /// </summary>
    internal virtual bool ResultsAreFreshOrInputs => false;

    /// <summary>
    /// <see cref="Run(HostProgram[], NDArray[], Params, Device)"/> within a program run: the inputs marked in
    /// <paramref name="donated"/> die here and were the run's alone, so the construct may write their buffers (a loop
    /// nested in a loop updates the outer carry in place); <paramref name="owned"/> marks the results it made and
    /// holds alone, each returned once. The default takes and gives nothing.
    /// </summary>
    internal virtual NDArray[] Run(HostProgram[] bodies, NDArray[] inputs, bool[] donated, Params p, Device device, out bool[] owned)
    {
        var results = Run(bodies, inputs, p, device);
        owned = new bool[results.Length];
        return results;
    }

    /// <summary>The parameters that are not jaxprs, for the program text (<c>length=10 reverse=False</c>).</summary>
    internal virtual string DescribeStatic(Params p) =>
        string.Join(" ", p.Entries.Where(e => e.Value is not (ClosedJaxpr or ClosedJaxpr[])).Select(e => e.Key + "=" + Params.Format(e.Value)));

    internal override LValue[] Lower(LoweringContext context, LValue[] inputs, Params p, ShapedArray[] outputs) =>
        throw new InvalidOperationException($"{Name} is run by the host program, not fused into a kernel module");

    /// <summary>Eager execution: the bodies are compiled once per parameters and backend, then run.</summary>
    internal NDArray[] Execute(NDArray[] inputs, Params p, Device device)
    {
        var byBackend = programs.GetOrCreateValue(p);
        HostProgram[] compiled;
        lock (byBackend)
        {
            if (!byBackend.TryGetValue(device.Backend, out compiled!))
            {
                var target = Lowering.LoweringTarget.For(device.Backend.Capabilities);
                compiled = Bodies(p).Select(b => HostProgram.LowerBody(b.Jaxpr, Name + "_" + b.Name, target)).ToArray();
                foreach (var program in compiled) program.Compile(device.Backend);
                byBackend[device.Backend] = compiled;
            }
        }
        return Run(compiled, inputs, p, device);
    }

    /// <summary>Reads a scalar predicate or index back to the host (the one synchronisation a loop step needs).</summary>
    internal static long ReadScalar(NDArray x) => (long)x.ToScalars()[0].AsDouble;

    /// <summary>
    /// Runs a loop's step program <paramref name="times"/> times from <paramref name="state"/>: output k of a step is
    /// input <paramref name="feedback"/>[k] of the next, the other inputs of <paramref name="args"/> (constants, xs) stay.
    /// <paramref name="owned"/> marks the state the loop holds alone, and then the final state's. From the second step
    /// on, a step program that is one launch writing its carries in place runs the remaining steps as that launch
    /// repeated (<see cref="RepeatedLaunch"/>); otherwise every step is a program run.
    /// </summary>
    internal static NDArray[] Iterate(HostProgram step, Device device, NDArray[] args, int[] feedback, NDArray[] state, ref bool[] owned,
        long times, NDArray[] given)
    {
        var donated = new bool[args.Length];
        var repeated = times > 1 ? step.Repeated(feedback) : null;
        for (long i = 0; i < times; i++)
        {
            for (var k = 0; k < state.Length; k++) (args[feedback[k]], donated[feedback[k]]) = (state[k], owned[k]);
            var rest = i > 0 && repeated is not null ? step.RunRepeated(repeated, device, args, donated, times - i, out owned) : null;
            var next = rest ?? step.Run(device, args, donated, out owned);
            Release(state, next, given);
            state = next;
            if (rest is not null) break;
        }
        return state;
    }

    /// <summary>
    /// Frees the arrays of an old loop state that the new state no longer holds (arrays the loop was given are the
    /// caller's and are kept), so that a long loop does not wait for the finalizer to release device memory.
    /// </summary>
    internal static void Release(NDArray[] old, NDArray[] next, NDArray[] given)
    {
        foreach (var x in old)
            if (!Holds(next, x) && !Holds(given, x)) x.Dispose();
    }

    private static bool Holds(NDArray[] arrays, NDArray x)
    {
        foreach (var a in arrays)
            if (ReferenceEquals(a, x)) return true;
        return false;
    }
}
