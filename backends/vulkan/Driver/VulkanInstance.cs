using Silk.NET.Core.Native;
using Silk.NET.Vulkan;
using JaxNet.Abstractions;

namespace JaxNet.Backends.Vulkan.Driver;

/// <summary>
/// The Vulkan loader and one VkInstance (API 1.2 or newer: timeline semaphores and the 8/16-bit storage
/// features are core there). Every failure to load or create becomes a <see cref="BackendUnavailableException"/>
/// with the reason, so a machine without a driver never crashes the host.
/// </summary>
internal sealed unsafe class VulkanInstance : IDisposable
{
    public Vk Api { get; }

    public Instance Handle { get; }

    private VulkanInstance(Vk api, Instance handle)
    {
        Api = api;
        Handle = handle;
    }

    public static VulkanInstance Create()
    {
        Vk api;
        try
        {
            api = Vk.GetApi();
        }
        catch (Exception e)
        {
            throw new BackendUnavailableException(
                "the Vulkan loader (libvulkan.so.1) could not be loaded: install Debian package libvulkan1 " +
                $"and a driver such as mesa-vulkan-drivers ({e.GetType().Name}: {e.Message})", e);
        }

        var appName = (byte*)SilkMarshal.StringToPtr("jaxnet");
        try
        {
            var app = new ApplicationInfo
            {
                SType = StructureType.ApplicationInfo,
                PApplicationName = appName,
                PEngineName = appName,
                ApiVersion = Vk.Version12,
            };
            var info = new InstanceCreateInfo { SType = StructureType.InstanceCreateInfo, PApplicationInfo = &app };
            Instance instance;
            Result result;
            try
            {
                result = api.CreateInstance(&info, null, &instance);
            }
            catch (Exception e)
            {
                throw new BackendUnavailableException($"vkCreateInstance failed: {e.Message}", e);
            }
            if (result != Result.Success)
            {
                throw new BackendUnavailableException(result == Result.ErrorIncompatibleDriver
                    ? "no Vulkan driver is installed (vkCreateInstance: ErrorIncompatibleDriver): install mesa-vulkan-drivers"
                    : $"vkCreateInstance failed: {result}");
            }
            return new VulkanInstance(api, instance);
        }
        finally
        {
            SilkMarshal.Free((nint)appName);
        }
    }

    public PhysicalDevice[] PhysicalDevices()
    {
        uint count = 0;
        Check(Api.EnumeratePhysicalDevices(Handle, &count, null), "vkEnumeratePhysicalDevices");
        var devices = new PhysicalDevice[count];
        fixed (PhysicalDevice* p = devices) Check(Api.EnumeratePhysicalDevices(Handle, &count, p), "vkEnumeratePhysicalDevices");
        return devices;
    }

    public void Dispose() => Api.DestroyInstance(Handle, null);

    /// <summary>Throws a <see cref="VulkanException"/> naming the call when a result is not success.</summary>
    public static void Check(Result result, string call)
    {
        if (result != Result.Success) throw new VulkanException(call, result);
    }
}

/// <summary>A Vulkan call returned an error code.</summary>
internal sealed class VulkanException(string call, Result result) : Exception($"{call} failed: {result}")
{
    public Result Result { get; } = result;
}
