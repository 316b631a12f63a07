using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Kernels;

/// <summary>
/// The sizes of a convolution in its normalised layouts: lhs [N, C, in...], rhs [O, I, window...],
/// out [N/batchGroups, O, out...], and for every spatial dimension and window position the input index each
/// output position reads (-1 where it falls in padding or in a hole of the lhs dilation).
/// </summary>
internal sealed class ConvolutionGeometry
{
    public ConvolutionGeometry(ConvolutionKernel k)
    {
        var d = k.Dimensions;
        var spatial = d.LhsSpatial.Length;
        if (d.RhsSpatial.Length != spatial || d.OutSpatial.Length != spatial || k.WindowStrides.Length != spatial ||
            k.PaddingLow.Length != spatial || k.PaddingHigh.Length != spatial || k.LhsDilation.Length != spatial ||
            k.RhsDilation.Length != spatial)
            throw new KernelCompilationException(k.Name, $"spatial parameters disagree in length (expected {spatial})");
        if (k.WindowStrides.Any(s => s < 1) || k.LhsDilation.Any(s => s < 1) || k.RhsDilation.Any(s => s < 1))
            throw new KernelCompilationException(k.Name, "strides and dilations must be at least 1");
        Batch = k.Lhs.Shape[d.LhsBatch];
        Features = k.Lhs.Shape[d.LhsFeature];
        OutFeatures = k.Rhs.Shape[d.RhsOutputFeature];
        InFeaturesPerGroup = k.Rhs.Shape[d.RhsInputFeature];
        FeatureGroups = k.FeatureGroupCount;
        BatchGroups = k.BatchGroupCount;
        if (FeatureGroups < 1 || BatchGroups < 1) throw new KernelCompilationException(k.Name, "group counts must be at least 1");
        if (FeatureGroups > 1 && BatchGroups > 1)
            throw new KernelCompilationException(k.Name, "feature_group_count and batch_group_count cannot both exceed 1");
        if (Features != InFeaturesPerGroup * FeatureGroups)
            throw new KernelCompilationException(k.Name, $"lhs has {Features} features, rhs expects {InFeaturesPerGroup} x {FeatureGroups} groups");
        if (OutFeatures % FeatureGroups != 0 || OutFeatures % BatchGroups != 0 || Batch % BatchGroups != 0)
            throw new KernelCompilationException(k.Name, "output features and batch must divide by the group counts");
        InSizes = d.LhsSpatial.Select(a => k.Lhs.Shape[a]).ToArray();
        WindowSizes = d.RhsSpatial.Select(a => k.Rhs.Shape[a]).ToArray();
        var expected = ConvolutionKernel.InferOutputShape(k.Lhs.Shape, k.Rhs.Shape, d, k.WindowStrides, k.PaddingLow,
            k.PaddingHigh, k.LhsDilation, k.RhsDilation, k.BatchGroupCount);
        if (!expected.SequenceEqual(k.OutputShape))
            throw new KernelCompilationException(k.Name, $"output shape {ShapeText.Dims(k.OutputShape)} is not the inferred {ShapeText.Dims(expected)}");
        OutBatch = k.OutputShape[d.OutBatch];
        OutSizes = d.OutSpatial.Select(a => k.OutputShape[a]).ToArray();
        InputIndex = new int[spatial][][];
        for (var s = 0; s < spatial; s++)
        {
            var dilatedInput = InSizes[s] == 0 ? 0 : (InSizes[s] - 1) * k.LhsDilation[s] + 1;
            InputIndex[s] = new int[WindowSizes[s]][];
            for (var w = 0; w < WindowSizes[s]; w++)
            {
                var map = InputIndex[s][w] = new int[OutSizes[s]];
                for (var o = 0; o < OutSizes[s]; o++)
                {
                    var position = (long)o * k.WindowStrides[s] + (long)w * k.RhsDilation[s] - k.PaddingLow[s];
                    map[o] = position < 0 || position >= dilatedInput || position % k.LhsDilation[s] != 0
                        ? -1
                        : (int)(position / k.LhsDilation[s]);
                }
            }
        }
        InnerStretches = spatial == 0 ? [] : InputIndex[spatial - 1].Select(Stretch).ToArray();
        WindowStretches = spatial == 0
            ? []
            : Enumerable.Range(0, OutSizes[spatial - 1])
                .Select(o => Stretch(InputIndex[spatial - 1].Select(map => map[o]).ToArray())).ToArray();
    }

    public int Batch { get; }
    public int Features { get; }
    public int OutFeatures { get; }
    public int InFeaturesPerGroup { get; }
    public int FeatureGroups { get; }
    public int BatchGroups { get; }
    public int OutBatch { get; }
    public int[] InSizes { get; }
    public int[] WindowSizes { get; }
    public int[] OutSizes { get; }

    /// <summary>[spatial dim][window position][output position] = input position, or -1 (reads zero).</summary>
    public int[][][] InputIndex { get; }

    /// <summary>
    /// Per window position of the innermost spatial dimension, its map of <see cref="InputIndex"/> as one stretch:
    /// outputs [Lo, Hi) read inputs First, First + Step, ... and the others padding; null when holes of an lhs
    /// dilation break it up. Im2col copies a row's stretch as a block.
    /// </summary>
    public (int Lo, int Hi, int First, int Step)?[] InnerStretches { get; }

    /// <summary>
    /// Per output position of the innermost spatial dimension, the window positions that read the input, as one
    /// stretch (as <see cref="InnerStretches"/> with the roles of window and output swapped): im2row copies a
    /// patch row's runs along the window as blocks.
    /// </summary>
    public (int Lo, int Hi, int First, int Step)?[] WindowStretches { get; }

    /// <summary>
    /// Whether im2row (<see cref="ConvolutionRowPatches{T}"/>) gathers longer runs than im2col: the window's
    /// innermost extent is longer than the output's, as in a weight gradient, whose window is the output
    /// gradient's image and whose output is the filter. Then too each batch's own product would be only as wide as
    /// its few output points, where im2row makes one product of all of them. Not when so few patch rows fit a
    /// chunk that the filters would be packed again for every handful of rows.
    /// </summary>
    public bool PrefersRowPatches
    {
        get
        {
            var rank = OutSizes.Length;
            if (rank == 0 || WindowSizes[rank - 1] <= OutSizes[rank - 1]) return false;
            var rows = (long)OutBatch * OutPoints;
            var chunk = Math.Max(1, ConvolutionRowPatches<float>.ChunkElements / Math.Max(1, InFeaturesPerGroup * WindowPoints));
            return chunk >= rows || chunk >= ConvolutionRowPatches<float>.MinChunkRows;
        }
    }

    private static (int Lo, int Hi, int First, int Step)? Stretch(int[] map)
    {
        var lo = Array.FindIndex(map, i => i >= 0);
        if (lo < 0) return (0, 0, 0, 1);
        var hi = Array.FindLastIndex(map, i => i >= 0) + 1;
        var step = hi - lo > 1 ? map[lo + 1] - map[lo] : 1;
        for (var o = lo; o < hi; o++)
            if (map[o] != map[lo] + (o - lo) * step) return null;
        return (lo, hi, map[lo], step);
    }

    public long InPoints => InSizes.Aggregate(1L, (a, b) => a * b);
    public long WindowPoints => WindowSizes.Aggregate(1L, (a, b) => a * b);
    public long OutPoints => OutSizes.Aggregate(1L, (a, b) => a * b);

    /// <summary>Groups of output features that read separate inputs (feature or batch groups).</summary>
    public int Groups => Math.Max(FeatureGroups, BatchGroups);

    public double Flops => 2.0 * OutBatch * OutFeatures * OutPoints * InFeaturesPerGroup * WindowPoints;
}
