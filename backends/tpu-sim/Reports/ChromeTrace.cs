using System.Text.Json;
using JaxNet.Backends.TpuSim.Interconnect;
using JaxNet.Backends.TpuSim.Machine;

namespace JaxNet.Backends.TpuSim.Reports;

/// <summary>
/// A Chrome trace (the JSON "traceEvents" format that Perfetto and chrome://tracing open) of simulated time: one
/// complete event per kernel launch, on one track per device and execution unit, and one per collective on each
/// member's "ici" track. Times come from the backend's simulated clocks. The file is rewritten after each event,
/// so it is always valid JSON; at most <see cref="MaxEvents"/> events are kept.
/// </summary>
public sealed class ChromeTrace(string path, TpuMachine machine)
{
    public const int MaxEvents = 200_000;

    private readonly object gate = new();
    private readonly List<Dictionary<string, object>> events = [];

    public string Path { get; } = path;

    /// <summary>Appends a launch of <paramref name="report"/>'s module on a device that began at a cycle.</summary>
    public void AddLaunch(int device, long startCycle, ModuleReport report)
    {
        lock (gate)
        {
            var cycle = startCycle;
            foreach (var k in report.Kernels)
            {
                Add(k.Name, k.Kind, device, k.Unit.ToString().ToLowerInvariant(), cycle, k.Cycles, new Dictionary<string, object>
                {
                    ["module"] = report.Module,
                    ["cycles"] = k.Cycles,
                    ["stall_cycles"] = k.StallCycles,
                    ["mxu_util"] = k.MxuUtilization,
                    ["hbm_bytes"] = k.HbmBytes,
                });
                cycle += k.Cycles;
            }
            Write();
        }
    }

    /// <summary>Appends a collective on each of its members' devices, all starting at one cycle.</summary>
    public void AddCollective(IReadOnlyList<int> devices, long startCycle, CollectiveTiming timing)
    {
        lock (gate)
        {
            foreach (var device in devices)
                Add(timing.Kind.ToString(), "collective", device, "ici", startCycle, timing.Cycles, new Dictionary<string, object>
                {
                    ["group_size"] = timing.GroupSize,
                    ["cycles"] = timing.Cycles,
                    ["steps"] = timing.Steps,
                    ["longest_hop"] = timing.LongestHop,
                    ["link_bytes"] = timing.LinkBytes,
                });
            Write();
        }
    }

    private void Add(string name, string category, int device, string track, long startCycle, long cycles, Dictionary<string, object> args)
    {
        if (events.Count >= MaxEvents) return;
        events.Add(new Dictionary<string, object>
        {
            ["name"] = name,
            ["cat"] = category,
            ["ph"] = "X",
            ["ts"] = startCycle / machine.ClockMHz,
            ["dur"] = cycles / machine.ClockMHz,
            ["pid"] = device,
            ["tid"] = track,
            ["args"] = args,
        });
    }

    private void Write()
    {
        var document = new Dictionary<string, object>
        {
            ["traceEvents"] = events,
            ["displayTimeUnit"] = "ns",
            ["otherData"] = new Dictionary<string, object> { ["machine"] = machine.Summary },
        };
        File.WriteAllText(Path, JsonSerializer.Serialize(document));
    }
}
