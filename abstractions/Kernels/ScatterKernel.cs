namespace JaxNet.Abstractions.Kernels;

/// <summary>XLA's ScatterDimensionNumbers (without batching dimensions).</summary>
public sealed record ScatterDimensions(int[] UpdateWindowDims, int[] InsertedWindowDims, int[] ScatterDimsToOperandDims, int IndexVectorDim)
{
    public override string ToString() =>
        $"window{Kernel.Dims(UpdateWindowDims)} inserted{Kernel.Dims(InsertedWindowDims)} to_operand{Kernel.Dims(ScatterDimsToOperandDims)} index_vector_dim {IndexVectorDim}";
}

/// <summary>How scatter combines an update with the value already there.</summary>
public enum ScatterCombiner
{
    /// <summary>Overwrite; where indices repeat, which update wins is unspecified (as in XLA).</summary>
    Replace,
    Add,
    Mul,
    Min,
    Max,
}

/// <summary>
/// XLA's scatter: the output is <see cref="Operand"/> with each update of <see cref="Updates"/> combined into the
/// element its index selects. Repeated indices all apply (for Add, Mul, Min, Max). When <see cref="Output"/> is the
/// operand's own buffer the scatter works in place (ABI 1.1, <see cref="BackendCapabilities.InPlaceScatter"/>): only
/// the elements the updates reach are written, which is what makes a loop's dynamic_update_slice cost its update.
/// </summary>
public sealed record ScatterKernel(
    string Name,
    TensorRef Operand,
    TensorRef Indices,
    TensorRef Updates,
    ScatterDimensions Dimensions,
    ScatterCombiner Combiner,
    IndexMode Mode,
    int Output) : Kernel(Name)
{
    public override KernelKind Kind => KernelKind.Scatter;

    public override IEnumerable<int> ReadBuffers() => [Operand.Buffer, Indices.Buffer, Updates.Buffer];

    public override IEnumerable<int> WrittenBuffers() => [Output];

    public override IEnumerable<DType> DTypes() => [Operand.DType, Indices.DType, Updates.DType];

    /// <summary>True when the scatter writes its operand's buffer in place.</summary>
    public bool InPlace => Operand.Buffer == Output;

    public override string Describe() =>
        $"{Operand} at {Indices} {Combiner.ToString().ToLowerInvariant()} {Updates} {Dimensions} mode {Mode.ToString().ToLowerInvariant()} " +
        $"out(b{Output}:{Operand.DType.ShortName()}{Dims(Operand.Shape)})";
}
