using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using JaxNet.Runtime;

namespace JaxNet;

/// <summary>A jitted function lowered for one signature (jax.stages.Lowered): the simplified jaxpr and its kernel module.</summary>
public sealed class Lowered
{
    private Compiled? compiled;
    private readonly Lock gate = new();

    internal Lowered(ClosedJaxpr jaxpr, KernelModule module, Device device)
    {
        Jaxpr = jaxpr;
        Module = module;
        Device = device;
    }

    /// <summary>The program after simplification (DCE, CSE, constant folding).</summary>
    public ClosedJaxpr Jaxpr { get; }

    public KernelModule Module { get; }

    public Device Device { get; }

    /// <summary>The program after lowering: the kernel module's text.</summary>
    public string AsText() => Module.ToText();

    /// <summary>Compiles the module on its backend (once; later calls return the same executable).</summary>
    public Compiled Compile()
    {
        lock (gate) return compiled ??= new Compiled(this, Executor.Compile(Device.Backend, Module));
    }

    public override string ToString() => AsText();
}

/// <summary>One launched kernel of a compiled program: its name, kind, shape and the scalar ops it runs.</summary>
public sealed record KernelInfo(string Name, KernelKind Kind, string Ops)
{
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Name}: {Ops}";
}

/// <summary>Flops and bytes a compiled program moves, estimated from its kernels (jax's cost_analysis).</summary>
public sealed record CostAnalysis(double Flops, double BytesAccessed, double Transcendentals);

/// <summary>A compiled program (jax.stages.Compiled): launches, text, kernels and costs.</summary>
public sealed class Compiled
{
    private readonly Lowered lowered;

    internal Compiled(Lowered lowered, IExecutable executable)
    {
        this.lowered = lowered;
        Executable = executable;
        Kernels = lowered.Module.Kernels.Select(k => new KernelInfo(k.Name, k.Kind, CostModel.Ops(k))).ToArray();
    }

    internal IExecutable Executable { get; }

    /// <summary>One entry per kernel launched, in order.</summary>
    public IReadOnlyList<KernelInfo> Kernels { get; }

    /// <summary>The module text followed by the backend's description of what it made of it.</summary>
    public string AsText() => lowered.AsText() + "\n" + Executable.Describe();

    public CostAnalysis CostAnalysis() => CostModel.Analyze(lowered.Module);

    /// <summary>Runs on the dynamic arguments (constants are passed first, as module parameters).</summary>
    internal NDArray[] Execute(NDArray[] args)
    {
        var parameters = lowered.Jaxpr.Consts.Concat(args).ToArray();
        return Executor.Run(Executable, lowered.Device, parameters, lowered.Jaxpr.OutAvals);
    }
}
