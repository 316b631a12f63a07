namespace JaxNet.Abstractions.Kernels;

/// <summary>
/// At each point of <see cref="Shape"/>, evaluates <see cref="Program"/> on <see cref="Inputs"/> (each read
/// through its index map) and writes result r to <see cref="Outputs"/>[r], row-major over <see cref="Shape"/>.
/// Several outputs make a multi-output fusion. An empty shape (rank 0) is one point; a zero extent, none.
/// </summary>
public sealed record ElementwiseKernel(
    string Name,
    int[] Shape,
    IReadOnlyList<MappedInput> Inputs,
    ScalarProgram Program,
    IReadOnlyList<int> Outputs) : Kernel(Name)
{
    public override KernelKind Kind => KernelKind.Elementwise;

    public override IEnumerable<int> ReadBuffers() => Inputs.Select(i => i.Buffer);

    public override IEnumerable<int> WrittenBuffers() => Outputs;

    public override IEnumerable<DType> DTypes() => Inputs.Select(i => i.DType).Concat(Program.Nodes.Select(n => n.DType));

    public override IEnumerable<ScalarProgram> Programs() => [Program];

    public override string Describe() =>
        $"shape{Dims(Shape)} in({string.Join("; ", Inputs)}) out({string.Join(", ", Outputs.Select(o => "b" + o))}) {{\n{Program}\n  }}";
}
