using JaxNet.Abstractions;

[assembly: BackendPlugin("throwing", typeof(ThrowingPlugin.Entry))]

namespace ThrowingPlugin;

/// <summary>A plugin whose Create throws an unexpected exception, as a buggy plugin would.</summary>
public sealed class Entry : IBackendPlugin
{
    public IBackend Create(PluginContext context) =>
        throw new InvalidOperationException("the throwing test plugin always fails");
}
