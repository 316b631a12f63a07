namespace JaxNet.Abstractions;

/// <summary>
/// Optional, implemented by a plugin's entry type: subcommands that the <c>jaxnet</c> tool offers as
/// <c>jaxnet &lt;platform&gt; &lt;args&gt;</c> (for example <c>jaxnet tpu-sim gemm ...</c>), so tools reach a plugin's own
/// features without linking it.
/// </summary>
public interface IPluginCommands
{
    /// <summary>Help text listing the subcommands.</summary>
    string Usage { get; }

    /// <summary>Runs a subcommand; returns the process exit code (2 for bad usage).</summary>
    int RunCommand(IReadOnlyList<string> args, TextWriter output, PluginContext context);
}
