namespace JaxNet.Backends.TpuSim.Timing;

/// <summary>The unit of a TPU core that does a kernel's work.</summary>
public enum ExecutionUnit
{
    /// <summary>The matrix units (contractions, convolutions).</summary>
    Mxu,

    /// <summary>The vector unit (elementwise, reductions, scans, sorts, gathers and scatters).</summary>
    Vpu,

    /// <summary>The transpose/permute unit (non-contiguous copies).</summary>
    Xlu,

    /// <summary>DMA only (contiguous copies).</summary>
    Dma,
}

/// <summary>
/// The simulated cost of one kernel. <see cref="Cycles"/> = <see cref="ComputeCycles"/> + <see cref="StallCycles"/>,
/// where stalls are the HBM time not hidden under compute. <see cref="MxuUtilization"/> is MACs issued to the MXUs
/// (all bf16 passes) over (cycles x MXUs x rows x cols); 0 for kernels without MXU work.
/// </summary>
public sealed record KernelTiming(
    string Name,
    string Kind,
    ExecutionUnit Unit,
    long ComputeCycles,
    long StallCycles,
    long HbmBytes,
    long Macs,
    long Folds,
    int Passes,
    double MxuUtilization,
    bool Spilled)
{
    public long Cycles => ComputeCycles + StallCycles;
}
