using ILGPU;
using ILGPU.Runtime;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Fusion;

namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>Uniform parameters of <see cref="Im2Col"/>; per-spatial-dimension values live in the metadata array,
/// <see cref="Spatial"/> longs each, from the positions named *At.</summary>
internal struct Im2ColParams
{
    public int Spatial;
    public int ElementSize;
    public long LhsBatchStride;
    public long LhsFeatureStride;
    public long InFeaturesPerGroup;
    public long WindowPoints;
    public long OutPoints;
    public long OutBatch;
    public long FirstBatch;
    public long Batches;
    public long FeatureGroups;
    public long BatchGroups;
    public long Total;
    public long Threads;
    public int LhsStrideAt;
    public int LhsSizeAt;
    public int WindowSizeAt;
    public int OutSizeAt;
    public int WindowStrideAt;
    public int PadLowAt;
    public int LhsDilationAt;
    public int RhsDilationAt;
}

/// <summary>
/// The patch matrix of a convolution for output batches [FirstBatch, FirstBatch + Batches): element
/// [g, (c, w), (b, p)] of a [groups, features per group × window points, batches × output points] row-major matrix
/// is the input element that window position w of output point p of output batch b reads for input feature c of
/// group g, or zero where that position is padding or a hole of the lhs dilation (XLA's conv_general_dilated:
/// input position = p·stride − pad_low + w·rhs_dilation, in the lhs-dilated input). Group g = f·B + b' with
/// feature group f (input features f·C + c) and batch group b' (input batch b'·N' + b); XLA allows at most one
/// of the two counts above 1. The input is already in the GEMM's input type, so elements are copied as raw
/// bits of <see cref="Im2ColParams.ElementSize"/> bytes. One thread per element (grid-stride): integer index
/// arithmetic, loads and stores only, as the PTX backend needs.
/// </summary>
internal static class Im2Col
{
    /// <summary>Threads per launch at most; each thread then handles every Threads-th element.</summary>
    public const long MaxThreads = 1 << 22;

    public static Action<AcceleratorStream, Index1D, Slots, ArrayView<long>, Im2ColParams> Load(Accelerator accelerator) =>
        KernelLoading.AutoGrouped<Slots, ArrayView<long>, Im2ColParams>(accelerator, Run);

    /// <summary>Slot 0 is the input, slot 1 the patch matrix.</summary>
    private static void Run(Index1D thread, Slots slots, ArrayView<long> meta, Im2ColParams p)
    {
        var lhs = slots.Get(0);
        var patches = slots.Get(1);
        var columns = p.Batches * p.OutPoints;
        var rows = p.InFeaturesPerGroup * p.WindowPoints;
        for (long index = thread; index < p.Total; index += p.Threads)
        {
            var rest = IndexMath.Divide(index, columns);
            var column = index - rest * columns;
            var group = IndexMath.Divide(rest, rows);
            var row = rest - group * rows;
            var windowIndex = IndexMath.Divide(row, p.WindowPoints);
            var pointIndex = IndexMath.Divide(column, p.OutPoints);
            var feature = IndexMath.Divide(group, p.BatchGroups) * p.InFeaturesPerGroup + windowIndex;
            var batch = IndexMath.Divide(group, p.FeatureGroups) * p.OutBatch + p.FirstBatch + pointIndex;
            var window = row - windowIndex * p.WindowPoints;
            var point = column - pointIndex * p.OutPoints;
            var at = batch * p.LhsBatchStride + feature * p.LhsFeatureStride;
            var inside = true;
            for (var s = p.Spatial - 1; s >= 0; s--)
            {
                var windowSize = meta[p.WindowSizeAt + s];
                var windowRest = IndexMath.Divide(window, windowSize);
                var k = window - windowRest * windowSize;
                window = windowRest;
                var outSize = meta[p.OutSizeAt + s];
                var pointRest = IndexMath.Divide(point, outSize);
                var o = point - pointRest * outSize;
                point = pointRest;
                var dilated = o * meta[p.WindowStrideAt + s] - meta[p.PadLowAt + s] + k * meta[p.RhsDilationAt + s];
                var lhsDilation = meta[p.LhsDilationAt + s];
                // dilated may be negative (padding): the check below drops those points; divide only the rest.
                var x = dilated < 0 ? -1 : IndexMath.Divide(dilated, lhsDilation);
                if (dilated < 0 || x * lhsDilation != dilated) inside = false;
                if (x >= meta[p.LhsSizeAt + s]) inside = false;
                at += x * meta[p.LhsStrideAt + s];
            }
            Copy(lhs, at, patches, index, p.ElementSize, inside);
        }
    }

    private static void Copy(ArrayView<byte> from, long at, ArrayView<byte> to, long index, int size, bool inside)
    {
        if (size == 8) to.Cast<long>()[index] = inside ? from.Cast<long>()[at] : 0;
        else if (size == 4) to.Cast<int>()[index] = inside ? from.Cast<int>()[at] : 0;
        else if (size == 2) to.Cast<ushort>()[index] = inside ? from.Cast<ushort>()[at] : (ushort)0;
        else to[index] = inside ? from[at] : (byte)0;
    }
}

/// <summary>
/// <see cref="Im2Col"/> compiled for one convolution on one accelerator: its parameters and metadata, and a launch
/// per chunk of output batches. The input it reads must be the convolution's lhs (its layout) stored in
/// <paramref name="storage"/>.
/// </summary>
internal sealed class Im2ColPlan : IDisposable
{
    private readonly Action<AcceleratorStream, Index1D, Slots, ArrayView<long>, Im2ColParams> kernel;
    private readonly MemoryBuffer1D<long, Stride1D.Dense> meta;
    private readonly Im2ColParams p;

    public Im2ColPlan(Accelerator accelerator, ConvolutionKernel conv, DType storage)
    {
        var d = conv.Dimensions;
        if (conv.FeatureGroupCount > 1 && conv.BatchGroupCount > 1)
            throw new NotSupportedException("feature_group_count and batch_group_count are both above 1 (XLA allows one)");
        var metaList = new List<long>();
        int Add(IEnumerable<long> values)
        {
            var at = metaList.Count;
            metaList.AddRange(values);
            return at;
        }
        var lhsStrides = IndexMap.RowMajorStrides(conv.Lhs.Shape);
        OutSizes = d.OutSpatial.Select(a => conv.OutputShape[a]).ToArray();
        var windowSizes = d.RhsSpatial.Select(a => (long)conv.Rhs.Shape[a]).ToArray();
        p = new Im2ColParams
        {
            Spatial = d.LhsSpatial.Length,
            ElementSize = storage.SizeOf(),
            LhsBatchStride = lhsStrides[d.LhsBatch],
            LhsFeatureStride = lhsStrides[d.LhsFeature],
            InFeaturesPerGroup = conv.Rhs.Shape[d.RhsInputFeature],
            WindowPoints = windowSizes.Aggregate(1L, (a, b) => a * b),
            OutPoints = OutSizes.Aggregate(1L, (a, b) => a * b),
            OutBatch = conv.OutputShape[d.OutBatch],
            FeatureGroups = conv.FeatureGroupCount,
            BatchGroups = conv.BatchGroupCount,
            LhsStrideAt = Add(d.LhsSpatial.Select(a => lhsStrides[a])),
            LhsSizeAt = Add(d.LhsSpatial.Select(a => (long)conv.Lhs.Shape[a])),
            WindowSizeAt = Add(windowSizes),
            OutSizeAt = Add(OutSizes.Select(x => (long)x)),
            WindowStrideAt = Add(conv.WindowStrides.Select(x => (long)x)),
            PadLowAt = Add(conv.PaddingLow.Select(x => (long)x)),
            LhsDilationAt = Add(conv.LhsDilation.Select(x => (long)x)),
            RhsDilationAt = Add(conv.RhsDilation.Select(x => (long)x)),
        };
        metaList.Add(0);
        meta = accelerator.Allocate1D(metaList.ToArray());
        kernel = Im2Col.Load(accelerator);
    }

    /// <summary>The output's spatial sizes, in spatial-dimension order.</summary>
    public int[] OutSizes { get; }

    public long Groups => p.FeatureGroups * p.BatchGroups;

    /// <summary>Rows of each group's patch matrix: input features per group × window points (the GEMM's K).</summary>
    public long Depth => p.InFeaturesPerGroup * p.WindowPoints;

    public long OutPoints => p.OutPoints;

    public long OutBatch => p.OutBatch;

    public int ElementSize => p.ElementSize;

    /// <summary>Elements of the patch matrix of <paramref name="batches"/> output batches.</summary>
    public long Elements(long batches) => Groups * Depth * batches * OutPoints;

    /// <summary>Writes the patch matrix of output batches [first, first + batches) to <paramref name="patches"/>.</summary>
    public void Issue(AcceleratorStream stream, ArrayView<byte> lhs, ArrayView<byte> patches, long first, long batches)
    {
        var chunk = p;
        chunk.FirstBatch = first;
        chunk.Batches = batches;
        chunk.Total = Elements(batches);
        chunk.Threads = Math.Min(chunk.Total, Im2Col.MaxThreads);
        if (chunk.Total == 0) return;
        var slots = default(Slots);
        slots.Set(0, lhs);
        slots.Set(1, patches);
        kernel(stream, (int)chunk.Threads, slots, meta.View, chunk);
    }

    public void Dispose() => meta.Dispose();
}
