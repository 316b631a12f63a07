using JaxNet.Fuzz.Programs;

namespace JaxNet.Fuzz.Running;

/// <summary>
/// Shrinks a failing program while it still fails the same way: keeps one output, replaces a node by an input that
/// holds the interpreter's value for it (so what feeds the failing op becomes plain data), or bypasses a node whose
/// operand has its type. Greedy, until no step helps or the budget of runs is spent.
/// </summary>
public static class Minimizer
{
    public static FuzzProgram Minimize(FuzzProgram program, Target target, CheckOutcome outcome, int budget = 150) =>
        Minimize(program, target, outcome, FuzzCheck.Run, budget);

    /// <summary>Shrinks a program that fails <paramref name="check"/> with <paramref name="outcome"/>.</summary>
    public static FuzzProgram Minimize(FuzzProgram program, Target target, CheckOutcome outcome, Func<FuzzProgram, Target, CheckResult> check,
        int budget = 150)
    {
        var current = program;
        for (var changed = true; changed && budget > 0;)
        {
            changed = false;
            foreach (var candidate in Candidates(current, target))
            {
                if (budget-- <= 0) break;
                if (check(candidate, target).Outcome != outcome) continue;
                current = candidate;
                changed = true;
                break;
            }
        }
        return current;
    }

    private static IEnumerable<FuzzProgram> Candidates(FuzzProgram p, Target target)
    {
        var entries = p.Entries.ToList();
        if (p.Outputs.Count > 1)
            foreach (var o in p.Outputs) yield return FuzzProgram.Compose(entries, [o]);
        var values = HostInterpreter.Run(p, target.Numerics);
        for (var n = 0; n < p.Nodes.Count; n++)
        {
            var id = p.Inputs.Count + n;
            var asData = RefArray.Exact(values[id].Type, values[id].Values);
            yield return Replace(entries, p.Outputs, id, (asData, null));
        }
        for (var n = 0; n < p.Nodes.Count; n++)
        {
            var node = p.Nodes[n];
            foreach (var a in node.Args.Distinct())
                if (p.TypeOf(a).Equals(node.Type)) yield return Bypass(entries, p.Outputs, p.Inputs.Count + n, a);
        }
    }

    /// <summary>The program with value <paramref name="id"/> defined by <paramref name="entry"/> instead.</summary>
    private static FuzzProgram Replace(List<(RefArray? Input, FuzzNode? Node)> entries, IReadOnlyList<int> outputs, int id,
        (RefArray? Input, FuzzNode? Node) entry)
    {
        var copy = entries.ToList();
        copy[id] = entry;
        return FuzzProgram.Compose(copy, outputs);
    }

    /// <summary>The program with every use of <paramref name="id"/> reading <paramref name="by"/> instead.</summary>
    private static FuzzProgram Bypass(List<(RefArray? Input, FuzzNode? Node)> entries, IReadOnlyList<int> outputs, int id, int by)
    {
        int Map(int v) => v == id ? by : v;
        var copy = entries.Select(e => e.Node is { } node ? (e.Input, (FuzzNode?)(node with { Args = node.Args.Select(Map).ToArray() })) : e).ToList();
        return FuzzProgram.Compose(copy, outputs.Select(Map).ToArray());
    }
}
