using System.Runtime.InteropServices;
using JaxNet.Abstractions;

[assembly: BackendPlugin("missing-native", typeof(MissingNativePlugin.Entry))]

namespace MissingNativePlugin;

/// <summary>A plugin whose driver library is not installed: its first native call fails to resolve.</summary>
public sealed partial class Entry : IBackendPlugin
{
    public IBackend Create(PluginContext context)
    {
        _ = jaxnet_test_driver_version();
        throw new InvalidOperationException("unreachable: the native library cannot exist");
    }

    [LibraryImport("libjaxnet_test_driver_that_does_not_exist")]
    private static partial int jaxnet_test_driver_version();
}
