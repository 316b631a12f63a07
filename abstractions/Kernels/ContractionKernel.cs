namespace JaxNet.Abstractions.Kernels;

/// <summary>Dimension numbers of dot_general, as in XLA.</summary>
public sealed record DotDimensions(int[] LhsBatch, int[] RhsBatch, int[] LhsContracting, int[] RhsContracting)
{
    /// <summary>A plain matrix product [m,k] x [k,n].</summary>
    public static DotDimensions MatMul { get; } = new([], [], [1], [0]);

    public override string ToString() =>
        $"batch{Kernel.Dims(LhsBatch)}x{Kernel.Dims(RhsBatch)} contract{Kernel.Dims(LhsContracting)}x{Kernel.Dims(RhsContracting)}";
}

/// <summary>
/// dot_general: the output's dimensions are the batch dimensions (in <see cref="DotDimensions.LhsBatch"/> order),
/// then the lhs's free dimensions, then the rhs's, each in their original order (as XLA). Products are summed in
/// <see cref="AccumulatorDType"/>; the optional epilogue (bias, activation) is applied before the output is
/// written in <see cref="OutputDType"/>.
/// </summary>
public sealed record ContractionKernel(
    string Name,
    TensorRef Lhs,
    TensorRef Rhs,
    DotDimensions Dimensions,
    Precision Precision,
    DType AccumulatorDType,
    FusedEpilogue? Epilogue,
    int Output) : Kernel(Name)
{
    public override KernelKind Kind => KernelKind.Contraction;

    public DType OutputDType => Epilogue?.Program.ResultType(0) ?? AccumulatorDType;

    public int[] OutputShape
    {
        get
        {
            var d = Dimensions;
            var shape = d.LhsBatch.Select(a => Lhs.Shape[a]).ToList();
            shape.AddRange(Lhs.Shape.Where((_, a) => !d.LhsBatch.Contains(a) && !d.LhsContracting.Contains(a)));
            shape.AddRange(Rhs.Shape.Where((_, a) => !d.RhsBatch.Contains(a) && !d.RhsContracting.Contains(a)));
            return shape.ToArray();
        }
    }

    public override IEnumerable<int> ReadBuffers() =>
        new[] { Lhs.Buffer, Rhs.Buffer }.Concat(Epilogue?.Inputs.Select(i => i.Buffer) ?? []);

    public override IEnumerable<int> WrittenBuffers() => [Output];

    public override IEnumerable<DType> DTypes() =>
        new[] { Lhs.DType, Rhs.DType, AccumulatorDType, OutputDType }
            .Concat(Programs().SelectMany(p => p.Nodes.Select(n => n.DType)));

    public override IEnumerable<ScalarProgram> Programs() => Epilogue is null ? [] : [Epilogue.Program];

    public override string Describe() =>
        $"{Lhs} x {Rhs} {Dimensions} precision {Precision.ToString().ToLowerInvariant()} acc {AccumulatorDType.ShortName()} " +
        $"out(b{Output}:{OutputDType.ShortName()}{Dims(OutputShape)})" + (Epilogue is null ? "" : " " + Epilogue);
}
