using System.Diagnostics;

namespace JaxNet.Tests.Runtime;

/// <summary>
/// Arguments that nothing else references (temporaries, <c>f(Jnp.Array(...))</c>) stay alive until their launch is
/// issued: only buffer handles reach the backend, so a collection in between used to finalize an argument and free
/// its buffer first (cpu: "parameters ... was already freed"; a backend without that check would read freed
/// memory). Found by the random-program differential tester. Here a thread collecting garbage without pause makes it
/// happen, before the fix, within 2 to 4 seconds of calls with temporary arguments; the test calls for 5.
/// </summary>
public class TemporaryArgumentLifetimeTests
{
    [Fact]
    public void Temporary_arguments_outlive_the_launch_that_reads_them()
    {
        const int arity = 4;
        var sum = Jax.Jit((NDArray[] xs) => [xs.Aggregate((a, b) => a + b)], arity);
        float Call() => sum(Enumerable.Range(0, arity).Select(k => Jnp.FromHost<float>([k, 1], [2])).ToArray())[0].ToArray<float>()[0];

        var stop = 0;
        var collector = new Thread(() =>
        {
            while (Volatile.Read(ref stop) == 0)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });
        collector.Start();
        var failures = new List<string>();
        try
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < 5 && failures.Count == 0)
            {
                try
                {
                    var total = Call();
                    if (total != arity * (arity - 1) / 2) failures.Add($"sum {total}");
                }
                catch (ArgumentException e)
                {
                    failures.Add($"{clock.Elapsed.TotalSeconds:F1} s: " + e.Message);
                }
            }
        }
        finally
        {
            Volatile.Write(ref stop, 1);
            collector.Join();
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
