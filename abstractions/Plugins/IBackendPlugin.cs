namespace JaxNet.Abstractions;

/// <summary>
/// A plugin's entry point. The host instantiates it once and calls <see cref="Create"/>; a plugin that cannot
/// serve (no driver, no device, a missing native library) throws <see cref="BackendUnavailableException"/>
/// with the reason, and the host reports it and goes on with other backends.
/// </summary>
public interface IBackendPlugin
{
    IBackend Create(PluginContext context);
}

/// <summary>What the host gives a plugin when it creates the backend.</summary>
public sealed class PluginContext(
    string platform,
    string pluginDirectory,
    IReadOnlyDictionary<string, string?> settings,
    Action<string> log)
{
    /// <summary>The platform name the plugin was selected by.</summary>
    public string Platform { get; } = platform;

    /// <summary>The folder the plugin was loaded from (for its native libraries and caches).</summary>
    public string PluginDirectory { get; } = pluginDirectory;

    /// <summary>
    /// The plugin's settings: keys of the configuration section <c>backends:&lt;platform&gt;</c> (jaxnet.json)
    /// and of environment variables <c>JAXNET_&lt;PLATFORM&gt;_&lt;KEY&gt;</c>, for example <c>devices</c> from
    /// <c>JAXNET_CPU_DEVICES=8</c>. Keys are lower case.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Settings { get; } = settings;

    /// <summary>Writes a line to the host's log.</summary>
    public Action<string> Log { get; } = log;

    public string? Setting(string key) => Settings.TryGetValue(key.ToLowerInvariant(), out var v) ? v : null;

    public int IntSetting(string key, int fallback)
    {
        var text = Setting(key);
        if (text is null) return fallback;
        return int.TryParse(text, out var value)
            ? value
            : throw new BackendUnavailableException($"setting '{key}' must be an integer, got '{text}'");
    }
}

/// <summary>Thrown by a plugin that cannot serve on this machine; the message is the reason shown to users.</summary>
public sealed class BackendUnavailableException : Exception
{
    public BackendUnavailableException(string reason) : base(reason) { }

    public BackendUnavailableException(string reason, Exception inner) : base(reason, inner) { }
}
