using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Cuda.Driver;

/// <summary>
/// Where emulation's time goes, for the CI budget: with <c>JAXNET_CUDA_TIMINGS</c> naming a file, the wall seconds,
/// the process's CPU seconds (all its threads: a launch runs on ILGPU's worker threads) and the counts of each phase (a module's compile, PTX codegen, ptxas, ILGPU's CPU compile, launches) are summed over
/// the process and appended to that file when it exits, so that a conformance run, from the CLI or from xunit, can
/// be broken down without a profiler. Phases nest (a module's compile contains the others), so their sum is not
/// the total; CPU seconds are the meaningful figure on a loaded machine, where wall time mostly measures waiting
/// for a core (and a phase's CPU seconds include other threads' work in the meantime, such as the PTX check's
/// worker). Unset, a phase costs one static read.
/// </summary>
internal static class EmulationCost
{
    private static readonly string? Target = Environment.GetEnvironmentVariable("JAXNET_CUDA_TIMINGS") is { Length: > 0 } path ? path : null;
    private static readonly ConcurrentDictionary<string, Phase> Phases = new();
    private static readonly long Began = Stopwatch.GetTimestamp();
    private static readonly ConcurrentDictionary<KernelKind, string> LaunchNames = new();
    private static readonly ConcurrentDictionary<KernelKind, string> CompileNames = new();

    static EmulationCost()
    {
        if (Target is not null) AppDomain.CurrentDomain.ProcessExit += (_, _) => File.AppendAllText(Target, Summary());
    }

    public static bool On => Target is not null;

    /// <summary>A timestamp to pass to <see cref="Stop"/>, or 0 when timings are off.</summary>
    public static Mark Start() => Target is null ? default : new Mark(Stopwatch.GetTimestamp(), Environment.CpuUsage.TotalTime.Ticks);

    /// <summary>Adds the time since <paramref name="start"/> to <paramref name="phase"/>.</summary>
    public static void Stop(string phase, Mark start)
    {
        if (Target is null) return;
        var elapsed = Stopwatch.GetTimestamp() - start.Wall;
        var cpu = Environment.CpuUsage.TotalTime.Ticks - start.Cpu;
        var p = Phases.GetOrAdd(phase, _ => new Phase());
        Interlocked.Add(ref p.Ticks, elapsed);
        Interlocked.Add(ref p.CpuTicks, cpu);
        Interlocked.Increment(ref p.Count);
    }

    /// <summary>The phase of launching one kernel of <paramref name="kind"/> (issue and, in emulation, run): which
    /// kernel kinds the launches' time goes to.</summary>
    public static string LaunchOf(KernelKind kind) => LaunchNames.GetOrAdd(kind, k => $"launch: {k.ToString().ToLowerInvariant()}");

    /// <summary>The phase of compiling one kernel of <paramref name="kind"/> (all its ILGPU kernels and their checks).</summary>
    public static string CompileOf(KernelKind kind) => CompileNames.GetOrAdd(kind, k => $"compile: {k.ToString().ToLowerInvariant()}");

    /// <summary>Counts an event of <paramref name="phase"/> that took no measured time (a cache hit).</summary>
    public static void Count(string phase) => Stop(phase, Start());

    /// <summary>Each phase's seconds and count, and the process's wall time since the first phase was timed.</summary>
    public static string Summary()
    {
        var text = new StringBuilder();
        var wall = Stopwatch.GetElapsedTime(Began).TotalSeconds;
        var cpuTotal = Environment.CpuUsage.TotalTime.TotalSeconds;
        text.AppendLine(CultureInfo.InvariantCulture,
            $"cuda emulation cost (pid {Environment.ProcessId}): {wall:F1} s wall since the backend loaded, {cpuTotal:F1} CPU s in the process");
        foreach (var (name, p) in Phases.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var seconds = (double)p.Ticks / Stopwatch.Frequency;
            var cpu = TimeSpan.FromTicks(p.CpuTicks).TotalSeconds;
            text.AppendLine(CultureInfo.InvariantCulture, $"  {name,-28} {seconds,9:F2} s wall {cpu,9:F2} CPU s {p.Count,7} times");
        }
        return text.ToString();
    }

    /// <summary>When a phase began: a stopwatch timestamp and the process's CPU time in ticks.</summary>
    public readonly record struct Mark(long Wall, long Cpu);

    private sealed class Phase
    {
        public long Ticks;
        public long CpuTicks;
        public long Count;
    }
}
