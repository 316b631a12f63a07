using System.Text.Json;
using JaxNet.Bench.Peers;
using JaxNet.Bench.Limits;
using JaxNet.Bench.Workloads;

namespace JaxNet.Bench.Report;

/// <summary>Writes the whole run as JSON: the machine, the limits, the peers' environment and every row's figures.</summary>
internal static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static void Write(string path, MachineInfo machine, bool quick, RooflineFigures roofline, PeerFigures peers,
        IReadOnlyList<BenchRow> rows)
    {
        var report = new
        {
            date = machine.Date,
            quick,
            machine = new
            {
                cpu = machine.Cpu,
                logical_cores = machine.LogicalCores,
                os = machine.Os,
                dotnet = machine.DotNet,
                load_average_before = machine.LoadBefore,
                load_average_after = machine.LoadAfter,
            },
            roofline = new
            {
                fma_peak_gflops = roofline.FmaPeakGflops,
                triad_gbs = roofline.TriadGBs,
                fused_sum_ms = roofline.FusedSumMs,
                threads = roofline.Threads,
                compiler = roofline.Compiler,
                errors = roofline.Errors,
            },
            peers = new
            {
                error = peers.Error,
                info = peers.InfoJson is null ? (JsonElement?)null : JsonDocument.Parse(peers.InfoJson).RootElement.Clone(),
            },
            rows = rows.Select(r => new
            {
                key = r.Workload.PeerKey,
                workload = r.Workload.Title,
                unit = r.Workload.Unit.Symbol(),
                higher_is_better = r.Workload.Unit.HigherIsBetter(),
                jaxnet = new
                {
                    implementation = r.JaxNet.Implementation,
                    best = r.JaxNet.Measurement?.Best,
                    median = r.JaxNet.Measurement?.Median,
                    note = r.JaxNet.Measurement?.Note,
                    unavailable = r.JaxNet.Unavailable,
                },
                numpy = Side(r.NumPy),
                pytorch = Side(r.Torch),
                limit = r.Limit is null ? null : new { value = r.Limit.Value, basis = r.Limit.Basis },
                speed_vs_numpy = r.SpeedRatio(r.NumPy),
                speed_vs_pytorch = r.SpeedRatio(r.Torch),
            }),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(report, Options) + "\n");
    }

    private static object? Side(Measurement? m) => m is null ? null : new { best = m.Best, median = m.Median };
}
