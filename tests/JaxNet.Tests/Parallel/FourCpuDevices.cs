using JaxNet.Abstractions;
using JaxNet.Runtime;

namespace JaxNet.Tests.Parallel;

/// <summary>Four devices of one backend, in a registry of its own (the tests' default one has one cpu device).</summary>
public abstract class FourDevices : IDisposable
{
    private readonly BackendRegistry registry;

    protected FourDevices(string platform, Func<IBackend, IBackend>? wrap = null)
    {
        var key = "JAXNET_" + platform.ToUpperInvariant().Replace('-', '_') + "_DEVICES";
        registry = BackendRegistry.Create(JaxNetConfig.FromSources(null, new Dictionary<string, string> { [key] = "4" }),
            BackendRegistry.Default.Roots);
        var loaded = registry.TryGet(platform, out var reason) ?? throw new InvalidOperationException($"{platform} backend: {reason}");
        var backend = wrap is null ? loaded : wrap(loaded);
        Devices = Enumerable.Range(0, backend.Devices.Count).Select(i => Device.Of(backend, i)).ToArray();
    }

    public IReadOnlyList<Device> Devices { get; }

    public void Dispose()
    {
        registry.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The cpu backend with four virtual devices and its collectives.</summary>
public sealed class FourCpuDevices() : FourDevices("cpu");

/// <summary>The TPU simulator with four chips on a ring, and its collectives over the simulated interconnect.</summary>
public sealed class FourTpuSimDevices() : FourDevices("tpu-sim");

/// <summary>
/// The TPU simulator's four chips seen through a backend that offers no collectives (as a third party's plugin may
/// not), so pmap takes its copy-and-reduce path.
/// </summary>
public sealed class FourDevicesWithoutCollectives() : FourDevices("tpu-sim", backend => new BackendWithoutCollectives(backend));
