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
    private readonly Var[] inputs;
    private readonly (Var Var, NDArray Value)[] constants;
    private readonly ProgramStep[] steps;
    private readonly Atom[] outputs;

    private HostProgram(string name, Var[] inputs, (Var, NDArray)[] constants, ProgramStep[] steps, Atom[] outputs)
    {
        Name = name;
        this.inputs = inputs;
        this.constants = constants;
        this.steps = steps;
        this.outputs = outputs;
    }

    public string Name { get; }

    /// <summary>True when <paramref name="jaxpr"/> needs a host program (it has a control-flow or collective equation).</summary>
    public static bool Needed(Jaxpr jaxpr) => jaxpr.Eqns.Any(e => e.Primitive is ControlFlowPrimitive or CollectivePrimitive);

    /// <summary>
    /// Lowers a simplified jaxpr whose inputs are <paramref name="inputs"/> (constants first, as module parameters),
    /// for a backend whose kernels touch at most <paramref name="maxBuffers"/> buffers.
    /// </summary>
    public static HostProgram Lower(Jaxpr jaxpr, Var[] inputs, (Var, NDArray)[] constants, string name, int maxBuffers)
    {
        var lastUse = new Dictionary<Var, int>();
        for (var i = 0; i < jaxpr.Eqns.Length; i++)
            foreach (var v in jaxpr.Eqns[i].Inputs.OfType<Var>()) lastUse[v] = i;
        foreach (var v in jaxpr.Outputs.OfType<Var>()) lastUse[v] = int.MaxValue;

        var steps = new List<ProgramStep>();
        var segment = new List<JaxprEqn>();
        void Flush(int end)
        {
            if (segment.Count == 0) return;
            steps.Add(SegmentStep.Lower(segment, lastUse, end, $"{name}_{steps.Count}", maxBuffers));
            segment.Clear();
        }
        for (var i = 0; i < jaxpr.Eqns.Length; i++)
        {
            var eqn = jaxpr.Eqns[i];
            if (eqn.Primitive is CollectivePrimitive)
            {
                Flush(i - 1);
                steps.Add(new CollectiveStep(eqn));
                continue;
            }
            if (eqn.Primitive is not ControlFlowPrimitive control)
            {
                segment.Add(eqn);
                continue;
            }
            Flush(i - 1);
            var bodies = control.Bodies(eqn.Params).Select((b, k) => LowerBody(b.Jaxpr, $"{name}_{steps.Count}_{b.Name}", maxBuffers)).ToArray();
            steps.Add(new ControlStep(eqn, control, bodies));
        }
        Flush(jaxpr.Eqns.Length - 1);
        return new HostProgram(name, inputs, constants, steps.ToArray(), jaxpr.Outputs);
    }

    /// <summary>Simplifies and lowers the closed jaxpr of a body (its constants are bound into the program).</summary>
    public static HostProgram LowerBody(ClosedJaxpr body, string name, int maxBuffers)
    {
        var simplified = Simplifier.Simplify(body);
        var j = simplified.Jaxpr;
        return Lower(j, j.InVars, j.ConstVars.Zip(simplified.Consts).ToArray(), name, maxBuffers);
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
        if (args.Length != inputs.Length) throw new ArgumentException($"program {Name} takes {inputs.Length} inputs, got {args.Length}");
        var env = new Dictionary<Var, NDArray>();
        var values = ConstantsOn(device);
        for (var k = 0; k < constants.Length; k++) env[constants[k].Var] = values[k];
        for (var i = 0; i < args.Length; i++) env[inputs[i]] = args[i];
        var held = new OwnedArrays();
        for (var i = 0; i < args.Length; i++)
            if (donated[i] && !args.Where((a, j) => j != i && ReferenceEquals(a, args[i])).Any()) held.Add(args[i]);
        foreach (var step in steps) step.Run(device, env, held);
        var results = outputs.Select(a => Read(env, a)).ToArray();
        owned = results.Select((r, i) => outputs[i] is Var && held.Contains(r) && results.Count(x => ReferenceEquals(x, r)) == 1).ToArray();
        return results;
    }

    /// <summary>The constants' copies per device (pmap runs one program on several devices, possibly at once).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Device, NDArray[]> placed = new();

    /// <summary>
    /// The constants on <paramref name="device"/>: a body's constants folded by the simplifier (a scan's zeros of empty
    /// ys, say) were computed eagerly on the default device, and a launch on another backend cannot read them. Copied
    /// once per device, not per iteration.
    /// </summary>
    private NDArray[] ConstantsOn(Device device) =>
        placed.GetOrAdd(device, d => constants.Select(c => c.Value.CommittedDevice is { } home && !home.Equals(d) ? Jax.DevicePut(c.Value, d) : c.Value).ToArray());

    internal static NDArray Read(Dictionary<Var, NDArray> env, Atom atom) =>
        atom is Literal lit ? NDArray.FromScalar(lit.Value, lit.Aval.Weak) : env[(Var)atom];

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

/// <summary>One step of a <see cref="HostProgram"/>: reads its inputs from the environment and binds its outputs.</summary>
internal abstract class ProgramStep
{
    public abstract void Run(Device device, Dictionary<Var, NDArray> env);

    /// <summary>Runs the step within a program run that holds <paramref name="owned"/>; a step that cannot say which
    /// arrays it keeps or returns drops them all.</summary>
    public virtual void Run(Device device, Dictionary<Var, NDArray> env, OwnedArrays owned)
    {
        owned.Clear();
        Run(device, env);
    }

    public abstract IEnumerable<KernelModule> Modules();

    public abstract IEnumerable<IExecutable> Executables();

    public abstract void Compile(IBackend backend);

    public abstract void Describe(StringBuilder s, int indent);
}

/// <summary>A straight-line run of equations lowered as one kernel module.</summary>
/// <remarks><paramref name="dying"/> marks the inputs no later step reads and the program does not return.</remarks>
internal sealed class SegmentStep(KernelModule module, Var[] inputs, Var[] outputs, bool[] dying) : ProgramStep
{
    private IExecutable? executable;

    public static SegmentStep Lower(List<JaxprEqn> eqns, Dictionary<Var, int> lastUse, int end, string name, int maxBuffers)
    {
        var defined = new HashSet<Var>(eqns.SelectMany(e => e.Outputs));
        var inputs = eqns.SelectMany(e => e.Inputs).OfType<Var>().Where(v => !defined.Contains(v)).Distinct().ToArray();
        var outputs = eqns.SelectMany(e => e.Outputs).Where(v => lastUse.TryGetValue(v, out var last) && last > end).ToArray();
        var module = JaxprLowering.Lower(new Jaxpr([], inputs, eqns.ToArray(), outputs), name, maxBuffers);
        var dying = inputs.Select(v => lastUse.TryGetValue(v, out var last) && last <= end).ToArray();
        return new SegmentStep(module, inputs, outputs, dying);
    }

    public override void Run(Device device, Dictionary<Var, NDArray> env) => Run(device, env, new OwnedArrays());

    /// <summary>
    /// Launches the module, donating the arguments of its aliased results that the run holds and that die here (a
    /// value read again later, or bound to another live variable, keeps its buffer).
    /// </summary>
    public override void Run(Device device, Dictionary<Var, NDArray> env, OwnedArrays owned)
    {
        var exe = executable ?? throw new InvalidOperationException($"module {module.Name} was not compiled");
        var args = inputs.Select(v => env[v]).ToArray();
        var donated = new bool[args.Length];
        foreach (var alias in module.Aliases)
            donated[alias.Parameter] = dying[alias.Parameter] && owned.Contains(args[alias.Parameter]);
        var results = Executor.Run(exe, device, args, outputs.Select(o => o.Aval).ToArray(), donated);
        for (var i = 0; i < args.Length; i++)
            if (donated[i]) owned.Remove(args[i]);
        for (var i = 0; i < outputs.Length; i++)
        {
            env[outputs[i]] = results[i];
            owned.Add(results[i]);
        }
    }

    public override IEnumerable<KernelModule> Modules() => [module];

    public override IEnumerable<IExecutable> Executables() => executable is null ? [] : [executable];

    public override void Compile(IBackend backend) => executable ??= Executor.Compile(backend, module);

    public override void Describe(StringBuilder s, int indent)
    {
        var pad = new string(' ', indent);
        foreach (var line in module.ToText().Split('\n')) s.Append(pad).Append(line).Append('\n');
    }
}

/// <summary>A control-flow equation: its primitive runs the compiled programs of its bodies on the host.</summary>
internal sealed class ControlStep(JaxprEqn eqn, ControlFlowPrimitive primitive, HostProgram[] bodies) : ProgramStep
{
    public override void Run(Device device, Dictionary<Var, NDArray> env)
    {
        var args = eqn.Inputs.Select(a => HostProgram.Read(env, a)).ToArray();
        var results = primitive.Run(bodies, args, eqn.Params, device);
        for (var i = 0; i < eqn.Outputs.Length; i++) env[eqn.Outputs[i]] = results[i];
    }

    /// <summary>The construct may return its inputs as they are (a loop that never runs): they are no longer the run's alone.</summary>
    public override void Run(Device device, Dictionary<Var, NDArray> env, OwnedArrays owned)
    {
        foreach (var a in eqn.Inputs.OfType<Var>()) owned.Remove(env[a]);
        Run(device, env);
    }

    public override IEnumerable<KernelModule> Modules() => bodies.SelectMany(b => b.Modules());

    public override IEnumerable<IExecutable> Executables() => bodies.SelectMany(b => b.Executables());

    public override void Compile(IBackend backend)
    {
        foreach (var body in bodies) body.Compile(backend);
    }

    public override void Describe(StringBuilder s, int indent)
    {
        s.Append(new string(' ', indent)).Append(primitive.Name).Append(' ').Append(primitive.DescribeStatic(eqn.Params)).Append(" {\n");
        foreach (var body in bodies) body.Describe(s, indent + 2);
        s.Append(new string(' ', indent)).Append("}\n");
    }
}
