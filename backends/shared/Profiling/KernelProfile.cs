using System.Diagnostics;
using System.Globalization;

namespace JaxNet.Backends.Shared.Profiling;

/// <summary>
/// The time each kernel of an executable has taken over all its launches (setting <c>profile</c>): how a user
/// finds which of a jitted step's kernels to look at, as XLA's profiler does. Launches may run on several
/// threads at once, so the sums are added atomically.
/// </summary>
internal sealed class KernelProfile(int kernels)
{
    private readonly long[] ticks = new long[kernels];
    private readonly long[] runs = new long[kernels];
    private readonly long[] fastest = Enumerable.Repeat(long.MaxValue, kernels).ToArray();

    public void Add(int kernel, long elapsedTicks)
    {
        Interlocked.Add(ref ticks[kernel], elapsedTicks);
        Interlocked.Increment(ref runs[kernel]);
        var best = Interlocked.Read(ref fastest[kernel]);
        while (elapsedTicks < best)
        {
            var seen = Interlocked.CompareExchange(ref fastest[kernel], elapsedTicks, best);
            if (seen == best) break;
            best = seen;
        }
    }

    /// <summary>"; mean 12.3 us, best 10.1 us over 40 launches" for the kernel's line in Describe.</summary>
    public string Describe(int kernel)
    {
        var count = Interlocked.Read(ref runs[kernel]);
        if (count == 0) return "; not run yet";
        var mean = Interlocked.Read(ref ticks[kernel]) * 1e6 / Stopwatch.Frequency / count;
        var best = Interlocked.Read(ref fastest[kernel]) * 1e6 / Stopwatch.Frequency;
        return string.Create(CultureInfo.InvariantCulture, $"; mean {mean:F1} us, best {best:F1} us over {count} launches");
    }
}
