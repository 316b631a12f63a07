using JaxNet.Abstractions;
using JaxNet.Backends.Vulkan;
using JaxNet.Backends.Vulkan.Codegen;
using JaxNet.Backends.Vulkan.Compiler;
using JaxNet.Backends.Vulkan.Driver;

[assembly: BackendPlugin("vulkan", typeof(VulkanPlugin))]

namespace JaxNet.Backends.Vulkan;

/// <summary>
/// Entry point of the "vulkan" platform. Settings: <c>device</c> (index into the ordered device list, or a
/// name substring; default: every usable device), <c>replicas</c> (expose each selected physical device as this
/// many JaxNet devices, each its own VkDevice and queue: collectives and pmap on one GPU; default 1),
/// <c>cache</c> (SPIR-V cache folder; default ~/.cache/jaxnet/vulkan), <c>denormals</c> (<c>flush</c> makes
/// shaders behave as on a device that cannot preserve subnormals, to test that path on one that can; default
/// <c>preserve</c> wherever the device allows), <c>max_kernel_buffers</c> (state a lower limit on the buffers of one kernel
/// than the devices' storage-buffer bindings allow, at least 4, so that the host splits wider fusions; default: the
/// devices' limit). Throws <see cref="BackendUnavailableException"/> when glslc, the Vulkan loader, a
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
            var denormals = context.Setting("denormals");
            if (denormals is { Length: > 0 } and not "preserve" and not "flush")
                throw new BackendUnavailableException($"setting denormals must be preserve or flush, got '{denormals}'");
            var selected = DeviceSelection.Select(all, context.Setting("device"), context.Log)
                .Select(d => denormals == "flush" ? d with { FloatControls = d.FloatControls with { DenormPreserve = FloatWidths.None } } : d)
                .SelectMany(d => Enumerable.Repeat(d, replicas)).ToList();
            if (selected.Count == 0)
                throw new BackendUnavailableException("no usable Vulkan device: " +
                    string.Join("; ", all.Select(d => $"{d.Name}: {d.Unusable}")));
            int? maxKernelBuffers = context.Setting("max_kernel_buffers") is { Length: > 0 } ? context.IntSetting("max_kernel_buffers", 0) : null;
            return new VulkanBackend(instance, selected, new GlslCompiler(glslc, cache), maxKernelBuffers);
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
