using System.Text.Json;
using JaxNet.Bench.Workloads;

namespace JaxNet.Bench.Peers;

/// <summary>
/// Runs bench/peers.py (copied beside the runner) with Debian's /usr/bin/python3. OPENBLAS_CORETYPE and
/// OPENBLAS_L2_SIZE are removed from that child's environment only, so OpenBLAS picks its own kernels for the
/// CPU as it would on a user's machine; this process's environment is left as it is.
/// </summary>
internal static class PeerRunner
{
    public const string Python = "/usr/bin/python3";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    public static PeerFigures Measure(bool quick, IReadOnlyList<string>? only)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "peers.py");
        if (!File.Exists(Python)) return PeerFigures.Skipped($"{Python} is missing (apt-get install python3-numpy python3-torch)");
        var environment = new Dictionary<string, string?> { ["OPENBLAS_CORETYPE"] = null, ["OPENBLAS_L2_SIZE"] = null };
        List<string> arguments = [script];
        if (quick) arguments.Add("--quick");
        if (only is not null) arguments.AddRange(["--only", .. only]);
        var run = ChildProcess.Run(Python, arguments, environment, Timeout, echoStderr: true);
        if (run.Error is not null) return PeerFigures.Skipped(run.Error);
        try
        {
            return Parse(run.Stdout);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return PeerFigures.Skipped($"peers.py printed something other than its JSON: {e.Message}");
        }
    }

    private static PeerFigures Parse(string stdout)
    {
        using var json = JsonDocument.Parse(stdout);
        var byLibrary = new Dictionary<string, IReadOnlyDictionary<string, Measurement>>();
        foreach (var library in new[] { PeerFigures.NumPy, PeerFigures.Torch })
        {
            var figures = new Dictionary<string, Measurement>();
            if (json.RootElement.TryGetProperty(library, out var rows))
                foreach (var row in rows.EnumerateObject())
                    figures[row.Name] = new Measurement(row.Value.GetProperty("best").GetDouble(), row.Value.GetProperty("median").GetDouble());
            byLibrary[library] = figures;
        }
        var info = json.RootElement.TryGetProperty("info", out var element) ? element.GetRawText() : null;
        return new PeerFigures(byLibrary, info, null);
    }
}
