namespace JaxNet.Abstractions;

/// <summary>
/// Optional, implemented by an executable whose backend measures or simulates its kernels (the TPU simulator's
/// cycles, MXU utilization and HBM traffic). The host adds these figures to a compiled program's cost analysis.
/// Keys are lower-case snake_case names with units in the name where they have one (<c>cycles</c>, <c>hbm_bytes</c>,
/// <c>time_us</c>).
/// </summary>
public interface IExecutableMetrics
{
    /// <summary>Named figures per kernel of the module, in schedule order.</summary>
    IReadOnlyList<IReadOnlyDictionary<string, double>> KernelMetrics { get; }

    /// <summary>Named figures for the whole module.</summary>
    IReadOnlyDictionary<string, double> TotalMetrics { get; }
}
