using JaxNet.Abstractions;
using JaxNet.Runtime;

namespace JaxNet.Cli.Commands;

/// <summary>The <c>--backend NAME</c> option of the commands that run on one backend (the default one without it).</summary>
public static class BackendOption
{
    /// <summary>The backend, or null after telling <paramref name="output"/> why it is unavailable.</summary>
    public static IBackend? Resolve(CommandLine options, TextWriter output, string command)
    {
        var registry = BackendRegistry.Default;
        try
        {
            return options["backend"] is { } name ? registry.Get(name) : registry.DefaultBackend;
        }
        catch (BackendUnavailableException e)
        {
            output.WriteLine($"jaxnet {command}: {e.Message}");
            return null;
        }
    }
}
