using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.TpuSim.Reports;

namespace JaxNet.Backends.TpuSim;

/// <summary>
/// A compiled module: the kernels to run and their simulated cost, which depends only on shapes and is computed
/// once at compile time. <see cref="Describe"/> gives the per-kernel report (docs/tpu-sim.md).
/// </summary>
internal sealed class TpuExecutable(KernelModule module, ModuleReport report) : IExecutable, IExecutableMetrics
{
    public KernelModule Module { get; } = module;

    public ModuleReport Report { get; } = report;

    public IReadOnlyList<IReadOnlyDictionary<string, double>> KernelMetrics { get; } = report.Kernels
        .Select(k => (IReadOnlyDictionary<string, double>)new Dictionary<string, double>
        {
            ["cycles"] = k.Cycles,
            ["compute_cycles"] = k.ComputeCycles,
            ["stall_cycles"] = k.StallCycles,
            ["mxu_util"] = k.MxuUtilization,
            ["hbm_bytes"] = k.HbmBytes,
            ["macs"] = k.Macs,
            ["time_us"] = report.Microseconds(k.Cycles),
        })
        .ToArray();

    public IReadOnlyDictionary<string, double> TotalMetrics { get; } = new Dictionary<string, double>
    {
        ["cycles"] = report.TotalCycles,
        ["stall_cycles"] = report.TotalStallCycles,
        ["mxu_util"] = report.MxuUtilization,
        ["hbm_bytes"] = report.TotalHbmBytes,
        ["macs"] = report.TotalMacs,
        ["time_us"] = report.Microseconds(report.TotalCycles),
    };

    public string Describe() => Report.ToText();

    public void Dispose()
    {
    }
}
