using System.Diagnostics;

namespace JaxNet.Backends.CpuSimd.Launch;

/// <summary>
/// The backend's own helper threads for parallel loops, one per core beyond the caller's. After a loop each helper
/// spins for <see cref="SpinTime"/> before it sleeps, as OpenMP runtimes do (OpenBLAS's and PyTorch's threads),
/// so the kernels of a jitted step, which follow each other within microseconds, find their helpers awake. On the
/// .NET thread pool a sleeping helper took longer to wake on this VM than half a product takes, so the caller ran
/// both halves: 10-35% of the MLP step's products took twice their best time (bimodal per-kernel times).
/// </summary>
/// <remarks>
/// One loop at a time owns the helpers. A loop started while they are taken (by another device's stream) runs on
/// the .NET thread pool instead, and a loop started from inside a loop body runs on its own thread.
/// </remarks>
internal sealed class ForkJoinPool
{
    /// <summary>How long a helper keeps looking for work before it sleeps.</summary>
    public static readonly TimeSpan SpinTime = TimeSpan.FromMilliseconds(1);

    public static ForkJoinPool Shared { get; } = new(Environment.ProcessorCount - 1);

    [ThreadStatic] private static bool inLoop;

    private readonly SemaphoreSlim wake = new(0);
    private readonly long spinTicks = (long)(SpinTime.TotalSeconds * Stopwatch.Frequency);
    private readonly int helperCount;
    private Loop? current;
    private long generation;
    private int sleepers;
    private int owned;

    private ForkJoinPool(int helpers)
    {
        helperCount = helpers;
        for (var i = 0; i < helpers; i++)
            new Thread(Help) { IsBackground = true, Name = $"jaxnet-cpu-helper-{i}" }.Start();
    }

    /// <summary>Runs <paramref name="body"/> for 0..count-1 on the caller and the helpers, indices taken in order.</summary>
    public void For(int count, Action<int> body)
    {
        if (count <= 0) return;
        if (inLoop || count == 1)
        {
            for (var i = 0; i < count; i++) body(i);
            return;
        }
        if (helperCount == 0 || Interlocked.CompareExchange(ref owned, 1, 0) != 0)
        {
            OnDotNetPool(count, body);
            return;
        }
        var loop = new Loop(body, count);
        try
        {
            Volatile.Write(ref current, loop);
            Interlocked.Increment(ref generation);
            var asleep = Volatile.Read(ref sleepers);
            if (asleep > 0) wake.Release(asleep);
            inLoop = true;
            loop.Work();
            loop.WaitForAll();
        }
        finally
        {
            inLoop = false;
            Volatile.Write(ref current, null);
            Volatile.Write(ref owned, 0);
        }
        if (loop.Error is { } error) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
    }

    /// <summary>
    /// The fallback loop on the .NET pool, with the helpers' error contract: every index runs, and the first error
    /// is rethrown as itself (Parallel.For alone would stop starting indices and wrap it in an AggregateException,
    /// so a caller would see another exception type depending on whether the helpers were free).
    /// </summary>
    internal static void OnDotNetPool(long count, Action<long> body)
    {
        Exception? first = null;
        Parallel.For(0, count, CpuParallel.Options, i =>
        {
            try
            {
                body(i);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref first, e, null);
            }
        });
        if (first is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
    }

    private static void OnDotNetPool(int count, Action<int> body) => OnDotNetPool((long)count, i => body((int)i));

    private void Help()
    {
        inLoop = true;
        var seen = Volatile.Read(ref generation);
        while (true)
        {
            var deadline = Stopwatch.GetTimestamp() + spinTicks;
            var spinner = new SpinWait();
            while (Volatile.Read(ref generation) == seen)
            {
                if (Stopwatch.GetTimestamp() < deadline)
                {
                    // After a few busy spins SpinOnce yields the core: the stream thread and the caller that
                    // queue the next kernel must not wait for a spinning helper's time slice to end.
                    spinner.SpinOnce(sleep1Threshold: -1);
                    continue;
                }
                // Announce the sleep, then look once more: a loop published in between either is seen here or
                // sees the sleeper and releases it.
                Interlocked.Increment(ref sleepers);
                if (Volatile.Read(ref generation) == seen) wake.Wait();
                Interlocked.Decrement(ref sleepers);
                deadline = Stopwatch.GetTimestamp() + spinTicks;
                spinner.Reset();
            }
            seen = Volatile.Read(ref generation);
            Volatile.Read(ref current)?.Work();
        }
    }

    /// <summary>One parallel loop: indices are claimed with an atomic counter; the caller waits until all are done.</summary>
    private sealed class Loop(Action<int> body, int count)
    {
        private int next = -1;
        private int done;

        public Exception? Error { get; private set; }

        public void Work()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                try
                {
                    body(i);
                }
                catch (Exception e)
                {
                    lock (this) Error ??= e;
                }
                finally
                {
                    Interlocked.Increment(ref done);
                }
            }
        }

        public void WaitForAll()
        {
            var spin = new SpinWait();
            while (Volatile.Read(ref done) < count) spin.SpinOnce(sleep1Threshold: -1);
        }
    }
}
