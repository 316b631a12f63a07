using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.TpuSim.Reports;

namespace JaxNet.Backends.TpuSim;

/// <summary>
/// A compiled module: the kernels to run and their simulated cost, which depends only on shapes and is computed
/// once at compile time. <see cref="Describe"/> gives the per-kernel report (docs/tpu-sim.md).
/// </summary>
internal sealed class TpuExecutable(KernelModule module, ModuleReport report) : IExecutable
{
    public KernelModule Module { get; } = module;

    public ModuleReport Report { get; } = report;

    public string Describe() => Report.ToText();

    public void Dispose()
    {
    }
}
