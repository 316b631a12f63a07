using JaxNet.Abstractions;
using JaxNet.Runtime;

namespace JaxNet.Tests.Lowering;

/// <summary>
/// The backends <see cref="KernelBufferLimitTests"/> runs its programs on, each loaded once for the class, in a registry
/// of its own, when a test first asks for it. The programs share their kernels (the same sums and products of twenty
/// vectors), so on emulated CUDA, where compiling a kernel costs about a CPU second, a backend per case compiled them
/// again for each of the six programs.
/// </summary>
public sealed class KernelBufferLimitBackends : IDisposable
{
    private readonly Lazy<Loaded> cuda = new(() => Load("cuda", new() { ["JAXNET_CUDA_EMULATE"] = "1", ["JAXNET_CUDA_PTX_CHECK"] = "0" }));
    private readonly Lazy<Loaded> vulkan = new(() => Load("vulkan", new() { ["JAXNET_VULKAN_MAX_KERNEL_BUFFERS"] = "8" }));

    /// <summary>The cuda backend on ILGPU's CPU accelerator (without the PTX check, which other tests make); the test
    /// skips, saying why, where it does not load.</summary>
    public IBackend EmulatedCuda => cuda.Value.Backend();

    /// <summary>The vulkan backend with its limit lowered to 8 buffers a kernel; the test skips where it does not load.</summary>
    public IBackend VulkanWithEightBuffers => vulkan.Value.Backend();

    private sealed record Loaded(BackendRegistry Registry, IBackend? Loadable, string Platform, string? Reason)
    {
        public IBackend Backend()
        {
            JaxNet.Testing.Skip.If(Loadable is null, $"{Platform} is unavailable: {Reason}");
            return Loadable!;
        }
    }

    private static Loaded Load(string platform, Dictionary<string, string> settings)
    {
        var registry = BackendRegistry.Create(JaxNetConfig.FromSources(null, settings));
        var backend = registry.TryGet(platform, out var reason);
        return new Loaded(registry, backend, platform, reason);
    }

    public void Dispose()
    {
        if (cuda.IsValueCreated) cuda.Value.Registry.Dispose();
        if (vulkan.IsValueCreated) vulkan.Value.Registry.Dispose();
    }
}
