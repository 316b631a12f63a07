using System.Text;
using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Lowering;
using JaxNet.Parallel;
using JaxNet.Primitives;

namespace JaxNet.Runtime;

/// <summary>
/// A compiled jaxpr that contains control flow: a small program the host runs, made of steps in order. Straight-line
/// runs of equations become one kernel module each (lowered and fused like any jitted function); each control-flow
/// equation becomes a control step holding the programs of its bodies, compiled once, which the primitive launches
/// as often as it needs (the kernel IR is straight-line by design: control flow stays with the host); a collective
/// equation of a pmapped program becomes a step where the axis's members meet. Values flow
/// between steps as device arrays, asynchronously; only predicates and branch indices are read back.
/// </summary>
internal sealed class HostProgram
{
    private readonly int slotCount;
    private readonly int[] inputSlots;
    private readonly int[] constantSlots;
    private readonly NDArray[] constants;
    private readonly ProgramStep[] steps;
    private readonly Operand[] outputs;

    private HostProgram(string name, int slotCount, int[] inputSlots, (int Slot, NDArray Value)[] constants, ProgramStep[] steps,
        Operand[] outputs)
    {
        Name = name;
        this.slotCount = slotCount;
        this.inputSlots = inputSlots;
        constantSlots = constants.Select(c => c.Slot).ToArray();
        this.constants = constants.Select(c => c.Value).ToArray();
        this.steps = steps;
        this.outputs = outputs;
    }

    public string Name { get; }

    /// <summary>True when <paramref name="jaxpr"/> needs a host program (it has a control-flow or collective equation).</summary>
    public static bool Needed(Jaxpr jaxpr) => jaxpr.Eqns.Any(e => e.Primitive is ControlFlowPrimitive or CollectivePrimitive);

    /// <summary>
    /// Lowers a simplified jaxpr whose inputs are <paramref name="inputs"/> (constants first, as module parameters),
    /// for the backend <paramref name="target"/> describes.
    /// </summary>
    public static HostProgram Lower(Jaxpr jaxpr, Var[] inputs, (Var, NDArray)[] constants, string name, LoweringTarget target)
    {
        var lastUse = new Dictionary<Var, int>();
        for (var i = 0; i < jaxpr.Eqns.Length; i++)
            foreach (var v in jaxpr.Eqns[i].Inputs.OfType<Var>()) lastUse[v] = i;
        foreach (var v in jaxpr.Outputs.OfType<Var>()) lastUse[v] = int.MaxValue;

        var slots = new Dictionary<Var, int>();
        int SlotOf(Var v) => slots.TryGetValue(v, out var slot) ? slot : slots[v] = slots.Count;
        var constantSlots = constants.Select(c => (SlotOf(c.Item1), c.Item2)).ToArray();
        var inputSlots = inputs.Select(SlotOf).ToArray();

        var steps = new List<ProgramStep>();
        var segment = new List<JaxprEqn>();
        void Flush(int end)
        {
            if (segment.Count == 0) return;
            steps.Add(SegmentStep.Lower(segment, lastUse, end, SlotOf, $"{name}_{steps.Count}", target));
            segment.Clear();
        }
        for (var i = 0; i < jaxpr.Eqns.Length; i++)
        {
            var eqn = jaxpr.Eqns[i];
            if (eqn.Primitive is CollectivePrimitive)
            {
                Flush(i - 1);
                steps.Add(new CollectiveStep(eqn, Operands(eqn.Inputs, SlotOf), eqn.Outputs.Select(SlotOf).ToArray()));
                continue;
            }
            if (eqn.Primitive is not ControlFlowPrimitive control)
            {
                segment.Add(eqn);
                continue;
            }
            Flush(i - 1);
            var bodies = control.Bodies(eqn.Params).Select((b, k) => LowerBody(b.Jaxpr, $"{name}_{steps.Count}_{b.Name}", target)).ToArray();
            var dying = eqn.Inputs.Select(a => a is Var v && lastUse[v] == i && eqn.Inputs.Count(b => b == v) == 1).ToArray();
            var unread = eqn.Outputs.Select(v => !lastUse.ContainsKey(v)).ToArray();
            steps.Add(new ControlStep(eqn, control, bodies, Operands(eqn.Inputs, SlotOf), eqn.Outputs.Select(SlotOf).ToArray(), dying, unread));
        }
        Flush(jaxpr.Eqns.Length - 1);
        var outputs = Operands(jaxpr.Outputs, SlotOf);
        return new HostProgram(name, slots.Count, inputSlots, constantSlots, steps.ToArray(), outputs);
    }

    private static Operand[] Operands(IEnumerable<Atom> atoms, Func<Var, int> slotOf) => atoms.Select(a => Operand.Of(a, slotOf)).ToArray();

    /// <summary>Simplifies and lowers the closed jaxpr of a body (its constants are bound into the program).</summary>
    public static HostProgram LowerBody(ClosedJaxpr body, string name, LoweringTarget target)
    {
        var simplified = Simplifier.Simplify(body);
        var j = simplified.Jaxpr;
        return Lower(j, j.InVars, j.ConstVars.Zip(simplified.Consts).ToArray(), name, target);
    }

    /// <summary>Every kernel module of the program and its bodies, each once.</summary>
    public IEnumerable<KernelModule> Modules() => steps.SelectMany(s => s.Modules());

    /// <summary>Compiles every module on <paramref name="backend"/> (once).</summary>
    public void Compile(IBackend backend)
    {
        foreach (var step in steps) step.Compile(backend);
    }

    /// <summary>The executables of every module, in the order of <see cref="Modules"/>.</summary>
    public IEnumerable<IExecutable> Executables() => steps.SelectMany(s => s.Executables());

    /// <summary>Runs the program on <paramref name="device"/>; returns arrays that may still be computing.</summary>
    public NDArray[] Run(Device device, NDArray[] args) => Run(device, args, new bool[args.Length], out _);

    /// <summary>
    /// Runs the program, given up the arguments marked in <paramref name="donated"/> (a loop's carries from its previous
    /// iteration): their buffers may be written by the program's modules. <paramref name="owned"/> marks the results
    /// the caller may donate in turn: arrays this run made or was given up, each returned once.
    /// </summary>
    public NDArray[] Run(Device device, NDArray[] args, bool[] donated, out bool[] owned)
    {
        if (args.Length != inputSlots.Length) throw new ArgumentException($"program {Name} takes {inputSlots.Length} inputs, got {args.Length}");
        var frame = new ProgramFrame(slotCount);
        var values = ConstantsOn(device);
        for (var k = 0; k < values.Length; k++) frame.Bind(constantSlots[k], values[k], Holding.Shared);
        for (var i = 0; i < args.Length; i++) frame.Bind(inputSlots[i], args[i], donated[i] && OccursOnce(args, i) ? Holding.GivenUp : Holding.Shared);
        foreach (var step in steps) step.Run(device, frame);
        var results = new NDArray[outputs.Length];
        for (var i = 0; i < results.Length; i++) results[i] = frame.Read(outputs[i]);
        owned = new bool[results.Length];
        for (var i = 0; i < results.Length; i++) owned[i] = frame.Owns(outputs[i]) && OccursOnce(results, i);
        return results;
    }

    // A reference, written whole: pmap may run one program on several devices at once.
    private sealed record RepeatedPlan(int[] Feedback, RepeatedLaunch? Plan);

    private RepeatedPlan? repeated;

    /// <summary>
    /// The program as one launch a loop repeats on its own buffers, when its output j becomes its input
    /// <paramref name="feedback"/>[j] in the next iteration; null when it is not that shape (see <see cref="RepeatedLaunch"/>).
    /// </summary>
    internal RepeatedLaunch? Repeated(int[] feedback)
    {
        if (repeated is { } known && known.Feedback.AsSpan().SequenceEqual(feedback)) return known.Plan;
        var plan = RepeatedLaunch.Plan(steps, inputSlots, constantSlots, outputs, feedback);
        repeated = new RepeatedPlan(feedback, plan);
        return plan;
    }

    /// <summary>Runs the program <paramref name="times"/> times through <see cref="Repeated"/>'s plan; null when the
    /// plan declines these inputs (see <see cref="RepeatedLaunch.Run"/>).</summary>
    internal NDArray[]? RunRepeated(RepeatedLaunch plan, Device device, NDArray[] args, bool[] donated, long times, out bool[] owned) =>
        plan.Run(device, args, donated, ConstantsOn(device), times, out owned);

    /// <summary>True when <paramref name="arrays"/> holds its element <paramref name="i"/> nowhere else.</summary>
    internal static bool OccursOnce(NDArray[] arrays, int i)
    {
        for (var j = 0; j < arrays.Length; j++)
            if (j != i && ReferenceEquals(arrays[j], arrays[i])) return false;
        return true;
    }

    /// <summary>The constants' copies per device (pmap runs one program on several devices, possibly at once).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Device, NDArray[]> placed = new();

    /// <summary>
    /// The constants on <paramref name="device"/>: a body's constants folded by the simplifier (a scan's zeros of empty
    /// ys, say) were computed eagerly on the default device, and a launch on another backend cannot read them. Copied
    /// once per device, not per iteration.
    /// </summary>
    private NDArray[] ConstantsOn(Device device) =>
        constants.Length == 0 ? constants : placed.GetOrAdd(device, static (d, all) =>
            all.Select(c => c.ResidentDevice is { } home && !home.Equals(d) ? Jax.DevicePut(c, d) : c).ToArray(), constants);

    /// <summary>The program's structure with the text of each module, indented by nesting.</summary>
    public string ToText() => Describe(new StringBuilder(), 0).ToString();

    internal StringBuilder Describe(StringBuilder s, int indent)
    {
        var pad = new string(' ', indent);
        s.Append(pad).Append("program ").Append(Name).Append(" {\n");
        foreach (var step in steps) step.Describe(s, indent + 2);
        s.Append(pad).Append("}\n");
        return s;
    }
}
