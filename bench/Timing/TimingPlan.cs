namespace JaxNet.Bench.Timing;

/// <summary>
/// How long to time: <see cref="Samples"/> samples, each a batch of calls lasting at least
/// <see cref="MinSampleSeconds"/> (so the timer's resolution and one-off hiccups do not matter).
/// peers.py uses the same two plans.
/// </summary>
internal sealed record TimingPlan(int Samples, double MinSampleSeconds)
{
    public static TimingPlan Full { get; } = new(15, 0.1);

    public static TimingPlan Quick { get; } = new(5, 0.02);
}
