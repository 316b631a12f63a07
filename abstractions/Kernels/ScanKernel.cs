namespace JaxNet.Abstractions.Kernels;

/// <summary>
/// Inclusive cumulative reduction (cumsum, cumprod, cummax, cummin) of <see cref="Input"/> along
/// <see cref="Axis"/>, from the end when <see cref="Reverse"/>. Accumulates in <see cref="AccumulatorDType"/>
/// and writes <see cref="OutputDType"/>. Only Sum, Prod, Max and Min are valid ops.
/// </summary>
public sealed record ScanKernel(
    string Name,
    TensorRef Input,
    int Axis,
    ReduceOp Op,
    bool Reverse,
    DType AccumulatorDType,
    DType OutputDType,
    int Output) : Kernel(Name)
{
    public override KernelKind Kind => KernelKind.Scan;

    public override IEnumerable<int> ReadBuffers() => [Input.Buffer];

    public override IEnumerable<int> WrittenBuffers() => [Output];

    public override IEnumerable<DType> DTypes() => [Input.DType, AccumulatorDType, OutputDType];

    public override string Describe() =>
        $"{Op.ToString().ToLowerInvariant()} {Input} axis {Axis}{(Reverse ? " reverse" : "")} acc {AccumulatorDType.ShortName()} " +
        $"out(b{Output}:{OutputDType.ShortName()})";
}
