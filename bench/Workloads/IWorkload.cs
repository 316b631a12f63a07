using JaxNet.Bench.Limits;

namespace JaxNet.Bench.Workloads;

/// <summary>
/// One row of the bench: a workload measured in JaxNet here and, under <see cref="PeerKey"/>, by NumPy and
/// PyTorch in bench/peers.py (the two definitions must match).
/// </summary>
internal interface IWorkload
{
    /// <summary>The row's title in the table.</summary>
    string Title { get; }

    /// <summary>The key of the same workload in peers.py's output.</summary>
    string PeerKey { get; }

    Unit Unit { get; }

    /// <summary>Runs and times JaxNet's version; a workload that cannot run says why.</summary>
    JaxNetOutcome MeasureJaxNet(BenchContext context);

    /// <summary>The machine's limit for this workload in its unit, from the roofline programs, or null when none applies.</summary>
    Limit? LimitFrom(RooflineFigures roofline);
}

/// <summary>A limit for a row and how it was derived (for the notes and the JSON).</summary>
internal sealed record Limit(double Value, string Basis);
