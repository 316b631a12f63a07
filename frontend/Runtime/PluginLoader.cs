using System.Reflection;
using System.Runtime.InteropServices;
using JaxNet.Abstractions;
using McMaster.NETCore.Plugins;

namespace JaxNet.Runtime;

/// <summary>
/// Loads one plugin in its own load context (McMaster.NETCore.Plugins; JaxNet.Abstractions shared with the host),
/// checks its ABI version from its <see cref="BackendPluginAttribute"/> before running any of its code, and creates
/// its backend. Every failure becomes a report with the reason; nothing a plugin does escapes as an exception.
/// </summary>
public static class PluginLoader
{
    /// <summary>Opens a plugin folder and checks its ABI; the entry point is kept to create the backend later.</summary>
    public static (PluginReport Report, IBackendPlugin? Entry) Open(PluginCandidate candidate)
    {
        var folder = candidate.Folder;
        if (!File.Exists(candidate.AssemblyPath))
            return (Failed(folder, null, null, $"no {Path.GetFileName(candidate.AssemblyPath)} in {folder}"), null);
        string? platform = null;
        AbiVersion? abi = null;
        try
        {
            var loader = PluginLoader_Create(candidate.AssemblyPath);
            var assembly = loader.LoadDefaultAssembly();
            var attribute = assembly.GetCustomAttribute<BackendPluginAttribute>();
            if (attribute is null)
                return (Failed(folder, null, null, $"{assembly.GetName().Name} has no [assembly: BackendPlugin] attribute"), null);
            platform = attribute.Platform;
            abi = attribute.AbiVersion;
            var incompatibility = attribute.AbiVersion.IncompatibilityWith(AbiVersion.Current);
            if (incompatibility is not null) return (Failed(folder, platform, abi, incompatibility), null);
            if (!typeof(IBackendPlugin).IsAssignableFrom(attribute.EntryType))
                return (Failed(folder, platform, abi, $"entry type {attribute.EntryType.FullName} does not implement IBackendPlugin"), null);
            var entry = (IBackendPlugin?)Activator.CreateInstance(attribute.EntryType)
                ?? throw new InvalidOperationException($"cannot instantiate {attribute.EntryType.FullName}");
            return (new PluginReport(folder, platform, abi, PluginState.Discovered, null, null), entry);
        }
        catch (Exception e)
        {
            return (Failed(folder, platform, abi, Describe(e)), null);
        }
    }

    /// <summary>Creates the backend of an opened plugin; a plugin that throws or has no device is reported, not rethrown.</summary>
    public static PluginReport Create(PluginReport opened, IBackendPlugin entry, JaxNetConfig config)
    {
        var platform = opened.Platform!;
        try
        {
            var context = new PluginContext(platform, opened.Folder, config.BackendSettings(platform),
                line => RuntimeLog.Info($"{platform}: {line}"));
            var backend = entry.Create(context);
            if (backend is null) return opened with { State = PluginState.Failed, Reason = "Create returned null" };
            if (backend.Devices.Count == 0)
            {
                backend.Dispose();
                return opened with { State = PluginState.Failed, Reason = "the backend has no devices" };
            }
            return opened with { State = PluginState.Loaded, Backend = backend };
        }
        catch (Exception e)
        {
            return opened with { State = PluginState.Failed, Reason = Describe(e) };
        }
    }

    /// <summary>The library's name from the runtime's message, without the list of every path it tried.</summary>
    private static string NativeLibraryName(DllNotFoundException e)
    {
        var match = System.Text.RegularExpressions.Regex.Match(e.Message, "'([^']+)'");
        return match.Success ? match.Groups[1].Value : e.Message.Split('\n')[0];
    }

    private static McMaster.NETCore.Plugins.PluginLoader PluginLoader_Create(string assemblyPath) =>
        McMaster.NETCore.Plugins.PluginLoader.CreateFromAssemblyFile(
            assemblyPath,
            sharedTypes: [typeof(IBackendPlugin), typeof(DType)],
            configure: config => config.PreferSharedTypes = true);

    private static PluginReport Failed(string folder, string? platform, AbiVersion? abi, string reason) =>
        new(folder, platform, abi, PluginState.Failed, reason, null);

    /// <summary>A one-line reason users can act on.</summary>
    internal static string Describe(Exception e)
    {
        var root = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
        return root switch
        {
            BackendUnavailableException u => u.Message,
            DllNotFoundException d => $"missing native library: {NativeLibraryName(d)}",
            EntryPointNotFoundException p => $"native library lacks an entry point: {p.Message}",
            BadImageFormatException b => $"not a loadable .NET assembly: {b.Message}",
            FileNotFoundException f => $"missing file: {f.FileName ?? f.Message}",
            FileLoadException f => $"cannot load {f.FileName}: {f.Message}",
            TypeLoadException tl => $"type load failure: {tl.Message}",
            MarshalDirectiveException m => $"native interop failure: {m.Message}",
            _ => $"{root.GetType().Name}: {root.Message}",
        };
    }
}
