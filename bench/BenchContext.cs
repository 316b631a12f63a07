using JaxNet.Abstractions;
using JaxNet.Bench.Timing;
using JaxNet.Runtime;

namespace JaxNet.Bench;

/// <summary>
/// What the workloads share: the timing plan and the cpu backend, loaded once through the process-wide plugin
/// host (the cpu plugin sits in plugins/ beside the runner), the same instance the frontend's rows use.
/// A backend that does not load is reported per row, not thrown.
/// </summary>
internal sealed class BenchContext(TimingPlan plan)
{
    private readonly Lazy<(IBackend? Backend, string? Error)> cpu = new(LoadCpu);

    public TimingPlan Plan { get; } = plan;

    /// <summary>The cpu backend, or null with <paramref name="reason"/> when its plugin cannot serve.</summary>
    public IBackend? TryGetCpu(out string? reason)
    {
        reason = cpu.Value.Error;
        return cpu.Value.Backend;
    }

    private static (IBackend?, string?) LoadCpu()
    {
        try
        {
            var backend = BackendRegistry.Default.TryGet("cpu", out var reason);
            return (backend, backend is null ? reason : null);
        }
        catch (Exception e) when (e is BackendUnavailableException or JaxNetConfigException or IOException)
        {
            return (null, e.Message);
        }
    }
}
