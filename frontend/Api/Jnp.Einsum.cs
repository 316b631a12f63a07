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
        var plan = EinsumPlan.Build(subscripts, operands.Select(o => o.Aval.Shape).ToArray());
        var promoted = Promote(operands);
        var terms = new List<(string Labels, NDArray Value)>();
        for (var i = 0; i < operands.Length; i++)
        {
            // A label of size 1 here and larger elsewhere broadcasts, as NumPy's einsum does.
            var full = plan.Inputs[i].Select(c => plan.Sizes[c]).ToArray();
            var operand = Shapes.Equal(full, promoted[i].Aval.Shape) ? promoted[i] : BroadcastTo(promoted[i], full);
            var (own, diagonal) = Diagonals(plan.Inputs[i], operand);
            terms.Add(SumOwnLabels(own, diagonal, [plan.Prepared[i]]));
        }
        foreach (var step in plan.Steps)
        {
            var merged = Contract(terms[step.I], terms[step.J], step.Kept);
            terms.RemoveAt(step.J);
            terms[step.I] = merged;
        }
        var (labels, value) = SumOwnLabels(terms[0].Labels, terms[0].Value, [plan.Output]);
        return Lax.Transpose(value, plan.Output.Select(c => labels.IndexOf(c)).ToArray());
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
