namespace JaxNet.Bench.Workloads;

/// <summary>
/// One side's figure for a workload, in the workload's unit: <see cref="Best"/> from the fastest sample,
/// <see cref="Median"/> from the median one. <see cref="Note"/> says what was checked or anything odd.
/// </summary>
internal sealed record Measurement(double Best, double Median, string? Note = null);

/// <summary>JaxNet's side of a workload: a measurement, or the reason there is none (never a made-up number).</summary>
internal sealed record JaxNetOutcome(string Implementation, Measurement? Measurement, string? Unavailable)
{
    public static JaxNetOutcome Measured(string implementation, Measurement measurement) => new(implementation, measurement, null);

    public static JaxNetOutcome NotAvailable(string implementation, string reason) => new(implementation, null, reason);
}
