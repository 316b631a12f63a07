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

    public CostAnalysis CostAnalysis()
    {
        var estimate = CostModel.Analyze(lowered.Module);
        return Executable is IExecutableMetrics metrics
            ? estimate with { BackendTotals = metrics.TotalMetrics, BackendKernels = metrics.KernelMetrics }
            : estimate;
    }

    /// <summary>Runs on the dynamic arguments (constants are passed first, as module parameters).</summary>
    internal NDArray[] Execute(NDArray[] args)
    {
        var parameters = lowered.Jaxpr.Consts.Concat(args).ToArray();
        // Arguments on another device or backend (jit(f, backend="tpu-sim") called with arrays made on the default
        // backend) are copied to the program's device, as JAX does; the copies are freed once the launch is issued
        // (frees are stream-ordered, so the launch still reads them).
        List<NDArray>? copies = null;
        for (var i = 0; i < parameters.Length; i++)
        {
            var device = parameters[i].CommittedDevice;
            if (device is null || device.Equals(lowered.Device)) continue;
            parameters[i] = Jax.DevicePut(parameters[i], lowered.Device);
            (copies ??= []).Add(parameters[i]);
        }
        try
        {
            return Executor.Run(Executable, lowered.Device, parameters, lowered.Jaxpr.OutAvals);
        }
        finally
        {
            if (copies is not null) foreach (var copy in copies) copy.Dispose();
        }
    }
}
