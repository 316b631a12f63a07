using JaxNet.Runtime;

namespace JaxNet.Tests.Parallel;

/// <summary>The cpu backend with four virtual devices, in a registry of its own (the tests' default one has one).</summary>
public sealed class FourCpuDevices : IDisposable
{
    private readonly BackendRegistry registry = BackendRegistry.Create(
        JaxNetConfig.FromSources(null, new Dictionary<string, string> { ["JAXNET_CPU_DEVICES"] = "4" }), BackendRegistry.Default.Roots);

    public FourCpuDevices()
    {
        var backend = registry.TryGet("cpu", out var reason) ?? throw new InvalidOperationException($"cpu backend: {reason}");
        Devices = Enumerable.Range(0, backend.Devices.Count).Select(i => Device.Of(backend, i)).ToArray();
    }

    public IReadOnlyList<Device> Devices { get; }

    public void Dispose() => registry.Dispose();
}
