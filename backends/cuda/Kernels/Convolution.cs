using ILGPU;
using ILGPU.Runtime;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>
/// conv_general_dilated as im2col + GEMM: the filters are packed to [groups, out features per group, features per
/// group × window points] in the GEMM's input type (<see cref="GemmTypes"/>, as contractions pack), the input is
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
    private readonly Action<AcceleratorStream, Index1D, ArrayView<byte>, ArrayView<byte>, ArrayView<long>, Im2ColParams> im2col;
    private readonly MemoryBuffer1D<long, Stride1D.Dense> meta;
    private readonly FusedElementwise packFilters;
    private readonly FusedElementwise? convertLhs;
    private readonly FusedElementwise epilogue;
    private readonly Im2ColParams patch;
    private readonly GemmTypes types;
    private readonly int lhsBuffer;
    private readonly long outFeatures;
    private readonly long chunkBatches;
    private readonly long lhsElements;

    public Convolution(Accelerator accelerator, ConvolutionKernel conv, long patchBudgetBytes = DefaultPatchBudgetBytes)
    {
        var d = conv.Dimensions;
        if (conv.FeatureGroupCount > 1 && conv.BatchGroupCount > 1)
            throw new NotSupportedException("feature_group_count and batch_group_count are both above 1 (XLA allows one)");
        types = GemmTypes.For(conv.Lhs.DType, conv.Rhs.DType, conv.AccumulatorDType, conv.Precision);
        var metaList = new List<long>();
        int Add(IEnumerable<long> values)
        {
            var at = metaList.Count;
            metaList.AddRange(values);
            return at;
        }
        var lhsStrides = IndexMap.RowMajorStrides(conv.Lhs.Shape);
        var outSizes = d.OutSpatial.Select(a => conv.OutputShape[a]).ToArray();
        var windowSizes = d.RhsSpatial.Select(a => (long)conv.Rhs.Shape[a]).ToArray();
        outFeatures = conv.OutputShape[d.OutFeature];
        var groups = (long)conv.FeatureGroupCount * conv.BatchGroupCount;
        patch = new Im2ColParams
        {
            Spatial = d.LhsSpatial.Length,
            ElementSize = types.Input.SizeOf(),
            LhsBatchStride = lhsStrides[d.LhsBatch],
            LhsFeatureStride = lhsStrides[d.LhsFeature],
            InFeaturesPerGroup = conv.Rhs.Shape[d.RhsInputFeature],
            WindowPoints = windowSizes.Aggregate(1L, (a, b) => a * b),
            OutPoints = outSizes.Aggregate(1L, (a, b) => a * b),
            OutBatch = conv.OutputShape[d.OutBatch],
            FeatureGroups = conv.FeatureGroupCount,
            BatchGroups = conv.BatchGroupCount,
            LhsStrideAt = Add(d.LhsSpatial.Select(a => lhsStrides[a])),
            LhsSizeAt = Add(d.LhsSpatial.Select(a => (long)conv.Lhs.Shape[a])),
            WindowSizeAt = Add(windowSizes),
            OutSizeAt = Add(outSizes.Select(x => (long)x)),
            WindowStrideAt = Add(conv.WindowStrides.Select(x => (long)x)),
            PadLowAt = Add(conv.PaddingLow.Select(x => (long)x)),
            LhsDilationAt = Add(conv.LhsDilation.Select(x => (long)x)),
            RhsDilationAt = Add(conv.RhsDilation.Select(x => (long)x)),
        };
        var batchPatchBytes = groups * patch.InFeaturesPerGroup * patch.WindowPoints * patch.OutPoints * patch.ElementSize;
        chunkBatches = Math.Max(1, Math.Min(patch.OutBatch, batchPatchBytes == 0 ? patch.OutBatch : patchBudgetBytes / batchPatchBytes));
        metaList.Add(0);
        meta = accelerator.Allocate1D(metaList.ToArray());
        im2col = Im2Col.Load(accelerator);

        int[] filterOrder = [d.RhsOutputFeature, d.RhsInputFeature, .. d.RhsSpatial];
        packFilters = Contraction.Pack(accelerator, conv.Name, conv.Rhs, filterOrder, conv.AccumulatorDType, types.Input, PackedFilters);
        lhsBuffer = conv.Lhs.Buffer;
        lhsElements = conv.Lhs.Shape.Aggregate(1L, (a, b) => a * b);
        if (conv.Lhs.DType != types.Input)
        {
            convertLhs = Contraction.Pack(accelerator, conv.Name, conv.Lhs, [.. Enumerable.Range(0, conv.Lhs.Shape.Length)],
                conv.AccumulatorDType, types.Input, ConvertedLhs);
            lhsBuffer = ConvertedLhs;
        }
        epilogue = Contraction.Epilogue(accelerator, conv.Name, conv.OutputShape, ProductMap(conv, outSizes), Product,
            conv.AccumulatorDType, conv.Epilogue, conv.Output);
    }

    /// <summary>Output batches per im2col + GEMM step.</summary>
    internal long ChunkBatches => chunkBatches;

    /// <summary>The product is [out features, output batch, output points]; the output's dimensions read it so.</summary>
    private IndexMap ProductMap(ConvolutionKernel conv, int[] outSizes)
    {
        var d = conv.Dimensions;
        var strides = new long[conv.OutputShape.Length];
        strides[d.OutFeature] = patch.OutBatch * patch.OutPoints;
        strides[d.OutBatch] = patch.OutPoints;
        var spatial = IndexMap.RowMajorStrides(outSizes);
        for (var s = 0; s < d.OutSpatial.Length; s++) strides[d.OutSpatial[s]] = spatial[s];
        return new IndexMap(0, strides);
    }

    public void Issue(LaunchFrame frame)
    {
        var outputPoints = outFeatures * patch.OutBatch * patch.OutPoints;
        if (outputPoints == 0) return;
        var groups = patch.FeatureGroups * patch.BatchGroups;
        var depth = patch.InFeaturesPerGroup * patch.WindowPoints;
        var input = (long)types.Input.SizeOf();
        var output = (long)types.Output.SizeOf();
        frame.Bind(PackedFilters, frame.Scratch(outFeatures * depth * input));
        frame.Bind(Product, frame.Scratch(outputPoints * output));
        packFilters.Issue(frame);
        if (convertLhs is not null)
        {
            frame.Bind(ConvertedLhs, frame.Scratch(lhsElements * input));
            convertLhs.Issue(frame);
        }
        var patches = frame.Scratch(groups * depth * chunkBatches * patch.OutPoints * input);
        frame.Bind(Patches, patches);
        var product = frame.Buffer(Product);
        for (var first = 0L; first < patch.OutBatch; first += chunkBatches)
        {
            var batches = Math.Min(chunkBatches, patch.OutBatch - first);
            var p = patch;
            p.FirstBatch = first;
            p.Batches = batches;
            p.Total = groups * depth * batches * patch.OutPoints;
            p.Threads = Math.Min(p.Total, Im2Col.MaxThreads);
            if (p.Total > 0) im2col(frame.Stream, (int)p.Threads, frame.Buffer(lhsBuffer), patches, meta.View, p);
            var gemm = new GemmParams
            {
                Batch = (int)groups,
                M = checked((int)(outFeatures / groups)),
                N = checked((int)(batches * patch.OutPoints)),
                K = checked((int)depth),
                LdC = patch.OutBatch * patch.OutPoints,
                StrideC = outFeatures / groups * patch.OutBatch * patch.OutPoints,
                Input = types.Input,
                Output = types.Output,
            };
            frame.Bind(ProductChunk, product.SubView(first * patch.OutPoints * output, product.Length - first * patch.OutPoints * output));
            BatchedGemm.Issue(frame, gemm, types.AllowTf32, PackedFilters, Patches, ProductChunk);
        }
        epilogue.Issue(frame);
    }

    public void Dispose()
    {
        meta.Dispose();
        packFilters.Dispose();
        convertLhs?.Dispose();
        epilogue.Dispose();
    }
}
