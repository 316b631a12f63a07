using System.Text.Json;
using JaxNet.Backends.TpuSim.Timing;

namespace JaxNet.Backends.TpuSim.Reports;

/// <summary>
/// A Chrome trace (the JSON "traceEvents" format that Perfetto and chrome://tracing open) of simulated time: one
/// complete event per kernel launch, on one track per device and execution unit. The file is rewritten after each
/// launch, so it is always valid JSON; at most <see cref="MaxEvents"/> events are kept.
/// </summary>
public sealed class ChromeTrace(string path)
{
    public const int MaxEvents = 200_000;

    private readonly object gate = new();
    private readonly List<Dictionary<string, object>> events = [];
    private readonly Dictionary<int, double> deviceClockUs = [];

    public string Path { get; } = path;

    /// <summary>Appends a launch of <paramref name="report"/>'s module on a device and rewrites the file.</summary>
    public void AddLaunch(int device, ModuleReport report)
    {
        lock (gate)
        {
            var now = deviceClockUs.GetValueOrDefault(device);
            foreach (var k in report.Kernels)
            {
                var duration = report.Microseconds(k.Cycles);
                if (events.Count < MaxEvents)
                    events.Add(new Dictionary<string, object>
                    {
                        ["name"] = k.Name,
                        ["cat"] = k.Kind,
                        ["ph"] = "X",
                        ["ts"] = now,
                        ["dur"] = duration,
                        ["pid"] = device,
                        ["tid"] = k.Unit.ToString().ToLowerInvariant(),
                        ["args"] = new Dictionary<string, object>
                        {
                            ["module"] = report.Module,
                            ["cycles"] = k.Cycles,
                            ["stall_cycles"] = k.StallCycles,
                            ["mxu_util"] = k.MxuUtilization,
                            ["hbm_bytes"] = k.HbmBytes,
                        },
                    });
                now += duration;
            }
            deviceClockUs[device] = now;
            var document = new Dictionary<string, object>
            {
                ["traceEvents"] = events,
                ["displayTimeUnit"] = "ns",
                ["otherData"] = new Dictionary<string, object> { ["machine"] = report.Machine.Summary },
            };
            File.WriteAllText(Path, JsonSerializer.Serialize(document));
        }
    }
}
