namespace JaxNet.Abstractions.Kernels;

/// <summary>
/// Which dimension of each operand plays which role (XLA's ConvDimensionNumbers). For the usual NCHW / OIHW /
/// NCHW layout: lhs (0, 1, [2,3]), rhs (0, 1, [2,3]), out (0, 1, [2,3]).
/// </summary>
public sealed record ConvDimensions(
    int LhsBatch, int LhsFeature, int[] LhsSpatial,
    int RhsOutputFeature, int RhsInputFeature, int[] RhsSpatial,
    int OutBatch, int OutFeature, int[] OutSpatial)
{
    /// <summary>NCHW / OIHW / NCHW (lax's default) with the given number of spatial dimensions.</summary>
    public static ConvDimensions ChannelsFirst(int spatial)
    {
        var s = Enumerable.Range(2, spatial).ToArray();
        return new(0, 1, s, 0, 1, s, 0, 1, s);
    }

    public override string ToString() =>
        $"lhs(b{LhsBatch},f{LhsFeature},s{Kernel.Dims(LhsSpatial)}) rhs(o{RhsOutputFeature},i{RhsInputFeature},s{Kernel.Dims(RhsSpatial)}) " +
        $"out(b{OutBatch},f{OutFeature},s{Kernel.Dims(OutSpatial)})";
}

/// <summary>
/// conv_general_dilated as in XLA: window strides, explicit low/high padding per spatial dimension (may be
/// negative), lhs (input) dilation for transposed convolutions, rhs (kernel) dilation for atrous ones, and
/// feature and batch grouping. Accumulates in <see cref="AccumulatorDType"/>, then the optional epilogue.
/// </summary>
public sealed record ConvolutionKernel(
    string Name,
    TensorRef Lhs,
    TensorRef Rhs,
    ConvDimensions Dimensions,
    int[] WindowStrides,
    int[] PaddingLow,
    int[] PaddingHigh,
    int[] LhsDilation,
    int[] RhsDilation,
    int FeatureGroupCount,
    int BatchGroupCount,
    Precision Precision,
    DType AccumulatorDType,
    FusedEpilogue? Epilogue,
    int[] OutputShape,
    int Output) : Kernel(Name)
{
    public override KernelKind Kind => KernelKind.Convolution;

    public DType OutputDType => Epilogue?.Program.ResultType(0) ?? AccumulatorDType;

    public override IEnumerable<int> ReadBuffers() =>
        new[] { Lhs.Buffer, Rhs.Buffer }.Concat(Epilogue?.Inputs.Select(i => i.Buffer) ?? []);

    public override IEnumerable<int> WrittenBuffers() => [Output];

    public override IEnumerable<DType> DTypes() =>
        new[] { Lhs.DType, Rhs.DType, AccumulatorDType, OutputDType }
            .Concat(Programs().SelectMany(p => p.Nodes.Select(n => n.DType)));

    public override IEnumerable<ScalarProgram> Programs() => Epilogue is null ? [] : [Epilogue.Program];

    /// <summary>The output shape XLA's shape inference gives for these parameters.</summary>
    public static int[] InferOutputShape(int[] lhsShape, int[] rhsShape, ConvDimensions d, int[] strides,
        int[] padLow, int[] padHigh, int[] lhsDilation, int[] rhsDilation, int batchGroupCount)
    {
        var output = new int[lhsShape.Length];
        output[d.OutBatch] = lhsShape[d.LhsBatch] / batchGroupCount;
        output[d.OutFeature] = rhsShape[d.RhsOutputFeature];
        for (var s = 0; s < d.LhsSpatial.Length; s++)
        {
            var input = lhsShape[d.LhsSpatial[s]];
            var dilatedInput = input == 0 ? 0 : (input - 1) * lhsDilation[s] + 1;
            var padded = dilatedInput + padLow[s] + padHigh[s];
            var window = rhsShape[d.RhsSpatial[s]];
            var dilatedWindow = window == 0 ? 0 : (window - 1) * rhsDilation[s] + 1;
            output[d.OutSpatial[s]] = padded < dilatedWindow ? 0 : (padded - dilatedWindow) / strides[s] + 1;
        }
        return output;
    }

    public override string Describe() =>
        $"{Lhs} * {Rhs} {Dimensions} strides{Dims(WindowStrides)} pad{Dims(PaddingLow)}:{Dims(PaddingHigh)} " +
        $"lhs_dilation{Dims(LhsDilation)} rhs_dilation{Dims(RhsDilation)} groups(f{FeatureGroupCount},b{BatchGroupCount}) " +
        $"precision {Precision.ToString().ToLowerInvariant()} acc {AccumulatorDType.ShortName()} " +
        $"out(b{Output}:{OutputDType.ShortName()}{Dims(OutputShape)})" + (Epilogue is null ? "" : " " + Epilogue);
}
