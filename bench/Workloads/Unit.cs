namespace JaxNet.Bench.Workloads;

/// <summary>The unit a workload is reported in: a rate (higher is better) or a time per call (lower is better).</summary>
internal enum Unit
{
    GflopPerSecond,
    Milliseconds,
    Microseconds,
    Nanoseconds,
}

internal static class UnitInfo
{
    public static string Symbol(this Unit unit) => unit switch
    {
        Unit.GflopPerSecond => "GFLOP/s",
        Unit.Milliseconds => "ms",
        Unit.Microseconds => "us",
        _ => "ns",
    };

    public static bool HigherIsBetter(this Unit unit) => unit == Unit.GflopPerSecond;

    /// <summary>A time per call in this unit; rates need the work per call, so they are the workload's business.</summary>
    public static double FromSeconds(this Unit unit, double seconds) => unit switch
    {
        Unit.Milliseconds => seconds * 1e3,
        Unit.Microseconds => seconds * 1e6,
        Unit.Nanoseconds => seconds * 1e9,
        _ => throw new ArgumentException("a rate is not a time", nameof(unit)),
    };

    /// <summary>
    /// How many times faster <paramref name="subject"/> is than <paramref name="peer"/>: above 1 the subject wins,
    /// whatever the unit's direction.
    /// </summary>
    public static double SpeedRatio(this Unit unit, double subject, double peer) =>
        unit.HigherIsBetter() ? subject / peer : peer / subject;
}
