using Microsoft.Extensions.Configuration;

namespace JaxNet.Runtime;

/// <summary>
/// JaxNet's configuration: <c>jaxnet.json</c> in the working directory, then environment variables
/// (Microsoft.Extensions.Configuration conventions: later sources win).
/// </summary>
/// <remarks>
/// <code>
/// { "platforms": "vulkan,cpu", "pluginPath": "/opt/jaxnet/plugins", "backends": { "cpu": { "devices": 8 } } }
/// </code>
/// Environment: <c>JAXNET_PLATFORMS</c>, <c>JAXNET_PLUGIN_PATH</c> (folders separated by the OS path separator),
/// <c>JAXNET_LOG</c> (error, warning, info, debug), and a backend's settings as <c>JAXNET_&lt;PLATFORM&gt;_&lt;KEY&gt;</c>
/// (<c>JAXNET_CPU_DEVICES=8</c>, <c>JAXNET_TPU_SIM_PRESET=v4</c>) or <c>JAXNET_BACKENDS__CPU__DEVICES=8</c>.
/// </remarks>
public sealed class JaxNetConfig
{
    private readonly IConfiguration configuration;
    private readonly IReadOnlyDictionary<string, string> environment;

    public JaxNetConfig(IConfiguration configuration, IReadOnlyDictionary<string, string> environment)
    {
        this.configuration = configuration;
        this.environment = environment;
    }

    /// <summary>Reads jaxnet.json from <paramref name="workingDirectory"/> (default: the current one) and the environment.</summary>
    public static JaxNetConfig Load(string? workingDirectory = null)
    {
        var directory = workingDirectory ?? Directory.GetCurrentDirectory();
        var env = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Where(e => e.Key is string k && k.StartsWith("JAXNET_", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(e => ((string)e.Key).ToUpperInvariant(), e => e.Value?.ToString() ?? "");
        return FromSources(Path.Combine(directory, "jaxnet.json"), env);
    }

    /// <summary>Builds a configuration from an optional JSON file and explicit JAXNET_ variables (for tests).</summary>
    public static JaxNetConfig FromSources(string? jsonPath, IReadOnlyDictionary<string, string> env)
    {
        var builder = new ConfigurationBuilder();
        if (jsonPath is not null && File.Exists(jsonPath))
        {
            try
            {
                builder.AddJsonFile(jsonPath, optional: true, reloadOnChange: false);
                builder.Build();
            }
            catch (Exception e) when (e is FormatException or InvalidDataException or System.Text.Json.JsonException)
            {
                throw new JaxNetConfigException($"{jsonPath} is not valid JSON: {e.Message}", e);
            }
        }
        var upper = env.ToDictionary(e => e.Key.ToUpperInvariant(), e => e.Value);
        builder.AddInMemoryCollection(upper
            .Where(e => e.Key.StartsWith("JAXNET_", StringComparison.Ordinal))
            .Select(e => new KeyValuePair<string, string?>(e.Key["JAXNET_".Length..].Replace("__", ":"), e.Value)));
        return new JaxNetConfig(builder.Build(), upper);
    }

    /// <summary>The platforms in priority order, or null when none is configured (the host then uses its default).</summary>
    public IReadOnlyList<string>? Platforms
    {
        get
        {
            var text = configuration["PLATFORMS"] ?? configuration["platforms"];
            if (string.IsNullOrWhiteSpace(text)) return null;
            return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => p.ToLowerInvariant()).ToArray();
        }
    }

    /// <summary>Extra plugin folders, from <c>pluginPath</c> / <c>JAXNET_PLUGIN_PATH</c>.</summary>
    public IReadOnlyList<string> PluginPaths
    {
        get
        {
            var text = configuration["PLUGIN_PATH"] ?? configuration["pluginPath"];
            var list = new List<string>();
            if (!string.IsNullOrWhiteSpace(text))
                list.AddRange(text.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            list.AddRange(configuration.GetSection("pluginPath").GetChildren().Select(c => c.Value).OfType<string>());
            return list;
        }
    }

    /// <summary>The log level: error, warning (default), info or debug.</summary>
    public LogLevel LogLevel => (configuration["LOG"] ?? configuration["log"])?.ToLowerInvariant() switch
    {
        "error" => LogLevel.Error,
        "info" => LogLevel.Info,
        "debug" => LogLevel.Debug,
        _ => LogLevel.Warning,
    };

    /// <summary>
    /// The settings handed to a platform's plugin: the section <c>backends:&lt;platform&gt;</c>, overridden by
    /// <c>JAXNET_&lt;PLATFORM&gt;_&lt;KEY&gt;</c> variables. Keys are lower case.
    /// </summary>
    public IReadOnlyDictionary<string, string?> BackendSettings(string platform)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var entry in configuration.GetSection("backends").GetSection(platform).AsEnumerable(makePathsRelative: true))
            if (entry.Value is not null) settings[entry.Key.ToLowerInvariant()] = entry.Value;
        var prefix = "JAXNET_" + platform.ToUpperInvariant().Replace('-', '_') + "_";
        foreach (var (key, value) in environment)
            if (key.StartsWith(prefix, StringComparison.Ordinal) && key.Length > prefix.Length)
                settings[key[prefix.Length..].ToLowerInvariant()] = value;
        return settings;
    }
}

/// <summary>The configuration cannot be read.</summary>
public sealed class JaxNetConfigException(string message, Exception? inner = null) : Exception(message, inner);
