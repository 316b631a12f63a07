using JaxNet.Abstractions;
using JaxNet.Backends.CpuSimd.Memory;

[assembly: BackendPlugin("cpu", typeof(JaxNet.Backends.CpuSimd.CpuPlugin))]

namespace JaxNet.Backends.CpuSimd;

/// <summary>
/// Entry point of the cpu plugin. Setting <c>devices</c> (JAXNET_CPU_DEVICES) gives the number of virtual
/// devices, 1 by default, for pmap and collective tests on one machine. Setting <c>cache_bytes</c>
/// (JAXNET_CPU_CACHE_BYTES) caps the bytes of freed buffers kept for reuse (default: a sixteenth of the memory
/// available, at most 2 GiB; 0 turns the cache off). Setting <c>profile</c> (JAXNET_CPU_PROFILE=1) times every
/// kernel of every launch; an executable's Describe then gives each kernel's mean time.
/// </summary>
public sealed class CpuPlugin : IBackendPlugin
{
    public IBackend Create(PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var devices = context.IntSetting("devices", 1);
        if (devices < 1)
            throw new BackendUnavailableException($"cpu: setting 'devices' must be at least 1, got {devices}");
        var cacheText = context.Setting("cache_bytes");
        var cacheBytes = BlockCache.DefaultCap();
        if (!string.IsNullOrWhiteSpace(cacheText)
            && (!long.TryParse(cacheText, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out cacheBytes)
                || cacheBytes < 0))
            throw new BackendUnavailableException($"cpu: setting 'cache_bytes' must be a byte count of at least 0, got '{cacheText}'");
        var profileText = context.Setting("profile");
        var profile = profileText is "1" or "true" or "True";
        if (!string.IsNullOrWhiteSpace(profileText) && !profile && profileText is not ("0" or "false" or "False"))
            throw new BackendUnavailableException($"cpu: setting 'profile' must be 1 or 0, got '{profileText}'");
        return new CpuBackend(devices, context.Log, cacheBytes) { Profile = profile };
    }
}
