using JaxNet.Runtime;

namespace JaxNet.Tests.Parallel;

/// <summary>Four devices of one backend, in a registry of its own (the tests' default one has one cpu device).</summary>
public abstract class FourDevices : IDisposable
{
    private readonly BackendRegistry registry;

    protected FourDevices(string platform)
    {
        var key = "JAXNET_" + platform.ToUpperInvariant().Replace('-', '_') + "_DEVICES";
        registry = BackendRegistry.Create(JaxNetConfig.FromSources(null, new Dictionary<string, string> { [key] = "4" }),
            BackendRegistry.Default.Roots);
        var backend = registry.TryGet(platform, out var reason) ?? throw new InvalidOperationException($"{platform} backend: {reason}");
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

/// <summary>The TPU simulator with four chips: it has no collectives, so pmap takes its copy-and-reduce path.</summary>
public sealed class FourTpuSimDevices() : FourDevices("tpu-sim");
