using System.Globalization;
using System.Text;
using JaxNet.Backends.TpuSim.Machine;
using JaxNet.Backends.TpuSim.Timing;

namespace JaxNet.Backends.TpuSim.Reports;

/// <summary>
/// The simulated cost of a module: per kernel and in total. <see cref="ToText"/> is the stable, parseable form
/// that <c>IExecutable.Describe()</c> contains (one <c>key=value</c> line per kernel, see docs/tpu-sim.md).
/// </summary>
public sealed record ModuleReport(string Module, TpuMachine Machine, IReadOnlyList<KernelTiming> Kernels)
{
    public long TotalCycles => Kernels.Sum(k => k.Cycles);

    public long TotalStallCycles => Kernels.Sum(k => k.StallCycles);

    public long TotalHbmBytes => Kernels.Sum(k => k.HbmBytes);

    public long TotalMacs => Kernels.Sum(k => k.Macs);

    /// <summary>MACs over the whole module's cycles times the MXUs' peak.</summary>
    public double MxuUtilization
    {
        get
        {
            var peak = (double)TotalCycles * Machine.Mxu.Count * Machine.Mxu.Rows * Machine.Mxu.Cols;
            return peak == 0 ? 0 : TotalMacs / peak;
        }
    }

    /// <summary>Simulated wall time in microseconds at the machine's clock.</summary>
    public double Microseconds(long cycles) => cycles / Machine.ClockMHz;

    public string ToText()
    {
        var s = new StringBuilder();
        s.Append("tpu-sim module ").Append(Module).Append(" machine=").Append(Machine.Name).Append('\n');
        s.Append("tpu-sim machine ").Append(Machine.Summary).Append('\n');
        foreach (var k in Kernels)
        {
            s.Append("tpu-sim kernel name=").Append(k.Name)
                .Append(" kind=").Append(k.Kind)
                .Append(" unit=").Append(k.Unit.ToString().ToLowerInvariant())
                .Append(" cycles=").Append(k.Cycles)
                .Append(" compute_cycles=").Append(k.ComputeCycles)
                .Append(" stall_cycles=").Append(k.StallCycles)
                .Append(" mxu_util=").Append(F(k.MxuUtilization))
                .Append(" hbm_bytes=").Append(k.HbmBytes)
                .Append(" macs=").Append(k.Macs)
                .Append(" folds=").Append(k.Folds)
                .Append(" passes=").Append(k.Passes)
                .Append(" spilled=").Append(k.Spilled ? "true" : "false")
                .Append(" time_us=").Append(F(Microseconds(k.Cycles)))
                .Append('\n');
        }
        s.Append("tpu-sim total cycles=").Append(TotalCycles)
            .Append(" stall_cycles=").Append(TotalStallCycles)
            .Append(" mxu_util=").Append(F(MxuUtilization))
            .Append(" hbm_bytes=").Append(TotalHbmBytes)
            .Append(" macs=").Append(TotalMacs)
            .Append(" time_us=").Append(F(Microseconds(TotalCycles)))
            .Append('\n');
        return s.ToString();
    }

    private static string F(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
