using JaxNet.Abstractions;

namespace JaxNet.Runtime;

/// <summary>The state of one plugin the host found: loaded with its backend, or not, with the reason.</summary>
public sealed record PluginReport(
    string Folder,
    string? Platform,
    AbiVersion? Abi,
    PluginState State,
    string? Reason,
    IBackend? Backend)
{
    public bool IsLoaded => State == PluginState.Loaded;

    public override string ToString() =>
        $"{Platform ?? Path.GetFileName(Folder)}: {State.ToString().ToLowerInvariant()}" + (Reason is null ? "" : $" ({Reason})");
}

public enum PluginState
{
    /// <summary>Found and its ABI checked; its backend is created when first needed.</summary>
    Discovered,
    Loaded,
    Failed,
}
