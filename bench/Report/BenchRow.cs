using JaxNet.Bench.Workloads;

namespace JaxNet.Bench.Report;

/// <summary>One row of the result: a workload and every side's figure for it.</summary>
internal sealed record BenchRow(IWorkload Workload, JaxNetOutcome JaxNet, Measurement? NumPy, Measurement? Torch, Limit? Limit)
{
    /// <summary>JaxNet's speed over a peer's (above 1: JaxNet is faster), from the best figures; null when a side is missing.</summary>
    public double? SpeedRatio(Measurement? peer) =>
        JaxNet.Measurement is { } own && peer is not null ? Workload.Unit.SpeedRatio(own.Best, peer.Best) : null;
}
