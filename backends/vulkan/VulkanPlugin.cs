using JaxNet.Abstractions;
using JaxNet.Backends.Vulkan;
using JaxNet.Backends.Vulkan.Compiler;
using JaxNet.Backends.Vulkan.Driver;

[assembly: BackendPlugin("vulkan", typeof(VulkanPlugin))]

namespace JaxNet.Backends.Vulkan;

/// <summary>
/// Entry point of the "vulkan" platform. Settings: <c>device</c> (index into the ordered device list, or a
/// name substring; default: every usable device), <c>replicas</c> (expose each selected physical device as this
/// many JaxNet devices, each its own VkDevice and queue: collectives and pmap on one GPU; default 1),
/// <c>cache</c> (SPIR-V cache folder; default ~/.cache/jaxnet/vulkan). Throws <see cref="BackendUnavailableException"/> when glslc, the Vulkan loader, a
/// driver or a usable device is missing.
/// </summary>
public sealed class VulkanPlugin : IBackendPlugin
{
    public IBackend Create(PluginContext context)
    {
        var glslc = GlslCompiler.FindOnPath("glslc")
            ?? throw new BackendUnavailableException("glslc not found on PATH: install Debian package glslc");
        var cache = context.Setting("cache") is { Length: > 0 } folder ? folder : GlslCompiler.DefaultCacheDirectory();
        var instance = VulkanInstance.Create();
        try
        {
            var all = instance.PhysicalDevices().Select(p => PhysicalDeviceInfo.Query(instance.Api, p)).ToList();
            if (all.Count == 0) throw new BackendUnavailableException("the Vulkan loader found no physical device");
            var replicas = context.IntSetting("replicas", 1);
            if (replicas < 1) throw new BackendUnavailableException($"setting replicas must be at least 1, got {replicas}");
            var selected = DeviceSelection.Select(all, context.Setting("device"), context.Log)
                .SelectMany(d => Enumerable.Repeat(d, replicas)).ToList();
            if (selected.Count == 0)
                throw new BackendUnavailableException("no usable Vulkan device: " +
                    string.Join("; ", all.Select(d => $"{d.Name}: {d.Unusable}")));
            return new VulkanBackend(instance, selected, new GlslCompiler(glslc, cache));
        }
        catch (BackendUnavailableException)
        {
            instance.Dispose();
            throw;
        }
        catch (Exception e)
        {
            instance.Dispose();
            throw new BackendUnavailableException($"Vulkan initialisation failed: {e.Message}", e);
        }
    }
}
