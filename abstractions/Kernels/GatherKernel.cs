namespace JaxNet.Abstractions.Kernels;

/// <summary>XLA's GatherDimensionNumbers (without batching dimensions, which IR v1 leaves to the host).</summary>
public sealed record GatherDimensions(int[] OffsetDims, int[] CollapsedSliceDims, int[] StartIndexMap, int IndexVectorDim)
{
    public override string ToString() =>
        $"offset{Kernel.Dims(OffsetDims)} collapsed{Kernel.Dims(CollapsedSliceDims)} start_map{Kernel.Dims(StartIndexMap)} index_vector_dim {IndexVectorDim}";
}

/// <summary>What gather and scatter do with a start index that would put a slice out of bounds.</summary>
public enum IndexMode
{
    /// <summary>Clamp the start so the whole slice is in bounds (XLA's native behaviour).</summary>
    Clip,
    /// <summary>Gather: a slice out of bounds yields <c>FillValue</c>. Scatter: its updates are dropped.</summary>
    FillOrDrop,
}

/// <summary>
/// XLA's gather: for each index in <see cref="Indices"/> (Int32 or Int64), a slice of size
/// <see cref="SliceSizes"/> of <see cref="Operand"/> starting there; the output's shape is
/// <see cref="OutputShape"/> as XLA's shape inference gives it.
/// </summary>
public sealed record GatherKernel(
    string Name,
    TensorRef Operand,
    TensorRef Indices,
    GatherDimensions Dimensions,
    int[] SliceSizes,
    IndexMode Mode,
    double FillValue,
    int[] OutputShape,
    int Output) : Kernel(Name)
{
    public override KernelKind Kind => KernelKind.Gather;

    public override IEnumerable<int> ReadBuffers() => [Operand.Buffer, Indices.Buffer];

    public override IEnumerable<int> WrittenBuffers() => [Output];

    public override IEnumerable<DType> DTypes() => [Operand.DType, Indices.DType];

    /// <summary>XLA's gather shape inference.</summary>
    public static int[] InferOutputShape(int[] indicesShape, GatherDimensions d, int[] sliceSizes)
    {
        var batchShape = indicesShape.Where((_, i) => i != d.IndexVectorDim).ToList();
        var offsetSizes = sliceSizes.Where((_, i) => !d.CollapsedSliceDims.Contains(i)).ToArray();
        var rank = batchShape.Count + offsetSizes.Length;
        var output = new int[rank];
        int batch = 0, offset = 0;
        for (var i = 0; i < rank; i++)
            output[i] = d.OffsetDims.Contains(i) ? offsetSizes[offset++] : batchShape[batch++];
        return output;
    }

    public override string Describe() =>
        $"{Operand} at {Indices} {Dimensions} slice{Dims(SliceSizes)} mode {Mode.ToString().ToLowerInvariant()} " +
        $"fill {FillValue.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} out(b{Output}:{Operand.DType.ShortName()}{Dims(OutputShape)})";
}
