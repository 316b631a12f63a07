using JaxNet.Core;

namespace JaxNet;

/// <summary>
/// What <see cref="Jnp.Einsum"/> will do, worked out from the subscripts and the operands' shapes alone: the labels
/// of each operand (ellipses expanded), the output's, each label's size, each operand's labels after its diagonals
/// and its own labels are summed away, and the greedy pairwise order (opt_einsum's greedy strategy: at each step the
/// pair whose intermediate result is smallest). Einsum executes it and <see cref="Jnp.EinsumPath"/> reports it, so
/// the order reported is the order run.
/// </summary>
internal sealed class EinsumPlan
{
    /// <summary>One pairwise contraction: terms <see cref="I"/> and <see cref="J"/> of the current list (I &lt; J) meet;
    /// the result, with the labels <see cref="Kept"/>, takes position I and J leaves the list.</summary>
    public readonly record struct Step(int I, int J, string Kept);

    public required string[] Inputs { get; init; }
    public required string Output { get; init; }

    /// <summary>The labels the ellipses stand for (private-use characters), empty without one.</summary>
    public required string Broadcast { get; init; }

    public required IReadOnlyDictionary<char, int> Sizes { get; init; }

    /// <summary>Each operand's labels once repeated labels are read as diagonals and labels no other operand nor the
    /// output uses are summed.</summary>
    public required string[] Prepared { get; init; }

    public required IReadOnlyList<Step> Steps { get; init; }

    public static EinsumPlan Build(string subscripts, IReadOnlyList<int[]> shapes)
    {
        var spec = subscripts.Replace(" ", "");
        var arrow = spec.IndexOf("->", StringComparison.Ordinal);
        var inputs = (arrow < 0 ? spec : spec[..arrow]).Split(',');
        if (inputs.Length != shapes.Count)
            throw new ShapeException($"einsum: '{subscripts}' names {inputs.Length} operands, got {shapes.Count}");
        var broadcast = ExpandEllipses(inputs, shapes, subscripts);
        var counts = inputs.SelectMany(s => s).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        var output = arrow < 0
            ? broadcast + new string(counts.Where(kv => kv.Value == 1 && !broadcast.Contains(kv.Key)).Select(kv => kv.Key).OrderBy(c => c).ToArray())
            : spec[(arrow + 2)..].Replace("...", broadcast, StringComparison.Ordinal);
        var sizes = new Dictionary<char, int>();
        for (var i = 0; i < inputs.Length; i++)
        {
            if (inputs[i].Length != shapes[i].Length)
                throw new ShapeException($"einsum: operand {i} has rank {shapes[i].Length} but '{inputs[i]}' names {inputs[i].Length} axes");
            for (var d = 0; d < inputs[i].Length; d++)
            {
                var n = shapes[i][d];
                if (sizes.TryGetValue(inputs[i][d], out var m) && m != n && m != 1 && n != 1)
                    throw new ShapeException($"einsum: label '{inputs[i][d]}' has sizes {m} and {n}");
                sizes[inputs[i][d]] = Math.Max(m, n);
            }
        }
        var unknown = output.FirstOrDefault(c => !sizes.ContainsKey(c));
        if (unknown != default)
            throw new ShapeException($"einsum: output label '{unknown}' of '{subscripts}' names no operand's axis");
        var prepared = inputs.Select((labels, i) =>
            OwnLabelsSummed(new string(labels.Distinct().ToArray()), inputs.Where((_, j) => j != i).Append(output))).ToArray();
        return new EinsumPlan
        {
            Inputs = inputs,
            Output = output,
            Broadcast = broadcast,
            Sizes = sizes,
            Prepared = prepared,
            Steps = GreedyOrder(prepared, output, sizes),
        };
    }

    /// <summary>The labels of <paramref name="labels"/> that some of <paramref name="others"/> uses, in order.</summary>
    public static string OwnLabelsSummed(string labels, IEnumerable<string> others)
    {
        var used = others.SelectMany(s => s).ToHashSet();
        return new string(labels.Where(used.Contains).ToArray());
    }

    /// <summary>The labels of terms i and j still needed by the other terms or the output.</summary>
    public static string KeptLabels(IReadOnlyList<string> terms, int i, int j, string output)
    {
        var others = terms.Where((_, k) => k != i && k != j).SelectMany(t => t).Concat(output).ToHashSet();
        return new string(terms[i].Concat(terms[j]).Distinct().Where(others.Contains).ToArray());
    }

    private static List<Step> GreedyOrder(string[] prepared, string output, IReadOnlyDictionary<char, int> sizes)
    {
        var terms = prepared.ToList();
        var steps = new List<Step>();
        while (terms.Count > 1)
        {
            var best = (I: 0, J: 1, Size: long.MaxValue);
            for (var i = 0; i < terms.Count; i++)
                for (var j = i + 1; j < terms.Count; j++)
                {
                    var size = KeptLabels(terms, i, j, output).Aggregate(1L, (a, c) => a * sizes[c]);
                    if (size < best.Size) best = (i, j, size);
                }
            var kept = KeptLabels(terms, best.I, best.J, output);
            steps.Add(new Step(best.I, best.J, kept));
            terms.RemoveAt(best.J);
            terms[best.I] = kept;
        }
        return steps;
    }

    /// <summary>
    /// Replaces each operand's "..." with labels of its own (from Unicode's private use area, so they cannot clash
    /// with the caller's), right-aligned across operands as NumPy broadcasts them; returns the labels the longest
    /// ellipsis stands for, which the output's "..." (or an implicit output's front) becomes.
    /// </summary>
    private static string ExpandEllipses(string[] inputs, IReadOnlyList<int[]> shapes, string subscripts)
    {
        var lengths = new int[inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            var at = inputs[i].IndexOf("...", StringComparison.Ordinal);
            if (at < 0) continue;
            if (inputs[i].IndexOf("...", at + 3, StringComparison.Ordinal) >= 0 || inputs[i].Replace("...", "", StringComparison.Ordinal).Contains('.'))
                throw new ShapeException($"einsum: '{subscripts}' has more than one ellipsis or a stray '.' in operand {i}");
            lengths[i] = shapes[i].Length - (inputs[i].Length - 3);
            if (lengths[i] < 0)
                throw new ShapeException($"einsum: operand {i} has rank {shapes[i].Length} but '{inputs[i]}' names {inputs[i].Length - 3} axes besides the ellipsis");
        }
        var longest = lengths.DefaultIfEmpty(0).Max();
        var labels = new string(Enumerable.Range(0, longest).Select(k => (char)(0xE000 + k)).ToArray());
        for (var i = 0; i < inputs.Length; i++)
            inputs[i] = inputs[i].Replace("...", labels[(longest - lengths[i])..], StringComparison.Ordinal);
        return labels;
    }
}
