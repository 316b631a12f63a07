using JaxNet.Abstractions;
using JaxNet.Runtime;

namespace JaxNet.Cli.Commands;

/// <summary><c>jaxnet backends</c>: every plugin found, loaded or not, with its ABI, devices and capabilities.</summary>
public static class BackendsCommand
{
    public static int Run(CommandLine options, TextWriter output) => Run(BackendRegistry.Default, output);

    public static int Run(BackendRegistry registry, TextWriter output)
    {
        output.WriteLine($"JaxNet backend ABI {AbiVersion.Current}");
        output.WriteLine($"plugin folders: {string.Join(", ", registry.Roots)}");
        var reports = registry.LoadAll();
        if (reports.Count == 0) output.WriteLine("no plugins found");
        foreach (var report in reports) Write(report, output);
        output.WriteLine();
        try
        {
            output.WriteLine($"default backend: {registry.DefaultBackend.Platform}");
        }
        catch (BackendUnavailableException e)
        {
            output.WriteLine($"default backend: none ({e.Message})");
            return 1;
        }
        return 0;
    }

    private static void Write(PluginReport report, TextWriter output)
    {
        output.WriteLine();
        var name = report.Platform ?? Path.GetFileName(report.Folder);
        var abi = report.Abi?.ToString() ?? "?";
        output.WriteLine($"{name}: {(report.IsLoaded ? "loaded" : "not loaded")}, ABI {abi}, from {report.Folder}");
        if (report.Backend is not { } backend)
        {
            output.WriteLine($"  reason: {report.Reason}");
            return;
        }
        output.WriteLine($"  {backend.Description}");
        foreach (var device in backend.Devices)
        {
            var attributes = string.Join(", ", device.Attributes.Select(a => $"{a.Key}={a.Value}"));
            output.WriteLine($"  device {device.Id}: {device.Kind}, {device.MemoryBytes / (1024.0 * 1024 * 1024):F1} GiB{(attributes.Length > 0 ? ", " + attributes : "")}");
        }
        var caps = backend.Capabilities;
        output.WriteLine($"  dtypes: {string.Join(" ", caps.DTypes.Order().Select(d => d.ShortName()))}");
        output.WriteLine($"  kernels: {string.Join(" ", caps.KernelKinds.Order().Select(k => k.ToString().ToLowerInvariant()))}");
        output.WriteLine($"  scalar ops: {caps.UnaryOps.Count} unary, {caps.BinaryOps.Count} binary; max rank {caps.MaxRank}");
        output.WriteLine($"  collectives: {(caps.Collectives.Count == 0 ? "none" : string.Join(" ", caps.Collectives.Order().Select(c => c.ToString().ToLowerInvariant())))}");
    }
}
