using ILGPU.Runtime;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>
/// conv_general_dilated as im2col + GEMM: the filters are packed (unless they already are: OIHW-like in the type)
/// to [groups, out features per group, features per group × window points] in the GEMM's input type (<see cref="GemmTypes"/>, as contractions pack), the input is
/// converted to that type when it is not already, <see cref="Im2Col"/> writes the patch matrix [groups, features
/// per group × window points, batches × output points], and one strided batched GEMM per chunk of output batches
/// (<see cref="BatchedGemm"/>: cuBLAS on a GPU, the ILGPU GEMM otherwise) writes the product [out features,
/// output batch, output points] in the accumulator dtype; the epilogue is then one fused elementwise kernel that
/// reads it in the output's layout. Output batches are taken in chunks whose patch matrix fits
/// <see cref="DefaultPatchBudgetBytes"/> (at least one batch per chunk), so large images do not need a patch
/// matrix for the whole batch.
/// </summary>
internal sealed class Convolution : ICompiledKernel
{
    public const long DefaultPatchBudgetBytes = 256L << 20;
    private const int PackedFilters = -1;
    private const int ConvertedLhs = -2;
    private const int Patches = -3;
    private const int Product = -4;
    private const int ProductChunk = -5;
    private readonly Im2ColPlan im2col;
    private readonly FusedElementwise? packFilters;
    private readonly FusedElementwise? convertLhs;
    private readonly FusedElementwise epilogue;
    private readonly GemmTypes types;
    private readonly int lhsBuffer;
    private readonly int filters;
    private readonly long outFeatures;
    private readonly long lhsElements;

    public Convolution(Accelerator accelerator, ConvolutionKernel conv, long patchBudgetBytes = DefaultPatchBudgetBytes)
    {
        var d = conv.Dimensions;
        types = GemmTypes.For(conv.Lhs.DType, conv.Rhs.DType, conv.AccumulatorDType, conv.Precision);
        im2col = new Im2ColPlan(accelerator, conv, types.Input);
        outFeatures = conv.OutputShape[d.OutFeature];
        var batchPatchBytes = im2col.Elements(1) * im2col.ElementSize;
        ChunkBatches = Math.Max(1, Math.Min(im2col.OutBatch, batchPatchBytes == 0 ? im2col.OutBatch : patchBudgetBytes / batchPatchBytes));

        int[] filterOrder = [d.RhsOutputFeature, d.RhsInputFeature, .. d.RhsSpatial];
        (packFilters, filters, _) = Contraction.PackUnlessPacked(accelerator, conv.Name, conv.Rhs, filterOrder, null,
            conv.AccumulatorDType, types.Input, PackedFilters);
        lhsBuffer = conv.Lhs.Buffer;
        lhsElements = conv.Lhs.Shape.Aggregate(1L, (a, b) => a * b);
        if (conv.Lhs.DType != types.Input)
        {
            convertLhs = Contraction.Pack(accelerator, conv.Name, conv.Lhs, [.. Enumerable.Range(0, conv.Lhs.Shape.Length)],
                conv.AccumulatorDType, types.Input, ConvertedLhs);
            lhsBuffer = ConvertedLhs;
        }
        epilogue = Contraction.Epilogue(accelerator, conv.Name, conv.OutputShape, ProductMap(conv), Product,
            conv.AccumulatorDType, conv.Epilogue, conv.Output);
    }

    /// <summary>Output batches per im2col + GEMM step.</summary>
    internal long ChunkBatches { get; }

    /// <summary>The product is [out features, output batch, output points]; the output's dimensions read it so.</summary>
    private IndexMap ProductMap(ConvolutionKernel conv)
    {
        var d = conv.Dimensions;
        var strides = new long[conv.OutputShape.Length];
        strides[d.OutFeature] = im2col.OutBatch * im2col.OutPoints;
        strides[d.OutBatch] = im2col.OutPoints;
        var spatial = IndexMap.RowMajorStrides(im2col.OutSizes);
        for (var s = 0; s < d.OutSpatial.Length; s++) strides[d.OutSpatial[s]] = spatial[s];
        return new IndexMap(0, strides);
    }

    public void Issue(LaunchFrame frame)
    {
        var outputPoints = outFeatures * im2col.OutBatch * im2col.OutPoints;
        if (outputPoints == 0) return;
        var input = (long)types.Input.SizeOf();
        var output = (long)types.Output.SizeOf();
        if (packFilters is not null)
        {
            frame.Bind(PackedFilters, frame.Scratch(outFeatures * im2col.Depth * input));
            packFilters.Issue(frame);
        }
        frame.Bind(Product, frame.Scratch(outputPoints * output));
        if (convertLhs is not null)
        {
            frame.Bind(ConvertedLhs, frame.Scratch(lhsElements * input));
            convertLhs.Issue(frame);
        }
        var patches = frame.Scratch(im2col.Elements(ChunkBatches) * input);
        frame.Bind(Patches, patches);
        var product = frame.Buffer(Product);
        var groups = im2col.Groups;
        for (var first = 0L; first < im2col.OutBatch; first += ChunkBatches)
        {
            var batches = Math.Min(ChunkBatches, im2col.OutBatch - first);
            im2col.Issue(frame.Stream, frame.Buffer(lhsBuffer), patches, first, batches);
            // Group g's filters [O/G, K] times its patches [K, batches × points] is rows g·O/G.. of the product,
            // columns first × points.. of each row (row stride: every batch's points).
            var gemm = new GemmParams
            {
                Batch = (int)groups,
                M = checked((int)(outFeatures / groups)),
                N = checked((int)(batches * im2col.OutPoints)),
                K = checked((int)im2col.Depth),
                LdC = im2col.OutBatch * im2col.OutPoints,
                StrideC = outFeatures / groups * im2col.OutBatch * im2col.OutPoints,
                Input = types.Input,
                Output = types.Output,
            };
            var offset = first * im2col.OutPoints * output;
            frame.Bind(ProductChunk, product.SubView(offset, product.Length - offset));
            BatchedGemm.Issue(frame, gemm, types.AllowTf32, filters, Patches, ProductChunk);
        }
        epilogue.Issue(frame);
    }

    public void Dispose()
    {
        im2col.Dispose();
        packFilters?.Dispose();
        convertLhs?.Dispose();
        epilogue.Dispose();
    }
}
