using JaxNet.Abstractions;

[assembly: BackendPlugin("cpu", typeof(JaxNet.Backends.CpuSimd.CpuPlugin))]

namespace JaxNet.Backends.CpuSimd;

/// <summary>
/// Entry point of the cpu plugin. Setting <c>devices</c> (JAXNET_CPU_DEVICES) gives the number of virtual
/// devices, 1 by default, for pmap and collective tests on one machine.
/// </summary>
public sealed class CpuPlugin : IBackendPlugin
{
    public IBackend Create(PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var devices = context.IntSetting("devices", 1);
        if (devices < 1)
            throw new BackendUnavailableException($"cpu: setting 'devices' must be at least 1, got {devices}");
        return new CpuBackend(devices, context.Log);
    }
}
