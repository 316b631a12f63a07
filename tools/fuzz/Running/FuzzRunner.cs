using System.Diagnostics;
using System.Globalization;
using System.Text;
using JaxNet.Fuzz.Generation;
using JaxNet.Fuzz.Programs;

namespace JaxNet.Fuzz.Running;

/// <summary>A program that failed: as generated, and minimised (with its own result).</summary>
public sealed record FuzzFailure(FuzzFamily Family, int Seed, Target Target, CheckResult Result, FuzzProgram Program, FuzzProgram Minimized,
    CheckResult MinimizedResult)
{
    public string Render()
    {
        var text = new StringBuilder();
        text.AppendLine($"{Family} seed {Seed} on {Target}: {Result.Outcome}: {Result.Message}");
        text.AppendLine($"minimised ({Minimized.Nodes.Count} of {Program.Nodes.Count} ops): {MinimizedResult.Outcome}: {MinimizedResult.Message}");
        text.AppendLine(Family.Render(Minimized));
        if (Target.Mode == RunMode.Vmap)
            text.AppendLine($"// run as Jax.Jit(Jax.Vmap(f, inAxes: [{string.Join(", ", Batch.Of(Minimized).InAxes.Select(a => a?.ToString() ?? "null"))}], outAxes: 0)); " +
                "the second batch element's inputs are the first's reversed");
        for (var i = 0; i < Minimized.Inputs.Count; i++)
        {
            var input = Minimized.Inputs[i];
            var shown = input.Values.Take(24).Select(ComplexElement.Format);
            text.AppendLine($"x{i} = {input.Type} {{{string.Join(", ", shown)}{(input.Size > 24 ? ", ..." : "")}}}");
        }
        return text.ToString();
    }
}

/// <summary>Counts of one target's programs.</summary>
public sealed class TargetTally(Target target)
{
    public Target Target { get; } = target;
    public int Programs, Passed, Mismatches, WrongTypes, Errors, Unsupported;
    public long Compared, Unknown;
    public double Seconds;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Target}: {Programs} programs, {Passed} passed, {Mismatches} mismatched, {WrongTypes} wrong types, {Errors} errors, {Unsupported} declined by the backend; " +
        $"{Compared} elements compared, {Unknown} left unknown by the bounds; {Seconds:F1} s");
}

/// <summary>Runs programs of a range of seeds on targets and keeps the failures, minimised.</summary>
public static class FuzzRunner
{
    public static (IReadOnlyList<TargetTally> Tallies, IReadOnlyList<FuzzFailure> Failures) Run(IReadOnlyList<Target> targets,
        IEnumerable<int> seeds, FuzzOptions options, bool minimize = true, Action<string>? log = null) =>
        Run(FuzzFamily.Programs, targets, seeds, options, minimize, log);

    public static (IReadOnlyList<TargetTally> Tallies, IReadOnlyList<FuzzFailure> Failures) Run(FuzzFamily family, IReadOnlyList<Target> targets,
        IEnumerable<int> seeds, FuzzOptions options, bool minimize = true, Action<string>? log = null)
    {
        var tallies = targets.Select(t => new TargetTally(t)).ToArray();
        var failures = new List<FuzzFailure>();
        foreach (var seed in seeds)
        {
            var program = family.Generate(seed, options);
            foreach (var tally in tallies)
            {
                var clock = Stopwatch.StartNew();
                var result = family.Check(program, tally.Target);
                tally.Programs++;
                tally.Compared += result.Compared;
                tally.Unknown += result.Unknown;
                switch (result.Outcome)
                {
                    case CheckOutcome.Passed: tally.Passed++; break;
                    case CheckOutcome.Mismatch: tally.Mismatches++; break;
                    case CheckOutcome.WrongType: tally.WrongTypes++; break;
                    case CheckOutcome.Unsupported: tally.Unsupported++; break;
                    default: tally.Errors++; break;
                }
                if (result.Failed)
                {
                    var small = minimize ? Minimizer.Minimize(program, tally.Target, result.Outcome, family.Check) : program;
                    var failure = new FuzzFailure(family, seed, tally.Target, result, program, small, minimize ? family.Check(small, tally.Target) : result);
                    failures.Add(failure);
                    log?.Invoke(failure.Render());
                }
                tally.Seconds += clock.Elapsed.TotalSeconds;
            }
        }
        return (tallies, failures);
    }
}
