using System.Diagnostics;

namespace JaxNet.Bench.Timing;

/// <summary>Seconds per call of an action, timed like peers.py's <c>time_per_call</c>.</summary>
internal static class Sampler
{
    private const long MaxCallsPerSample = 1 << 24;

    /// <summary>
    /// Calls <paramref name="action"/> twice to warm up (JIT tiers, caches, lazy compilation), finds a batch size
    /// whose duration reaches the plan's minimum, then times the plan's samples. Returns (best, median) seconds per call.
    /// </summary>
    public static (double Best, double Median) SecondsPerCall(Action action, TimingPlan plan)
    {
        action();
        action();
        long calls = 1;
        while (true)
        {
            var elapsed = TimeBatch(action, calls);
            if (elapsed >= plan.MinSampleSeconds || calls >= MaxCallsPerSample) break;
            calls *= elapsed * 4 > plan.MinSampleSeconds ? 2 : 8;
        }
        var perCall = new double[plan.Samples];
        for (var s = 0; s < perCall.Length; s++) perCall[s] = TimeBatch(action, calls) / calls;
        Array.Sort(perCall);
        return (perCall[0], perCall[perCall.Length / 2]);
    }

    private static double TimeBatch(Action action, long calls)
    {
        var start = Stopwatch.GetTimestamp();
        for (long i = 0; i < calls; i++) action();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
