using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.TpuSim.Execution;

/// <summary>
/// conv_general_dilated lowered the way a TPU lowers it onto its matrix units: im2col into one GEMM per group,
/// [M = batch x output pixels, K = input features x window] x [K, N = output features], with the same numerics as
/// contractions. Feature groups split the input and output features; batch groups split the input batch and the
/// output features (output feature block g reads batch block g).
/// </summary>
internal static class ConvolutionExecutor
{
    public static void Run(ConvolutionKernel kernel, LaunchMemory memory)
    {
        var plan = ConvolutionGemm.Of(kernel);
        var (lhsOffsets, lhsValid) = plan.LhsOffsets();
        var lhs = ElementIO.Gather(memory[kernel.Lhs.Buffer], kernel.Lhs.DType, lhsOffsets);
        for (var i = 0; i < lhsValid.Length; i++)
        {
            if (lhsValid[i]) continue;
            if (lhs.IsFloat) lhs.Floats[i] = 0;
            else lhs.Ints[i] = 0;
        }
        var rhs = ElementIO.Gather(memory[kernel.Rhs.Buffer], kernel.Rhs.DType, plan.RhsOffsets());
        var product = ContractionExecutor.Multiply(lhs, rhs, plan.Groups, plan.M, plan.K, plan.N,
            kernel.Precision, kernel.AccumulatorDType);
        var output = Column.Create(product.DType, product.Length);
        var positions = plan.OutputOffsets();
        for (var i = 0; i < positions.Length; i++)
        {
            if (output.IsFloat) output.Floats[positions[i]] = product.Floats[i];
            else output.Ints[positions[i]] = product.Ints[i];
        }
        EpilogueApplier.Write(output, kernel.Epilogue, kernel.OutputShape, kernel.Output, memory);
    }
}

/// <summary>The im2col GEMM of a convolution: <see cref="Groups"/> products of [M, K] x [K, N].</summary>
internal sealed class ConvolutionGemm
{
    private readonly ConvolutionKernel kernel;
    private readonly int[] outSpatial;
    private readonly int[] window;
    private readonly int batchPerGroup;
    private readonly int featuresPerGroup;

    private ConvolutionGemm(ConvolutionKernel kernel)
    {
        this.kernel = kernel;
        var d = kernel.Dimensions;
        outSpatial = d.OutSpatial.Select(s => kernel.OutputShape[s]).ToArray();
        window = d.RhsSpatial.Select(s => kernel.Rhs.Shape[s]).ToArray();
        var featureGroups = kernel.FeatureGroupCount;
        var batchGroups = kernel.BatchGroupCount;
        Groups = featureGroups * batchGroups;
        batchPerGroup = kernel.Lhs.Shape[d.LhsBatch] / batchGroups;
        featuresPerGroup = kernel.Lhs.Shape[d.LhsFeature] / featureGroups;
        M = checked(batchPerGroup * (int)Coordinates.Count(outSpatial));
        K = checked(featuresPerGroup * (int)Coordinates.Count(window));
        N = kernel.Rhs.Shape[d.RhsOutputFeature] / Groups;
    }

    public int Groups { get; }

    public int M { get; }

    public int K { get; }

    public int N { get; }

    public static ConvolutionGemm Of(ConvolutionKernel kernel) => new(kernel);

    private bool FeatureGrouped => kernel.FeatureGroupCount > 1;

    /// <summary>Offsets into the lhs of the [Groups, M, K] im2col matrix, and which entries are real (not padding).</summary>
    public (long[] Offsets, bool[] Valid) LhsOffsets()
    {
        var d = kernel.Dimensions;
        var strides = IndexMap.RowMajorStrides(kernel.Lhs.Shape);
        var offsets = new long[(long)Groups * M * K];
        var valid = new bool[offsets.Length];
        var spatial = d.LhsSpatial.Length;
        var outPos = new long[spatial];
        var winPos = new long[spatial];
        var pixels = (int)Coordinates.Count(outSpatial);
        var taps = (int)Coordinates.Count(window);
        var j = 0;
        for (var g = 0; g < Groups; g++)
            for (var b = 0; b < batchPerGroup; b++)
                for (var p = 0; p < pixels; p++)
                {
                    Unravel(p, outSpatial, outPos);
                    var batch = (FeatureGrouped ? 0 : g * batchPerGroup) + b;
                    for (var c = 0; c < featuresPerGroup; c++)
                    {
                        var feature = (FeatureGrouped ? g * featuresPerGroup : 0) + c;
                        var rowBase = batch * strides[d.LhsBatch] + feature * strides[d.LhsFeature];
                        for (var w = 0; w < taps; w++, j++)
                        {
                            Unravel(w, window, winPos);
                            var offset = rowBase;
                            var inside = true;
                            for (var s = 0; s < spatial && inside; s++)
                            {
                                var dilated = outPos[s] * kernel.WindowStrides[s] + winPos[s] * kernel.RhsDilation[s] - kernel.PaddingLow[s];
                                var input = kernel.Lhs.Shape[d.LhsSpatial[s]];
                                if (dilated < 0 || dilated % kernel.LhsDilation[s] != 0) { inside = false; break; }
                                var x = dilated / kernel.LhsDilation[s];
                                if (x >= input) { inside = false; break; }
                                offset += x * strides[d.LhsSpatial[s]];
                            }
                            valid[j] = inside;
                            offsets[j] = inside ? offset : 0;
                        }
                    }
                }
        return (offsets, valid);
    }

    /// <summary>Offsets into the rhs of the [Groups, K, N] weight matrix.</summary>
    public long[] RhsOffsets()
    {
        var d = kernel.Dimensions;
        var strides = IndexMap.RowMajorStrides(kernel.Rhs.Shape);
        var offsets = new long[(long)Groups * K * N];
        var winPos = new long[window.Length];
        var taps = (int)Coordinates.Count(window);
        var j = 0;
        for (var g = 0; g < Groups; g++)
            for (var c = 0; c < featuresPerGroup; c++)
                for (var w = 0; w < taps; w++)
                {
                    Unravel(w, window, winPos);
                    long tap = c * strides[d.RhsInputFeature];
                    for (var s = 0; s < window.Length; s++) tap += winPos[s] * strides[d.RhsSpatial[s]];
                    for (var o = 0; o < N; o++, j++)
                        offsets[j] = tap + (long)(g * N + o) * strides[d.RhsOutputFeature];
                }
        return offsets;
    }

    /// <summary>Where each element of the [Groups, M, N] product lands in the row-major output.</summary>
    public long[] OutputOffsets()
    {
        var d = kernel.Dimensions;
        var strides = IndexMap.RowMajorStrides(kernel.OutputShape);
        var offsets = new long[(long)Groups * M * N];
        var outPos = new long[outSpatial.Length];
        var pixels = (int)Coordinates.Count(outSpatial);
        var j = 0;
        for (var g = 0; g < Groups; g++)
            for (var b = 0; b < batchPerGroup; b++)
                for (var p = 0; p < pixels; p++)
                {
                    Unravel(p, outSpatial, outPos);
                    long pixel = b * strides[d.OutBatch];
                    for (var s = 0; s < outSpatial.Length; s++) pixel += outPos[s] * strides[d.OutSpatial[s]];
                    for (var o = 0; o < N; o++, j++)
                        offsets[j] = pixel + (long)(g * N + o) * strides[d.OutFeature];
                }
        return offsets;
    }

    private static void Unravel(long linear, int[] shape, long[] coords)
    {
        for (var s = shape.Length - 1; s >= 0; s--)
        {
            coords[s] = linear % shape[s];
            linear /= shape[s];
        }
    }
}
