using JaxNet.Abstractions;
using JaxNet.Runtime;

namespace JaxNet.Conformance.Tests.Backends;

/// <summary>
/// One backend for a test class, loaded once through the frontend's plugin host from the plugins/ folder beside the
/// tests (the build copies each plugin there), with the settings given. A backend that cannot load on this machine
/// (no driver, no device) makes every test of the class skip with the plugin's reason when
/// <see cref="RequiredHere"/> is false — a GPU backend on a machine without a GPU — and fail when it is true.
/// </summary>
public abstract class BackendFixture : IDisposable
{
    private readonly Lazy<(BackendRegistry Registry, IBackend? Backend, string? Reason)> loaded;

    protected BackendFixture(string platform, IReadOnlyDictionary<string, string> environment)
    {
        Platform = platform;
        loaded = new Lazy<(BackendRegistry, IBackend?, string?)>(() =>
        {
            var registry = BackendRegistry.Create(JaxNetConfig.FromSources(null, environment),
                [Path.Combine(AppContext.BaseDirectory, "plugins")]);
            var backend = registry.TryGet(platform, out var reason);
            return (registry, backend, reason);
        });
    }

    public string Platform { get; }

    /// <summary>Whether the backend must load on every machine that runs the tests (true for the cpu backend).</summary>
    protected abstract bool RequiredHere { get; }

    /// <summary>The backend, or a skip (or failure, when required) with the reason it could not be created.</summary>
    public IBackend Backend
    {
        get
        {
            var (_, backend, reason) = loaded.Value;
            if (backend is not null) return backend;
            var message = $"backend '{Platform}' is unavailable: {reason}";
            if (RequiredHere) throw new InvalidOperationException(message);
            throw new JaxNet.Testing.SkipException(message);
        }
    }

    public void Dispose()
    {
        if (loaded.IsValueCreated) loaded.Value.Registry.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The cpu plugin with 8 virtual devices, so that collectives over 1, 2, 3 and 8 devices all run.</summary>
public sealed class CpuBackendFixture() : BackendFixture("cpu", new Dictionary<string, string> { ["JAXNET_CPU_DEVICES"] = "8" })
{
    protected override bool RequiredHere => true;
}

/// <summary>
/// The Vulkan plugin, its first device shown as 8 replicas so the collective cases run. It skips, with the reason,
/// on machines without a Vulkan driver or glslc.
/// </summary>
public sealed class VulkanBackendFixture() : BackendFixture("vulkan", new Dictionary<string, string> { ["JAXNET_VULKAN_REPLICAS"] = "8" })
{
    protected override bool RequiredHere => false;
}

/// <summary>
/// The TPU simulator (v4 preset): pure .NET, so it must load everywhere. 8 chips on a 2x2x2 torus, so that the
/// collective cases over 1, 2, 3 and 8 devices run on rings with one-hop and multi-hop edges.
/// </summary>
public sealed class TpuSimBackendFixture() : BackendFixture("tpu-sim",
    new Dictionary<string, string> { ["JAXNET_TPU_SIM_DEVICES"] = "8", ["JAXNET_TPU_SIM_TORUS"] = "2x2x2" })
{
    protected override bool RequiredHere => true;
}

/// <summary>
/// The CUDA plugin's own kernels on ILGPU's CPU accelerator (JAXNET_CUDA_EMULATE=1): pure .NET, so it must load
/// everywhere. This is how CI checks the CUDA backend's kernel code without a GPU. 8 emulated devices, so that the
/// collective cases over 1, 2, 3 and 8 devices run (kernel cases use device 0 only).
/// </summary>
public sealed class CudaEmulatedBackendFixture() : BackendFixture("cuda",
    new Dictionary<string, string> { ["JAXNET_CUDA_EMULATE"] = "1", ["JAXNET_CUDA_DEVICES"] = "8" })
{
    protected override bool RequiredHere => true;
}
