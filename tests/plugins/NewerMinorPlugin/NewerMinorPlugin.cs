using JaxNet.Abstractions;

[assembly: BackendPlugin("newer-minor", typeof(NewerMinorPlugin.Entry), abiMinor: 99)]

namespace NewerMinorPlugin;

/// <summary>A plugin that needs a newer minor ABI version than the host offers.</summary>
public sealed class Entry : IBackendPlugin
{
    public Entry() => throw new InvalidOperationException("the host instantiated a plugin newer than itself");

    public IBackend Create(PluginContext context) => throw new InvalidOperationException("unreachable");
}
