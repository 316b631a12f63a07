using System.Text.Json;

namespace JaxNet.Bench.Limits;

/// <summary>
/// Compiles bench/roofline/*.c (copied beside the runner) with <c>gcc -O3 -march=native -fopenmp</c> into a
/// temporary folder and runs each program on <see cref="Threads"/> OpenMP threads.
/// </summary>
internal static class RooflineRunner
{
    /// <summary>The peers run on two threads (torch.set_num_threads(2)), and so do the limits.</summary>
    public const int Threads = 2;

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static RooflineFigures Measure(bool quick)
    {
        var sources = Path.Combine(AppContext.BaseDirectory, "roofline");
        var folder = Directory.CreateTempSubdirectory("jaxnet-roofline-");
        try
        {
            var errors = new List<string>();
            var version = ChildProcess.Run("gcc", ["--version"], null, Timeout);
            if (version.Error is not null) return RooflineFigures.Skipped($"gcc is not usable: {version.Error}");
            // Many short repetitions, best kept: on a shared machine the best one is the one nobody disturbed.
            var repetitions = quick ? "20" : "60";
            double? Run(string name, string property)
            {
                var binary = Path.Combine(folder.FullName, name);
                var compile = ChildProcess.Run("gcc",
                    ["-O3", "-march=native", "-fopenmp", Path.Combine(sources, name + ".c"), "-o", binary], null, Timeout);
                if (compile.Error is not null)
                {
                    errors.Add($"{name}.c does not compile: {compile.Stderr.Trim()}");
                    return null;
                }
                var run = ChildProcess.Run(binary, [repetitions],
                    new Dictionary<string, string?> { ["OMP_NUM_THREADS"] = Threads.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    Timeout);
                if (run.Error is not null)
                {
                    errors.Add(run.Error);
                    return null;
                }
                using var json = JsonDocument.Parse(run.Stdout);
                return json.RootElement.GetProperty(property).GetDouble();
            }
            var peak = Run("fma_peak", "fma_peak_gflops");
            var triad = Run("stream_triad", "triad_gbs");
            var fused = Run("fused_sum", "fused_sum_ms");
            return new RooflineFigures(peak, triad, fused, Threads, version.Stdout.Split('\n')[0].Trim(), errors);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
