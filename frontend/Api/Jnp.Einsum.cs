using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jnp
{
    /// <summary>
    /// Einstein summation (<c>"ij,jk->ik"</c>; implicit output when "->" is absent). Operands are contracted pairwise
    /// in a greedy order that picks, at each step, the pair whose intermediate result is smallest (opt_einsum's
    /// greedy strategy); each pairwise step is one dot_general.
    /// </summary>
    public static NDArray Einsum(string subscripts, params NDArray[] operands)
    {
        var spec = subscripts.Replace(" ", "");
        var arrow = spec.IndexOf("->", StringComparison.Ordinal);
        var inputs = (arrow < 0 ? spec : spec[..arrow]).Split(',');
        if (inputs.Length != operands.Length)
            throw new ShapeException($"einsum: '{subscripts}' names {inputs.Length} operands, got {operands.Length}");
        var broadcast = ExpandEllipses(inputs, operands, subscripts);
        var counts = inputs.SelectMany(s => s).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        var output = arrow < 0
            ? broadcast + new string(counts.Where(kv => kv.Value == 1 && !broadcast.Contains(kv.Key)).Select(kv => kv.Key).OrderBy(c => c).ToArray())
            : spec[(arrow + 2)..].Replace("...", broadcast, StringComparison.Ordinal);
        var sizes = new Dictionary<char, int>();
        var terms = new List<(string Labels, NDArray Value)>();
        var promoted = Promote(operands);
        for (var i = 0; i < inputs.Length; i++)
        {
            if (inputs[i].Length != promoted[i].Ndim)
                throw new ShapeException($"einsum: operand {i} has rank {promoted[i].Ndim} but '{inputs[i]}' names {inputs[i].Length} axes");
            for (var d = 0; d < inputs[i].Length; d++)
            {
                var n = promoted[i].Aval.Shape[d];
                if (sizes.TryGetValue(inputs[i][d], out var m) && m != n && m != 1 && n != 1)
                    throw new ShapeException($"einsum: label '{inputs[i][d]}' has sizes {m} and {n}");
                sizes[inputs[i][d]] = Math.Max(m, n);
            }
        }
        for (var i = 0; i < inputs.Length; i++)
        {
            // A label of size 1 here and larger elsewhere broadcasts, as NumPy's einsum does.
            var full = inputs[i].Select(c => sizes[c]).ToArray();
            var operand = Shapes.Equal(full, promoted[i].Aval.Shape) ? promoted[i] : BroadcastTo(promoted[i], full);
            var (own, diagonal) = Diagonals(inputs[i], operand);
            terms.Add(SumOwnLabels(own, diagonal, inputs.Where((_, j) => j != i).Append(output)));
        }
        while (terms.Count > 1)
        {
            var best = (I: 0, J: 1, Size: long.MaxValue);
            for (var i = 0; i < terms.Count; i++)
                for (var j = i + 1; j < terms.Count; j++)
                {
                    var keep = KeptLabels(terms, i, j, output);
                    var size = keep.Aggregate(1L, (a, c) => a * sizes[c]);
                    if (size < best.Size) best = (i, j, size);
                }
            var merged = Contract(terms[best.I], terms[best.J], KeptLabels(terms, best.I, best.J, output));
            terms.RemoveAt(best.J);
            terms[best.I] = merged;
        }
        var (labels, value) = SumOwnLabels(terms[0].Labels, terms[0].Value, [output]);
        return Lax.Transpose(value, output.Select(c => labels.IndexOf(c)).ToArray());
    }

    /// <summary>
    /// Replaces each operand's "..." with labels of its own (from Unicode's private use area, so they cannot clash
    /// with the caller's), right-aligned across operands as NumPy broadcasts them; returns the labels the longest
    /// ellipsis stands for, which the output's "..." (or an implicit output's front) becomes.
    /// </summary>
    private static string ExpandEllipses(string[] inputs, NDArray[] operands, string subscripts)
    {
        var lengths = new int[inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            var at = inputs[i].IndexOf("...", StringComparison.Ordinal);
            if (at < 0) continue;
            if (inputs[i].IndexOf("...", at + 3, StringComparison.Ordinal) >= 0 || inputs[i].Replace("...", "", StringComparison.Ordinal).Contains('.'))
                throw new ShapeException($"einsum: '{subscripts}' has more than one ellipsis or a stray '.' in operand {i}");
            lengths[i] = operands[i].Ndim - (inputs[i].Length - 3);
            if (lengths[i] < 0)
                throw new ShapeException($"einsum: operand {i} has rank {operands[i].Ndim} but '{inputs[i]}' names {inputs[i].Length - 3} axes besides the ellipsis");
        }
        var longest = lengths.DefaultIfEmpty(0).Max();
        var labels = new string(Enumerable.Range(0, longest).Select(k => (char)(0xE000 + k)).ToArray());
        for (var i = 0; i < inputs.Length; i++)
            inputs[i] = inputs[i].Replace("...", labels[(longest - lengths[i])..], StringComparison.Ordinal);
        return labels;
    }

    // Labels of terms i and j still needed by the other terms or the output.
    private static string KeptLabels(List<(string Labels, NDArray Value)> terms, int i, int j, string output)
    {
        var others = terms.Where((_, k) => k != i && k != j).SelectMany(t => t.Labels).Concat(output).ToHashSet();
        return new string(terms[i].Labels.Concat(terms[j].Labels).Distinct().Where(others.Contains).ToArray());
    }

    // A label repeated within one operand ("ii") reads its diagonal: the elements where those axes are equal, masked
    // and summed over the second axis, one repeat at a time.
    private static (string, NDArray) Diagonals(string labels, NDArray x)
    {
        for (var second = 0; second < labels.Length; second++)
        {
            var first = labels.IndexOf(labels[second]);
            if (first == second) continue;
            var shape = x.Aval.Shape;
            if (shape[first] != shape[second])
                throw new ShapeException($"einsum: label '{labels[second]}' is repeated in '{labels}' over axes of sizes {shape[first]} and {shape[second]}");
            var onDiagonal = Lax.Eq(Lax.BroadcastedIota(DType.Int32, shape, first), Lax.BroadcastedIota(DType.Int32, shape, second));
            x = Lax.ReduceSum(Where(onDiagonal, x, ZerosLike(x)), [second]);
            labels = labels.Remove(second, 1);
            second--;
        }
        return (labels, x);
    }

    // Sums labels that no other term and not the output use.
    private static (string, NDArray) SumOwnLabels(string labels, NDArray x, IEnumerable<string> others)
    {
        var used = others.SelectMany(s => s).ToHashSet();
        var sum = Enumerable.Range(0, labels.Length).Where(d => !used.Contains(labels[d])).ToArray();
        if (sum.Length == 0) return (labels, x);
        return (new string(labels.Where((_, d) => !sum.Contains(d)).ToArray()), Lax.ReduceSum(x, sum));
    }

    private static (string, NDArray) Contract((string Labels, NDArray Value) a, (string Labels, NDArray Value) b, string keep)
    {
        var batch = a.Labels.Where(c => b.Labels.Contains(c) && keep.Contains(c)).ToArray();
        var contract = a.Labels.Where(c => b.Labels.Contains(c) && !keep.Contains(c)).ToArray();
        // Labels only in one operand and not kept are summed first.
        var (al, av) = SumOwnLabels(a.Labels, a.Value, [b.Labels, keep]);
        var (bl, bv) = SumOwnLabels(b.Labels, b.Value, [al, keep]);
        var result = Lax.DotGeneral(av, bv, (contract.Select(c => al.IndexOf(c)).ToArray(), contract.Select(c => bl.IndexOf(c)).ToArray()),
            (batch.Select(c => al.IndexOf(c)).ToArray(), batch.Select(c => bl.IndexOf(c)).ToArray()));
        var labels = new string(batch.Concat(al.Where(c => !batch.Contains(c) && !contract.Contains(c)))
            .Concat(bl.Where(c => !batch.Contains(c) && !contract.Contains(c))).ToArray());
        return (labels, result);
    }
}
