using JaxNet.Abstractions;
using JaxNet.Runtime;

namespace JaxNet.Tests.Parallel;

/// <summary>Several devices of one backend, in a registry of its own (the tests' default one has one cpu device).</summary>
public abstract class DeviceFixture : IDisposable
{
    private readonly BackendRegistry registry;

    /// <param name="platform">the backend</param>
    /// <param name="count">its devices</param>
    /// <param name="wrap">a wrapper around the backend, if any</param>
    /// <param name="settings">more of the backend's settings (keys as in JAXNET_PLATFORM_KEY, without the prefix)</param>
    protected DeviceFixture(string platform, int count = 4, Func<IBackend, IBackend>? wrap = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var prefix = "JAXNET_" + platform.ToUpperInvariant().Replace('-', '_') + "_";
        var environment = new Dictionary<string, string> { [prefix + "DEVICES"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[prefix + key] = value;
        registry = BackendRegistry.Create(JaxNetConfig.FromSources(null, environment), BackendRegistry.Default.Roots);
        var loaded = registry.TryGet(platform, out var reason);
        if (loaded is null)
        {
            // A plugin not built beside the tests (cuda) may be missing: its tests skip, saying why.
            Unavailable = $"{platform} backend: {reason}";
            return;
        }
        var backend = wrap is null ? loaded : wrap(loaded);
        devices = Enumerable.Range(0, backend.Devices.Count).Select(i => Device.Of(backend, i)).ToArray();
    }

    private readonly IReadOnlyList<Device>? devices;

    /// <summary>The backend's devices; an error where it could not load.</summary>
    public IReadOnlyList<Device> Devices => devices ?? throw new InvalidOperationException(Unavailable);

    /// <summary>Why the backend could not load, or null.</summary>
    public string? Unavailable { get; }

    public void Dispose()
    {
        registry.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The cpu backend with four virtual devices and its collectives.</summary>
public sealed class FourCpuDevices() : DeviceFixture("cpu");

/// <summary>The cpu backend with eight virtual devices: a 2 x 4 mesh.</summary>
public sealed class EightCpuDevices() : DeviceFixture("cpu", 8);

/// <summary>The TPU simulator with four chips on a ring, and its collectives over the simulated interconnect.</summary>
public sealed class FourTpuSimDevices() : DeviceFixture("tpu-sim");

/// <summary>The TPU simulator with eight chips on a 2 x 2 x 2 torus.</summary>
public sealed class EightTpuSimDevices() : DeviceFixture("tpu-sim", 8, settings: new Dictionary<string, string> { ["TORUS"] = "2x2x2" });

/// <summary>
/// The TPU simulator's four chips seen through a backend that offers no collectives (as a third party's plugin may
/// not), so pmap takes its copy-and-reduce path.
/// </summary>
public sealed class FourDevicesWithoutCollectives() : DeviceFixture("tpu-sim", wrap: backend => new BackendWithoutCollectives(backend));


/// <summary>CUDA on ILGPU's CPU emulation with four devices.</summary>
public sealed class FourEmulatedCudaDevices() : DeviceFixture("cuda", settings: new Dictionary<string, string> { ["EMULATE"] = "1" });

/// <summary>
/// Four replicas of the first Vulkan device (Mesa's llvmpipe on machines without a GPU), a second Vulkan backend
/// beside the tests' default one; where Vulkan or glslc is missing the backend does not load and the tests skip.
/// </summary>
public sealed class FourVulkanReplicas() : DeviceFixture("vulkan", settings: new Dictionary<string, string> { ["REPLICAS"] = "4" });

/// <summary>Eight replicas of the first Vulkan device: a 2 x 4 mesh of them.</summary>
public sealed class EightVulkanReplicas() : DeviceFixture("vulkan", 8, settings: new Dictionary<string, string> { ["REPLICAS"] = "8" });

/// <summary>The cpu backend with eight virtual devices, its collectives counted: how many calls a collective over a
/// mesh's axes makes, and over how many devices each.</summary>
public sealed class EightCountedCpuDevices() : DeviceFixture("cpu", 8, wrap: backend => new BackendWithCountedCollectives(backend))
{
    internal BackendWithCountedCollectives Counted => (BackendWithCountedCollectives)Devices[0].Backend;
}
