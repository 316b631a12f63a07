using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Bench.Limits;

namespace JaxNet.Bench.Workloads;

/// <summary>
/// A workload run on the cpu backend through the ABI with a hand-built kernel module, bypassing the frontend
/// (its rows are labelled "JaxNet (kernel)"). The module is compiled once and its inputs uploaded once; a timed
/// call is one launch, waited for. The result is checked against a float64 reference before anything is
/// timed: the speed of a wrong kernel is not reported.
/// </summary>
internal abstract class KernelWorkload : IWorkload
{
    public const string Implementation = "JaxNet (kernel)";

    public abstract string Title { get; }

    public abstract string PeerKey { get; }

    public abstract Unit Unit { get; }

    public abstract Limit? LimitFrom(RooflineFigures roofline);

    /// <summary>The module to run and its parameters' contents, in <see cref="KernelModule.Parameters"/> order.</summary>
    protected abstract (KernelModule Module, float[][] Inputs) Build();

    /// <summary>Checks the results of one launch; returns what was checked, or throws <see cref="ResultMismatchException"/>.</summary>
    protected abstract string Check(KernelHarness harness, float[][] inputs);

    /// <summary>Converts seconds per launch to the row's unit.</summary>
    protected virtual double InUnit(double secondsPerCall) => Unit.FromSeconds(secondsPerCall);

    public JaxNetOutcome MeasureJaxNet(BenchContext context)
    {
        var backend = context.TryGetBackend(out var reason);
        if (backend is null) return JaxNetOutcome.NotAvailable(Implementation, $"the backend is unavailable: {reason}");
        try
        {
            var (module, inputs) = Build();
            using var harness = new KernelHarness(backend, module, inputs);
            harness.LaunchAndWait();
            var checkedWhat = Check(harness, inputs);
            var (best, median) = Timing.Sampler.SecondsPerCall(harness.LaunchAndWait, context.Plan);
            // For a rate the fastest sample gives the largest figure.
            return JaxNetOutcome.Measured(Implementation, new Measurement(InUnit(best), InUnit(median), checkedWhat));
        }
        catch (Exception e) when (e is ResultMismatchException or KernelCompilationException or InvalidKernelModuleException
                                      or DeviceOperationException or NotSupportedException)
        {
            return JaxNetOutcome.NotAvailable(Implementation, e.Message);
        }
    }

    /// <summary>Deterministic uniform floats in [-1, 1).</summary>
    protected static float[] Uniform(int count, int seed)
    {
        var random = new Random(seed);
        var data = new float[count];
        for (var i = 0; i < data.Length; i++) data[i] = random.NextSingle() * 2 - 1;
        return data;
    }

    /// <summary>Module buffers: the parameters, then the results, with their byte sizes.</summary>
    protected static BufferDecl[] Buffers(long[] parameterBytes, long[] resultBytes) =>
        parameterBytes.Select(b => (BufferRole.Parameter, b)).Concat(resultBytes.Select(b => (BufferRole.Result, b)))
            .Select((entry, id) => new BufferDecl(id, entry.Item1, entry.Item2)).ToArray();
}

/// <summary>A kernel's result differs from the float64 reference by more than the row's tolerance.</summary>
internal sealed class ResultMismatchException(string message) : Exception(message);
