namespace JaxNet;

public static partial class Jnp
{
    /// <summary>
    /// The contraction order <see cref="Einsum"/> uses for these subscripts and operands (jnp.einsum_path with its
    /// greedy optimizer), with its FLOP estimate; print the result for NumPy's kind of report. Reads shapes only, so
    /// it works on tracers too.
    /// </summary>
    public static EinsumPathInfo EinsumPath(string subscripts, params NDArray[] operands) =>
        EinsumPath(subscripts, operands.Select(o => o.Aval.Shape).ToArray());

    /// <summary><see cref="EinsumPath(string, NDArray[])"/> from the operands' shapes alone.</summary>
    public static EinsumPathInfo EinsumPath(string subscripts, params int[][] shapes)
    {
        var plan = EinsumPlan.Build(subscripts, shapes);
        var names = PrintableLabels(plan);
        string Show(IEnumerable<char> labels) => new(labels.Select(c => names[c]).ToArray());
        long SizeOf(IEnumerable<char> labels) => labels.Distinct().Aggregate(1L, (a, c) => a * plan.Sizes[c]);

        // Summing an operand's own labels (and reading its diagonals) costs a pass over it.
        double prepared = plan.Inputs.Where((labels, i) => labels != plan.Prepared[i]).Sum(labels => (double)SizeOf(labels));
        var contractions = new List<EinsumContraction>();
        if (plan.Inputs.Length == 1)
            contractions.Add(new([0], $"{Show(plan.Inputs[0])}->{Show(plan.Output)}", SizeOf(plan.Output), prepared));
        var terms = plan.Prepared.ToList();
        var order = Enumerable.Range(0, terms.Count).ToList();
        var numpyOrder = new List<int>(order);
        var nextId = terms.Count;
        foreach (var step in plan.Steps)
        {
            var (a, b) = (terms[step.I], terms[step.J]);
            var joint = a.Concat(b).Distinct().ToArray();
            var flops = (double)SizeOf(joint) * (joint.Length > step.Kept.Length ? 2 : 1);
            int[] positions = [.. new[] { numpyOrder.IndexOf(order[step.I]), numpyOrder.IndexOf(order[step.J]) }.Order()];
            contractions.Add(new(positions, $"{Show(a)},{Show(b)}->{Show(step.Kept)}", SizeOf(step.Kept), flops));
            var made = nextId++;
            numpyOrder.Remove(order[step.I]);
            numpyOrder.Remove(order[step.J]);
            numpyOrder.Add(made);
            terms.RemoveAt(step.J);
            terms[step.I] = step.Kept;
            order.RemoveAt(step.J);
            order[step.I] = made;
        }
        var all = plan.Inputs.SelectMany(s => s).Distinct().ToArray();
        var naive = (double)SizeOf(all) * (Math.Max(1, plan.Inputs.Length - 1) + (all.Any(c => !plan.Output.Contains(c)) ? 1 : 0));
        var optimized = prepared + contractions.Where(_ => plan.Inputs.Length > 1).Sum(c => c.Flops);
        var spec = string.Join(",", plan.Inputs.Select(Show)) + "->" + Show(plan.Output);
        return new EinsumPathInfo(spec, contractions, naive, optimized, contractions.Max(c => c.ResultSize));
    }

    // The private-use labels standing for an ellipsis's axes get letters the subscripts do not use, so the report
    // prints.
    private static Dictionary<char, char> PrintableLabels(EinsumPlan plan)
    {
        var used = plan.Inputs.SelectMany(s => s).Where(c => !plan.Broadcast.Contains(c)).ToHashSet();
        var free = new Queue<char>("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".Where(c => !used.Contains(c)));
        var names = used.ToDictionary(c => c, c => c);
        foreach (var c in plan.Broadcast) names[c] = free.Count > 0 ? free.Dequeue() : c;
        return names;
    }
}
