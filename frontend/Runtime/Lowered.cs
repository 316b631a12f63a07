using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Lowering;
using JaxNet.Runtime;

namespace JaxNet;

/// <summary>
/// A jitted function lowered for one signature (jax.stages.Lowered): the simplified jaxpr and its kernel module, or,
/// when the function has control flow (Lax.Cond, Lax.WhileLoop, Lax.Scan, ...), its host program: straight-line
/// segments, one kernel module each, and control nodes holding the modules of their bodies (each compiled once).
/// </summary>
public sealed class Lowered
{
    private Compiled? compiled;
    private readonly Lock gate = new();
    private readonly KernelModule? module;

    internal Lowered(ClosedJaxpr jaxpr, KernelModule module, Device device)
    {
        Jaxpr = jaxpr;
        this.module = module;
        Device = device;
    }

    internal Lowered(ClosedJaxpr jaxpr, HostProgram program, Device device)
    {
        Jaxpr = jaxpr;
        Program = program;
        Device = device;
    }

    /// <summary>Simplifies and lowers a traced program for <paramref name="device"/>'s backend: one module, or a host
    /// program of modules when it has control flow.</summary>
    /// <param name="donatedInputs">Positions of the jaxpr's inputs the caller donates at every call, or null.</param>
    internal static Lowered Of(ClosedJaxpr jaxpr, string name, Device device, IReadOnlySet<int>? donatedInputs = null)
    {
        var simplified = Simplifier.Simplify(jaxpr);
        var j = simplified.Jaxpr;
        var target = LoweringTarget.For(device.Backend.Capabilities);
        return HostProgram.Needed(j)
            ? new Lowered(simplified, HostProgram.Lower(j, [.. j.ConstVars, .. j.InVars], [], name, target), device)
            : new Lowered(simplified, JaxprLowering.Lower(j, name, target, donatedInputs), device);
    }

    /// <summary>The program after simplification (DCE, CSE, constant folding).</summary>
    public ClosedJaxpr Jaxpr { get; }

    /// <summary>The kernel module of a program without control flow (one with control flow has several: <see cref="Modules"/>).</summary>
    public KernelModule Module => module ?? throw new InvalidOperationException(
        "this program has control flow: it is a host program of several kernel modules (see Modules and AsText)");

    /// <summary>Every kernel module of the program, each once (a loop body's module once, however often it runs).</summary>
    public IReadOnlyList<KernelModule> Modules => Program is null ? [module!] : Program.Modules().ToArray();

    /// <summary>The host program of a function with control flow, else null.</summary>
    internal HostProgram? Program { get; }

    public Device Device { get; }

    /// <summary>The program after lowering: the kernel module's text, or the host program's structure with its modules.</summary>
    public string AsText() => Program?.ToText() ?? module!.ToText();

    /// <summary>Compiles the module(s) on the backend (once; later calls return the same executable).</summary>
    public Compiled Compile()
    {
        lock (gate)
        {
            if (compiled is not null) return compiled;
            if (Program is null) return compiled = new Compiled(this, Executor.Compile(Device.Backend, module!));
            Program.Compile(Device.Backend);
            return compiled = new Compiled(this, null);
        }
    }

    public override string ToString() => AsText();
}

/// <summary>One launched kernel of a compiled program: its name, kind, shape and the scalar ops it runs.</summary>
public sealed record KernelInfo(string Name, KernelKind Kind, string Ops)
{
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Name}: {Ops}";
}

/// <summary>
/// Flops and bytes a compiled program moves, estimated from its kernels (jax's cost_analysis), plus the figures its
/// backend measured or simulated, per kernel and in total, when the backend reports any (the TPU simulator's
/// <c>cycles</c>, <c>mxu_util</c>, <c>hbm_bytes</c>; see IExecutableMetrics).
/// </summary>
public sealed record CostAnalysis(double Flops, double BytesAccessed, double Transcendentals)
{
    public IReadOnlyDictionary<string, double> BackendTotals { get; init; } = new Dictionary<string, double>();

    public IReadOnlyList<IReadOnlyDictionary<string, double>> BackendKernels { get; init; } = [];
}

/// <summary>
/// A compiled program (jax.stages.Compiled): launches, text, kernels and costs. For a host program (control flow)
/// the kernels and costs are those of each module once: a loop's body counts once, not once per iteration.
/// </summary>
public sealed class Compiled
{
    private readonly Lowered lowered;

    internal Compiled(Lowered lowered, IExecutable? executable)
    {
        this.lowered = lowered;
        Executable = executable;
        Kernels = lowered.Modules.SelectMany(m => m.Kernels).Select(k => new KernelInfo(k.Name, k.Kind, CostModel.Ops(k))).ToArray();
    }

    /// <summary>The executable of a single-module program; null for a host program (its steps hold theirs).</summary>
    internal IExecutable? Executable { get; }

    /// <summary>One entry per kernel of the program, in order (each body's kernels once).</summary>
    public IReadOnlyList<KernelInfo> Kernels { get; }

    /// <summary>The program text followed by the backend's description of what it made of each module.</summary>
    public string AsText() => lowered.AsText() + "\n" + (Executable is { } e
        ? e.Describe()
        : string.Join("\n", lowered.Program!.Executables().Select(x => x.Describe())));

    public CostAnalysis CostAnalysis()
    {
        if (Executable is null)
            return lowered.Modules.Select(CostModel.Analyze).Aggregate(new CostAnalysis(0, 0, 0),
                (a, b) => new CostAnalysis(a.Flops + b.Flops, a.BytesAccessed + b.BytesAccessed, a.Transcendentals + b.Transcendentals));
        var estimate = CostModel.Analyze(lowered.Module);
        return Executable is IExecutableMetrics metrics
            ? estimate with { BackendTotals = metrics.TotalMetrics, BackendKernels = metrics.KernelMetrics }
            : estimate;
    }

    /// <summary>Runs on the dynamic arguments (constants are passed first, as module parameters).</summary>
    internal NDArray[] Execute(NDArray[] args, bool[]? donated = null) => ExecuteOn(lowered.Device, args, donated);

    /// <summary>Runs on <paramref name="target"/>, any device of the program's backend (pmap runs one program on
    /// each of its devices). The arguments marked in <paramref name="donated"/> are given up (jit's donateArgnums).</summary>
    internal NDArray[] ExecuteOn(Device target, NDArray[] args, bool[]? donated = null)
    {
        var parameters = lowered.Jaxpr.Consts.Concat(args).ToArray();
        var consts = parameters.Length - args.Length;
        var given = new bool[parameters.Length];
        if (donated is not null) Array.Copy(donated, 0, given, consts, args.Length);
        // Arguments on another device or backend (jit(f, backend="tpu-sim") called with arrays made on the default
        // backend) are copied to the program's device, as JAX does; the copies are freed once the launch is issued
        // (frees are stream-ordered, so the launch still reads them).
        List<NDArray>? copies = null;
        for (var i = 0; i < parameters.Length; i++)
        {
            var device = parameters[i].ResidentDevice;
            if (device is null || device.Equals(target)) continue;
            parameters[i] = Jax.DevicePut(parameters[i], target);
            (copies ??= []).Add(parameters[i]);
        }
        try
        {
            if (Executable is not null) return Executor.Run(Executable, target, parameters, lowered.Jaxpr.OutAvals, given);
            var results = lowered.Program!.Run(target, parameters, given, out _);
            // A host program may return an input as it is (a branch or loop that leaves it unchanged): keep such copies.
            copies?.RemoveAll(c => results.Contains(c, ReferenceEqualityComparer.Instance));
            return results;
        }
        finally
        {
            if (copies is not null) foreach (var copy in copies) copy.Dispose();
        }
    }
}
