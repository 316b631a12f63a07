using System.Globalization;
using JaxNet.Fuzz.Generation;
using JaxNet.Fuzz.Numerics;
using JaxNet.Fuzz.Running;
using JaxNet.Runtime;

namespace JaxNet.Cli.Commands;

/// <summary>
/// <c>jaxnet fuzz [--backend NAME] [--seed S] [--count N] [--max-elements N] [--minimize false] [--family indexing|complex|derivatives|derivatives-f32|derivatives-f16|derivatives-bf16]</c>:
/// random programs of seeds S .. S+N-1, run under Jax.Jit and Jax.Jit(Jax.Vmap) on the backend (and eagerly when it is the
/// default one), checked against the host interpreter, or (family derivatives) their JVPs, VJPs and gradients checked
/// against finite differences of it; failures are minimised and printed as C#. Exits 1 on any failure.
/// </summary>
public static class FuzzCommand
{
    public static int Run(CommandLine options, TextWriter output)
    {
        if (BackendOption.Resolve(options, output, "fuzz") is not { } backend) return 1;
        var registry = BackendRegistry.Default;
        var seed = Integer(options, "seed", 1);
        var count = Integer(options, "count", 100);
        FuzzFamily family;
        try
        {
            family = FuzzFamily.Parse(options["family"] ?? "programs");
        }
        catch (ArgumentException e)
        {
            throw new CommandLineException(e.Message);
        }
        var fuzzOptions = family.Options(backend.Platform);
        if (options["max-elements"] is not null) fuzzOptions = fuzzOptions with { MaxElements = Integer(options, "max-elements", 0) };
        var minimize = options["minimize"] is not "false";

        var numerics = NumericsModel.For(backend);
        List<Target> targets = [new(backend.Platform, RunMode.Jit, numerics), new(backend.Platform, RunMode.Vmap, numerics)];
        if (backend.Platform == registry.DefaultBackend.Platform) targets.Add(new(backend.Platform, RunMode.Eager, numerics));
        output.WriteLine($"fuzzing {family} on {backend.Platform} ({backend.Description}): seeds {seed}..{seed + count - 1}, " +
            $"at most {fuzzOptions.MaxElements} elements a value, {numerics}");

        if (options["print"] is "true")
            foreach (var s in Enumerable.Range(seed, count)) output.WriteLine($"seed {s}:\n{family.Render(family.Generate(s, fuzzOptions))}");
        var (tallies, failures) = FuzzRunner.Run(family, targets, Enumerable.Range(seed, count), fuzzOptions, minimize, text =>
        {
            output.WriteLine("FAILED " + text);
            output.Flush();
        });
        foreach (var tally in tallies) output.WriteLine(tally);
        return failures.Count > 0 ? 1 : 0;
    }

    private static int Integer(CommandLine options, string name, int fallback)
    {
        if (options[name] is not { } text) return fallback;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CommandLineException($"--{name} needs an integer, got '{text}'");
    }
}
