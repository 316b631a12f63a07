using JaxNet.Backends.CpuSimd.Launch;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>The backend's helper threads: every index once, errors back on the caller, nested and concurrent loops.</summary>
public sealed class ForkJoinPoolTests
{
    [Fact]
    public void Every_index_runs_exactly_once()
    {
        for (var round = 0; round < 200; round++)
        {
            var hits = new int[round % 7 == 0 ? 1 : 100 + round];
            ForkJoinPool.Shared.For(hits.Length, i => Interlocked.Increment(ref hits[i]));
            Assert.All(hits, h => Assert.Equal(1, h));
        }
    }

    [Fact]
    public void An_exception_in_a_body_reaches_the_caller_after_the_other_indices_ran()
    {
        var ran = 0;
        var e = Assert.Throws<InvalidOperationException>(() => ForkJoinPool.Shared.For(64, i =>
        {
            Interlocked.Increment(ref ran);
            if (i == 7) throw new InvalidOperationException("index 7");
        }));
        Assert.Equal("index 7", e.Message);
        Assert.Equal(64, ran);
        // The helpers are free again.
        var hits = new int[32];
        ForkJoinPool.Shared.For(hits.Length, i => hits[i]++);
        Assert.All(hits, h => Assert.Equal(1, h));
    }

    [Fact]
    public async Task A_loop_that_falls_back_to_the_dotnet_pool_reports_errors_the_same_way()
    {
        // While one thread's loop holds the helpers, another thread's loop runs on the .NET pool: its error must
        // reach its caller as itself, after every index ran, as on the helpers.
        using var holding = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var owner = Task.Run(() => ForkJoinPool.Shared.For(2, i =>
        {
            if (i != 0) return;
            holding.Set();
            release.Wait();
        }));
        Assert.True(holding.Wait(TimeSpan.FromSeconds(10)));
        var ran = 0;
        try
        {
            var e = Assert.Throws<InvalidOperationException>(() => ForkJoinPool.Shared.For(64, i =>
            {
                Interlocked.Increment(ref ran);
                if (i == 7) throw new InvalidOperationException("index 7");
            }));
            Assert.Equal("index 7", e.Message);
            Assert.Equal(64, ran);
        }
        finally
        {
            release.Set();
            await owner;
        }
    }

    [Fact]
    public void A_loop_inside_a_loop_body_completes()
    {
        var hits = new int[16 * 16];
        ForkJoinPool.Shared.For(16, i => ForkJoinPool.Shared.For(16, j => Interlocked.Increment(ref hits[i * 16 + j])));
        Assert.All(hits, h => Assert.Equal(1, h));
    }

    [Fact]
    public void Loops_from_several_threads_at_once_all_complete()
    {
        var hits = new int[8, 500];
        Parallel.For(0, 8, t =>
        {
            for (var r = 0; r < 20; r++) ForkJoinPool.Shared.For(25, i => Interlocked.Increment(ref hits[t, r * 25 + i]));
        });
        foreach (var h in hits) Assert.Equal(1, h);
    }

    [Fact]
    public void Nothing_runs_for_an_empty_or_negative_count()
    {
        ForkJoinPool.Shared.For(0, _ => throw new InvalidOperationException());
        ForkJoinPool.Shared.For(-3, _ => throw new InvalidOperationException());
    }
}
