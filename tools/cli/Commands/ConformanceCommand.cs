using JaxNet.Conformance.Cases;
using JaxNet.Conformance.Catalog;
using JaxNet.Conformance.Running;
using JaxNet.Runtime;

namespace JaxNet.Cli.Commands;

/// <summary>
/// <c>jaxnet conformance [--backend NAME] [--report FILE.json] [--filter TEXT]</c>: runs the conformance suite on one
/// backend, shows progress, prints the summary table, and exits 1 on any failure.
/// </summary>
public static class ConformanceCommand
{
    public static int Run(CommandLine options, TextWriter output)
    {
        if (BackendOption.Resolve(options, output, "conformance") is not { } backend) return 1;

        var filter = options["filter"];
        var cases = ConformanceCatalog.All.Where(c => filter is null || c.Id.Contains(filter, StringComparison.Ordinal)).ToArray();
        if (cases.Length == 0)
        {
            output.WriteLine($"jaxnet conformance: no case matches '{filter}'");
            return 2;
        }
        output.WriteLine($"running {cases.Length} cases on {backend.Platform} ({backend.Description}), {backend.Devices.Count} device(s)");
        var progress = new ProgressLine(output, cases.Length);
        var report = ConformanceRunner.RunAll(backend, cases, BackendTolerances.For(backend), progress.Advance);
        progress.Finish();
        output.Write(report.RenderSummary());

        if (options["report"] is { } path)
        {
            File.WriteAllText(path, report.ToJson());
            output.WriteLine($"report written to {path}");
        }
        return report.Failed > 0 ? 1 : 0;
    }

    /// <summary>A counter that rewrites one line on a terminal and prints every tenth of the way otherwise.</summary>
    private sealed class ProgressLine(TextWriter output, int total)
    {
        private readonly bool interactive = !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out);
        private const int FailuresLogged = 25;
        private int done;
        private int failed;
        private int lastDecile;

        public void Advance(CaseResult result)
        {
            done++;
            if (result.Outcome == CaseOutcome.Failed)
            {
                failed++;
                // Logged at once when not on a terminal, so a run that is killed part-way still names its failures.
                if (!interactive && failed <= FailuresLogged) output.WriteLine($"FAILED {result.CaseId}: {result.Message}");
            }
            if (interactive)
            {
                output.Write($"\r{done}/{total} cases, {failed} failed  ");
                return;
            }
            var decile = done * 10 / total;
            if (decile > lastDecile)
            {
                lastDecile = decile;
                output.WriteLine($"{done}/{total} cases, {failed} failed");
            }
        }

        public void Finish()
        {
            if (interactive) output.WriteLine();
        }
    }
}
