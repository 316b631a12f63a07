using JaxNet.Abstractions;

[assembly: BackendPlugin("wrong-abi", typeof(WrongAbiPlugin.Entry), abiMajor: 2, abiMinor: 0)]

namespace WrongAbiPlugin;

/// <summary>A plugin built against a future major ABI; the host must refuse it before running its code.</summary>
public sealed class Entry : IBackendPlugin
{
    public Entry() => throw new InvalidOperationException("the host instantiated a plugin of another ABI major version");

    public IBackend Create(PluginContext context) => throw new InvalidOperationException("unreachable");
}
