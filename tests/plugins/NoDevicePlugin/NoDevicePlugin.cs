using JaxNet.Abstractions;

[assembly: BackendPlugin("no-device", typeof(NoDevicePlugin.Entry))]

namespace NoDevicePlugin;

/// <summary>A well-behaved plugin on a machine without its hardware: it says so with the reason.</summary>
public sealed class Entry : IBackendPlugin
{
    public IBackend Create(PluginContext context) =>
        throw new BackendUnavailableException("no test device found (this plugin never finds one)");
}
