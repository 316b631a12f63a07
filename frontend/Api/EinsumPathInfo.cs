namespace JaxNet;

/// <summary>One contraction of an einsum path: which operands of the current list meet (their positions, in NumPy's
/// convention), the contraction as subscripts, the size of what it makes and its estimated cost.</summary>
public sealed record EinsumContraction(int[] Operands, string Subscripts, long ResultSize, double Flops);

/// <summary>
/// The contraction order <see cref="Jnp.Einsum"/> uses for some subscripts and shapes, as jnp.einsum_path reports it:
/// <see cref="Path"/> in NumPy's convention (each step names positions in the list of remaining operands; the two
/// leave it and the result is appended at its end), and the cost under opt_einsum's model: a step's FLOPs are the
/// size of its joint index space times the number of operations per point (one product, plus one if it sums a label
/// away). <see cref="ToString"/> prints the report.
/// </summary>
public sealed record EinsumPathInfo(string Subscripts, IReadOnlyList<EinsumContraction> Contractions, double NaiveFlops,
    double OptimizedFlops, long LargestIntermediate)
{
    public IReadOnlyList<int[]> Path => Contractions.Select(c => c.Operands).ToArray();

    /// <summary>How many times fewer operations than one loop over every label at once.</summary>
    public double Speedup => OptimizedFlops == 0 ? 1 : NaiveFlops / OptimizedFlops;

    public override string ToString()
    {
        var lines = new List<string>
        {
            $"  Complete contraction:  {Subscripts}",
            $"         Naive FLOP count:  {NaiveFlops:E3}",
            $"     Optimized FLOP count:  {OptimizedFlops:E3}",
            $"      Theoretical speedup:  {Speedup:G4}",
            $"    Largest intermediate:  {LargestIntermediate:E3} elements",
            new string('-', 72),
            $"{"operands",-12}{"contraction",-36}{"result size",12}{"FLOPs",12}",
            new string('-', 72),
        };
        lines.AddRange(Contractions.Select(c =>
            $"{"(" + string.Join(", ", c.Operands) + ")",-12}{c.Subscripts,-36}{c.ResultSize,12}{c.Flops,12:G4}"));
        return string.Join(Environment.NewLine, lines);
    }
}
