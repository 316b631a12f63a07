using JaxNet.Fuzz.Programs;

namespace JaxNet.Fuzz.Running;

/// <summary>How a run went; <see cref="Unsupported"/> is a backend that declined a kernel (a documented limit, not a failure).</summary>
public enum CheckOutcome { Passed, Mismatch, WrongType, Error, Unsupported }

/// <summary>What one run of one program gave: the outcome, a message, the first mismatches, and how many elements
/// were compared and how many the bounds left unknown.</summary>
public sealed record CheckResult(CheckOutcome Outcome, string Message, IReadOnlyList<Mismatch> Mismatches, long Compared, long Unknown)
{
    public bool Failed => Outcome is not (CheckOutcome.Passed or CheckOutcome.Unsupported);
}

/// <summary>One program on one target against the host interpreter.</summary>
public static class FuzzCheck
{
    /// <summary>Runs with float64 and int64 enabled (programs use them), restoring the setting after.</summary>
    public static CheckResult Run(FuzzProgram program, Target target) => WithX64(() => Check(program, target));

    /// <summary><paramref name="run"/> with float64 and int64 enabled, restoring the setting after.</summary>
    public static T WithX64<T>(Func<T> run)
    {
        var previous = Jax.Config.EnableX64;
        Jax.Config.EnableX64 = true;
        try
        {
            return run();
        }
        finally
        {
            Jax.Config.EnableX64 = previous;
        }
    }

    /// <summary>What the outputs must be: the interpreter's, per batch element stacked along axis 0 when vmapped.</summary>
    private static RefArray[] Expected(FuzzProgram program, Target target)
    {
        if (target.Mode != RunMode.Vmap)
        {
            var values = HostInterpreter.Run(program, target.Numerics);
            return program.Outputs.Select(o => values[o]).ToArray();
        }
        var copies = Batch.Of(program).Copies.Select(c => HostInterpreter.Run(c, target.Numerics)).ToArray();
        return program.Outputs.Select(o => Batch.Stack(copies.Select(c => c[o]).ToArray(), 0)).ToArray();
    }

    private static CheckResult Check(FuzzProgram program, Target target)
    {
        // A program with no inputs (only iotas and constants) has nothing to map over.
        if (target.Mode == RunMode.Vmap && program.Inputs.Count == 0) target = target with { Mode = RunMode.Jit };
        var expected = Expected(program, target);
        (TensorType Type, Scalar[] Values)[] got;
        try
        {
            got = Executor.Run(program, target);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var declined = e.Message.Contains("not supported", StringComparison.OrdinalIgnoreCase);
            return new CheckResult(declined ? CheckOutcome.Unsupported : CheckOutcome.Error, $"{e.GetType().Name}: {e.Message}", [], 0, 0);
        }
        for (var o = 0; o < expected.Length; o++)
            if (!got[o].Type.Equals(expected[o].Type))
                return new CheckResult(CheckOutcome.WrongType, $"output {o} is {got[o].Type}, expected {expected[o].Type}", [], 0, 0);
        var (mismatches, compared) = OutputComparer.Compare(expected, got.Select(g => g.Values).ToArray());
        var unknown = expected.Sum(e => (long)e.Error.Count(double.IsPositiveInfinity));
        return mismatches.Count == 0
            ? new CheckResult(CheckOutcome.Passed, "", [], compared, unknown)
            : new CheckResult(CheckOutcome.Mismatch, string.Join("; ", mismatches.Take(4)), mismatches, compared, unknown);
    }
}
