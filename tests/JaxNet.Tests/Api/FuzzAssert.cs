using JaxNet.Fuzz.Generation;
using JaxNet.Fuzz.Numerics;
using JaxNet.Fuzz.Running;
using JaxNet.Runtime;
using Xunit.Abstractions;

namespace JaxNet.Tests.Api;

/// <summary>Runs seeds of a fuzzer family on targets and fails with the first minimised programs.</summary>
internal static class FuzzAssert
{
    public static Target On(string platform, RunMode mode = RunMode.Jit) =>
        new(platform, mode, NumericsModel.For(BackendRegistry.Default.Get(platform)));

    public static void NoFailures(ITestOutputHelper output, FuzzFamily family, IReadOnlyList<Target> targets, IEnumerable<int> seeds, FuzzOptions options)
    {
        var (tallies, failures) = FuzzRunner.Run(family, targets, seeds, options);
        foreach (var tally in tallies) output.WriteLine(tally.ToString());
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(3).Select(f => f.Render())));
        Assert.All(tallies, t => Assert.True(t.Compared > 0, $"{t.Target}: nothing was compared"));
    }
}
