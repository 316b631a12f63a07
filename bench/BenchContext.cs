using JaxNet.Abstractions;
using JaxNet.Bench.Timing;
using JaxNet.Runtime;

namespace JaxNet.Bench;

/// <summary>
/// What the workloads share: the timing plan and the backend JaxNet's rows run on (the default backend, which
/// <c>--backend</c> selects through JAXNET_PLATFORMS), loaded once through the process-wide plugin host (the plugins
/// sit in plugins/ beside the runner): the same instance the frontend's rows use.
/// A backend that does not load is reported per row, not thrown.
/// </summary>
internal sealed class BenchContext(TimingPlan plan, bool describe = false)
{
    private readonly Lazy<(IBackend? Backend, string? Error)> cpu = new(LoadDefault);

    public TimingPlan Plan { get; } = plan;

    /// <summary>Whether jitted rows print their compiled program after timing (<c>--describe</c>).</summary>
    public bool Describe { get; } = describe;

    /// <summary>The backend under test, or null with <paramref name="reason"/> when its plugin cannot serve.</summary>
    public IBackend? TryGetBackend(out string? reason)
    {
        reason = cpu.Value.Error;
        return cpu.Value.Backend;
    }

    private static (IBackend?, string?) LoadDefault()
    {
        try
        {
            return (BackendRegistry.Default.DefaultBackend, null);
        }
        catch (Exception e) when (e is BackendUnavailableException or JaxNetConfigException or IOException)
        {
            return (null, e.Message);
        }
    }
}
