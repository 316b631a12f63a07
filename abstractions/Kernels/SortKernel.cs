namespace JaxNet.Abstractions.Kernels;

/// <summary>
/// Sorts the operands (all of one shape) along <see cref="Dimension"/>, ordering by the first
/// <see cref="NumKeys"/> operands lexicographically and permuting the rest alongside (argsort is a sort of
/// (keys, iota) with one key). Floats use a total order: -inf &lt; ... &lt; -0.0 &lt; +0.0 &lt; ... &lt; +inf &lt; NaN,
/// so NaNs go last ascending (first descending). Stable sorts keep the order of equal keys.
/// </summary>
public sealed record SortKernel(
    string Name,
    IReadOnlyList<TensorRef> Operands,
    int Dimension,
    int NumKeys,
    bool Descending,
    bool Stable,
    IReadOnlyList<int> Outputs) : Kernel(Name)
{
    public override KernelKind Kind => KernelKind.Sort;

    public override IEnumerable<int> ReadBuffers() => Operands.Select(o => o.Buffer);

    public override IEnumerable<int> WrittenBuffers() => Outputs;

    public override IEnumerable<DType> DTypes() => Operands.Select(o => o.DType);

    public override string Describe() =>
        $"({string.Join(", ", Operands)}) dim {Dimension} keys {NumKeys} {(Descending ? "descending" : "ascending")}" +
        $"{(Stable ? " stable" : "")} out({string.Join(", ", Outputs.Select(o => "b" + o))})";
}
