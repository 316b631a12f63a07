using JaxNet.Abstractions;
using JaxNet.Runtime;

namespace JaxNet.Cli.Commands;

/// <summary>
/// <c>jaxnet &lt;platform&gt; ...</c>: hands the arguments to a plugin that offers subcommands (IPluginCommands), such as
/// <c>jaxnet tpu-sim gemm</c>. The tool reaches the plugin through the host, never by linking it.
/// </summary>
public static class PluginCommand
{
    /// <summary>Null when <paramref name="platform"/> is no plugin with commands; else the exit code.</summary>
    public static int? TryRun(BackendRegistry registry, string platform, IReadOnlyList<string> args, TextWriter output)
    {
        if (registry.EntryOf(platform) is not IPluginCommands commands)
        {
            var report = registry.Plugins.FirstOrDefault(p => p.Platform == platform);
            if (report is null) return null;
            Console.Error.WriteLine(report.IsLoaded || report.State == PluginState.Discovered
                ? $"jaxnet: the {platform} plugin offers no commands"
                : $"jaxnet: the {platform} plugin is not loaded: {report.Reason}");
            return 2;
        }
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            output.WriteLine(commands.Usage);
            return args.Count == 0 ? 2 : 0;
        }
        try
        {
            return commands.RunCommand(args, output, registry.ContextFor(platform));
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"jaxnet {platform}: {PluginFailure(e)}");
            return 1;
        }
    }

    private static string PluginFailure(Exception e) => e is ArgumentException or FormatException
        ? e.Message
        : $"{e.GetType().Name}: {e.Message}";
}
