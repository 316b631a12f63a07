using JaxNet.Abstractions;

namespace JaxNet.Runtime;

/// <summary>
/// The backends of this process: the plugins found on disk, their state, and the default backend chosen by the
/// configured priority list. Discovery reads every plugin's attribute and ABI version; a backend is created the
/// first time it is asked for (or by <see cref="LoadAll"/>), so an unused broken plugin costs nothing.
/// </summary>
public sealed class BackendRegistry : IDisposable
{
    /// <summary>
    /// The order used when no platforms are configured: a real accelerator first, then the CPU. Vulkan and the
    /// TPU simulator are chosen only by name: on a machine whose Vulkan device is a software rasteriser, the
    /// native CPU backend is the better default.
    /// </summary>
    public static IReadOnlyList<string> DefaultPriority { get; } = ["cuda", "cpu"];

    private static readonly Lazy<BackendRegistry> Shared = new(() => Create(JaxNetConfig.Load()));

    private readonly Lock gate = new();
    private readonly List<PluginReport> reports = [];
    private readonly Dictionary<string, IBackendPlugin> entries = new(StringComparer.Ordinal);
    private IBackend? defaultBackend;

    private BackendRegistry(JaxNetConfig config) => Config = config;

    /// <summary>The process-wide registry, configured from jaxnet.json and the environment.</summary>
    public static BackendRegistry Default => Shared.Value;

    public JaxNetConfig Config { get; }

    /// <summary>The folders searched: the app's plugins/ folder, then the plugin path.</summary>
    public IReadOnlyList<string> Roots { get; private set; } = [];

    /// <summary>Discovers the plugins under the app's <c>plugins/</c> folder and the configured plugin path.</summary>
    public static BackendRegistry Create(JaxNetConfig config, IEnumerable<string>? roots = null)
    {
        RuntimeLog.Level = config.LogLevel;
        var registry = new BackendRegistry(config);
        registry.Roots = (roots ?? [Path.Combine(AppContext.BaseDirectory, "plugins")]).Concat(config.PluginPaths).ToArray();
        registry.Discover();
        return registry;
    }

    /// <summary>Every plugin found, in discovery order, with its current state.</summary>
    public IReadOnlyList<PluginReport> Plugins
    {
        get { lock (gate) return reports.ToArray(); }
    }

    /// <summary>Creates every discovered backend and returns the reports (for <c>jaxnet backends</c> and Jax.Backends()).</summary>
    public IReadOnlyList<PluginReport> LoadAll()
    {
        foreach (var report in Plugins)
            if (report.State == PluginState.Discovered) TryGet(report.Platform!, out _);
        return Plugins;
    }

    /// <summary>The backend of a platform, creating it on first use; null with the reason when it cannot serve.</summary>
    public IBackend? TryGet(string platform, out string? reason)
    {
        lock (gate)
        {
            var index = reports.FindIndex(r => r.Platform == platform && r.State != PluginState.Failed);
            if (index < 0)
            {
                var failed = reports.FirstOrDefault(r => r.Platform == platform);
                reason = failed?.Reason ?? $"no plugin for platform '{platform}' in {string.Join(", ", Roots)}";
                return null;
            }
            var report = reports[index];
            if (report.State == PluginState.Discovered)
            {
                report = PluginLoader.Create(report, entries[platform], Config);
                reports[index] = report;
                if (report.IsLoaded)
                    RuntimeLog.Info($"loaded backend '{platform}' from {report.Folder}: {report.Backend!.Description}");
                else
                    RuntimeLog.Info($"backend '{platform}' is unavailable: {report.Reason}");
            }
            reason = report.Reason;
            return report.Backend;
        }
    }

    /// <summary>The entry point of a discovered platform's plugin (for its optional <see cref="IPluginCommands"/>).</summary>
    public IBackendPlugin? EntryOf(string platform)
    {
        lock (gate) return entries.GetValueOrDefault(platform);
    }

    /// <summary>The context a plugin's entry point is given for <paramref name="platform"/>.</summary>
    public PluginContext ContextFor(string platform)
    {
        var folder = Plugins.FirstOrDefault(p => p.Platform == platform)?.Folder ?? "";
        return new PluginContext(platform, folder, Config.BackendSettings(platform), line => RuntimeLog.Info($"{platform}: {line}"));
    }

    /// <summary>The backend of a platform; throws <see cref="BackendUnavailableException"/> with the reason.</summary>
    public IBackend Get(string platform) =>
        TryGet(platform, out var reason) ?? throw new BackendUnavailableException($"backend '{platform}' is unavailable: {reason}");

    /// <summary>
    /// The default backend: the first platform of the configured list (or <see cref="DefaultPriority"/>, then any
    /// other plugin) whose plugin loads and has a device. What was skipped, and why, is logged.
    /// </summary>
    public IBackend DefaultBackend
    {
        get
        {
            lock (gate)
            {
                if (defaultBackend is not null) return defaultBackend;
                var configured = Config.Platforms;
                var order = configured ?? DefaultPriority.Concat(
                    reports.Select(r => r.Platform).OfType<string>().Where(p => !DefaultPriority.Contains(p) && p is not ("vulkan" or "tpu-sim"))).ToArray();
                var skipped = new List<string>();
                foreach (var platform in order)
                {
                    var backend = TryGet(platform, out var reason);
                    if (backend is not null && configured is null && IsEmulated(backend))
                    {
                        skipped.Add($"platform '{platform}' skipped: its devices are emulated (choose it by name)");
                        continue;
                    }
                    if (backend is not null)
                    {
                        foreach (var s in skipped)
                            (configured is null ? (Action<string>)RuntimeLog.Info : RuntimeLog.Warning)(s);
                        if (skipped.Count > 0) RuntimeLog.Info($"using backend '{platform}'");
                        return defaultBackend = backend;
                    }
                    skipped.Add($"platform '{platform}' skipped: {reason}");
                }
                throw new BackendUnavailableException(
                    $"no backend could be loaded from [{string.Join(", ", order)}]: {string.Join("; ", skipped)}");
            }
        }
    }

    /// <summary>A backend whose devices all say <c>emulated=true</c> (CUDA on ILGPU's CPU accelerator) is never a default.</summary>
    private static bool IsEmulated(IBackend backend) =>
        backend.Devices.All(d => d.Attributes.TryGetValue("emulated", out var value) && value == "true");

    private void Discover()
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var root in Roots)
        {
            if (!Directory.Exists(root))
            {
                RuntimeLog.Debug($"plugin folder {root} does not exist");
                continue;
            }
            foreach (var candidate in PluginCandidate.FindIn(root))
            {
                var (report, entry) = PluginLoader.Open(candidate);
                if (report.Platform is not null && entry is not null)
                {
                    if (seen.TryGetValue(report.Platform, out var first))
                    {
                        report = report with { State = PluginState.Failed, Reason = $"platform '{report.Platform}' is already provided by {first}" };
                    }
                    else
                    {
                        seen[report.Platform] = candidate.Folder;
                        entries[report.Platform] = entry;
                    }
                }
                if (report.State == PluginState.Failed) RuntimeLog.Info($"plugin {candidate.Folder} skipped: {report.Reason}");
                reports.Add(report);
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var r in reports) r.Backend?.Dispose();
            reports.Clear();
        }
    }
}
