using JaxNet.Abstractions;
using Xunit;

namespace JaxNet.Backends.Vulkan.Tests;

/// <summary>
/// A fact that needs a Vulkan device and glslc: skipped, with the plugin's reason, on machines without them
/// (xunit 2.9 has no dynamic skip, so the reason is found once when the attribute is built).
/// </summary>
public sealed class VulkanFactAttribute : FactAttribute
{
    public VulkanFactAttribute()
    {
        if (VulkanAvailability.Reason is { } reason) Skip = "no Vulkan: " + reason;
    }
}

/// <summary>Whether the plugin can create a backend here, and the shared backend the tests use.</summary>
public static class VulkanAvailability
{
    private static readonly Lazy<(IBackend? Backend, string? Reason)> Probe = new(() =>
    {
        try
        {
            var cache = Path.Combine(Path.GetTempPath(), "jaxnet-vulkan-tests-cache");
            var context = new PluginContext("vulkan", AppContext.BaseDirectory,
                new Dictionary<string, string?> { ["cache"] = cache }, _ => { });
            return (new VulkanPlugin().Create(context), null);
        }
        catch (BackendUnavailableException e)
        {
            return (null, e.Message);
        }
    });

    public static string? Reason => Probe.Value.Reason;

    /// <summary>The backend shared by all tests (created once; devices are expensive).</summary>
    public static IBackend Backend => Probe.Value.Backend ?? throw new InvalidOperationException(Reason);
}

/// <summary>A theory that needs a Vulkan device and glslc (see <see cref="VulkanFactAttribute"/>).</summary>
public sealed class VulkanTheoryAttribute : TheoryAttribute
{
    public VulkanTheoryAttribute()
    {
        if (VulkanAvailability.Reason is { } reason) Skip = "no Vulkan: " + reason;
    }
}
