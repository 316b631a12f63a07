using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Kernels;
using JaxNet.Backends.CpuSimd.Kernels.Gemm;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// im2col with several images' patches in one product (<see cref="ConvolutionImageBlocks"/>), the patch rows
/// copied as runs across output rows (<see cref="ConvolutionColumnPatches{T}"/>) and operands read in place: each
/// convolution checked against the float64 reference, on whichever path this machine's panel width picks (the
/// description is checked against <see cref="ConvolutionImageBlocks.ImagesPerProduct"/>).
/// </summary>
public sealed class ConvolutionImageBlocksTests
{
    private static ConvolutionKernel Forward(int[] lhs, int[] rhs, int[] strides, int[] padLow, int[] padHigh, int[] lhsDilation,
        int[] rhsDilation, int featureGroups, int batchGroups, DType dtype, int l, int r, int o)
    {
        var d = ConvDimensions.ChannelsFirst(lhs.Length - 2);
        var outShape = ConvolutionKernel.InferOutputShape(lhs, rhs, d, strides, padLow, padHigh, lhsDilation, rhsDilation, batchGroups);
        return new ConvolutionKernel("conv", new TensorRef(l, dtype, lhs), new TensorRef(r, dtype, rhs), d, strides, padLow, padHigh,
            lhsDilation, rhsDilation, featureGroups, batchGroups, Precision.Default, dtype, null, outShape, o);
    }

    private static int Count(int[] shape) => shape.Aggregate(1, (a, b) => a * b);

    /// <summary>Runs the convolution, compares it with the reference and returns the images per product it took.</summary>
    private static int Check(int[] lhsShape, int[] rhsShape, int[] strides, int[] padLow, int[] padHigh, int[]? lhsDilation = null,
        int[]? rhsDilation = null, int featureGroups = 1, int batchGroups = 1, DType dtype = DType.Float32,
        Func<double[], double[]>? editLhs = null)
    {
        var ones = Enumerable.Repeat(1, lhsShape.Length - 2).ToArray();
        lhsDilation ??= ones;
        rhsDilation ??= ones;
        var lhs = Reference.Values(Count(lhsShape), 5);
        if (editLhs is not null) lhs = editLhs(lhs);
        var rhs = Reference.Values(Count(rhsShape), 6);
        using var h = new ModuleHarness { PoisonResults = true };
        var l = dtype == DType.Float32 ? h.Input(lhs.Select(v => (float)v).ToArray()) : h.Input(lhs);
        var r = dtype == DType.Float32 ? h.Input(rhs.Select(v => (float)v).ToArray()) : h.Input(rhs);
        var probe = Forward(lhsShape, rhsShape, strides, padLow, padHigh, lhsDilation, rhsDilation, featureGroups, batchGroups, dtype, 0, 0, 0);
        var o = h.Output(Math.Max(1, Count(probe.OutputShape)) * (long)dtype.SizeOf());
        var kernel = Forward(lhsShape, rhsShape, strides, padLow, padHigh, lhsDilation, rhsDilation, featureGroups, batchGroups, dtype, l, r, o);
        var expected = Reference.Convolution(lhs, lhsShape, rhs, rhsShape, kernel);
        h.Run(kernel);
        var actual = dtype == DType.Float32 ? h.Result<float>(o).Select(v => (double)v).ToArray() : h.Result<double>(o);
        ConvolutionRowPatchesTests.SameOrBothNaN(expected, actual.Take(expected.Length).ToArray(), dtype == DType.Float32 ? 1e-5 : 1e-12);
        var g = new ConvolutionGeometry(kernel);
        var images = ConvolutionImageBlocks.ImagesPerProduct(g, GemmRunner.PanelColumns(dtype), ConvolutionImageBlocks.Workers(g),
            CacheSizes.Current.L2 / dtype.SizeOf());
        var text = h.Executable!.Describe();
        if (images > 1) Assert.Contains($"{images} images per product", text);
        else Assert.DoesNotContain("images per product", text);
        Assert.Contains("lhs read in place; rhs read in place", text);
        return images;
    }

    [Fact]
    public void StrideOneSamePadding()
    {
        // 49 points against panels of 16 or 64 columns, a depth of 72: shared products wherever the GEMM has panels.
        var images = Check([9, 8, 7, 7], [6, 8, 3, 3], [1, 1], [1, 1], [1, 1]);
        if (GemmRunner.PanelColumns(DType.Float32) >= 16) Assert.True(images > 1, $"{images} images per product");
    }

    [Fact]
    public void StrideTwoOddSizesAndUnevenPadding() =>
        Check([5, 3, 13, 11], [4, 3, 3, 3], [2, 2], [1, 0], [0, 1]);

    [Fact]
    public void LhsAndRhsDilation()
    {
        Check([6, 8, 9, 8], [3, 8, 3, 3], [1, 1], [2, 2], [2, 2], rhsDilation: [2, 1]);
        Check([6, 8, 5, 6], [3, 8, 3, 2], [1, 2], [1, 1], [1, 0], lhsDilation: [2, 2], rhsDilation: [1, 2]);
    }

    [Fact]
    public void FeatureAndBatchGroups()
    {
        Check([7, 12, 6, 5], [9, 4, 3, 3], [1, 1], [1, 1], [1, 1], featureGroups: 3);
        Check([9, 2, 5, 4], [6, 2, 2, 2], [1, 1], [0, 0], [0, 0], batchGroups: 3);
    }

    [Fact]
    public void BatchOfOneTakesOneImage() =>
        Assert.Equal(1, Check([1, 4, 10, 10], [6, 4, 3, 3], [1, 1], [1, 1], [1, 1]));

    [Fact]
    public void OneSpatialDimensionAndFloat64()
    {
        Check([11, 3, 17], [4, 3, 3], [1], [1], [1]);
        Check([7, 8, 5, 4], [4, 8, 3, 3], [1, 1], [1, 1], [1, 1], dtype: DType.Float64);
    }

    [Fact]
    public void TheCnnSecondLayerOnBothCores()
    {
        // The bench's second conv and its input gradient (64 x 14 x 14 -> 32 features), at a batch of 8.
        Check([8, 32, 14, 14], [64, 32, 3, 3], [1, 1], [1, 1], [1, 1]);
        Check([8, 64, 14, 14], [32, 64, 3, 3], [1, 1], [1, 1], [1, 1]);
    }

    [Fact]
    public void InputRowsTwiceAsFarApartAsOutputRowsStillCopyAsOneRun() =>
        // Rows of 10 inputs read at stride 2 into padded output rows of 20: each output row's source starts 20
        // elements after the last one's, so the rows are one copy and the 10 padding columns between them are
        // cleared after it.
        Check([3, 2, 9, 10], [4, 2, 1, 1], [2, 1], [0, 5], [0, 5]);

    [Fact]
    public void NaNAndInfinityReachOnlyTheOutputsThatReadThem() =>
        Check([6, 4, 6, 6], [4, 4, 3, 3], [1, 1], [1, 1], [1, 1], editLhs: v =>
        {
            v[36] = double.NaN;
            v[3 * 36 + 20] = double.PositiveInfinity;
            v[5 * 144 + 143] = double.NegativeInfinity;
            return v;
        });

    [Fact]
    public void EmptyBatchWritesNothingAndDoesNotFail() =>
        Assert.Equal(1, Check([0, 3, 6, 6], [4, 3, 3, 3], [1, 1], [1, 1], [1, 1]));

    [Fact]
    public void ImagesPerProductFillsPanelsOnlyWhereItSaves()
    {
        // 14 x 14 outputs against 64-column panels: one image computes 256 columns for 196, four 832 for 784.
        var small = Geometry([64, 32, 14, 14], [64, 32, 3, 3]);
        Assert.Equal(256.0 / 196, ConvolutionImageBlocks.ComputedShare(1, 196, 64), 12);
        Assert.Equal(832.0 / 784, ConvolutionImageBlocks.ComputedShare(4, 196, 64), 12);
        Assert.Equal(4, ConvolutionImageBlocks.ImagesPerProduct(small, 64, 2, 4 * 288 * 196));
        Assert.Equal(16, ConvolutionImageBlocks.ImagesPerProduct(small, 64, 2, 1L << 30));
        // No room for a second image's patches, no panels (the integer GEMM), or a whole number of panels: one.
        Assert.Equal(1, ConvolutionImageBlocks.ImagesPerProduct(small, 64, 2, 288 * 196));
        Assert.Equal(1, ConvolutionImageBlocks.ImagesPerProduct(small, 1, 2, 1L << 30));
        Assert.Equal(1, ConvolutionImageBlocks.ImagesPerProduct(Geometry([8, 64, 32, 32], [64, 64, 3, 3]), 64, 2, 1L << 30));
        // Each core keeps whole blocks: 3 images on 2 cores take 2 per product at most.
        Assert.Equal(2, ConvolutionImageBlocks.ImagesPerProduct(Geometry([3, 32, 14, 14], [64, 32, 3, 3]), 64, 2, 1L << 30));
        // 16-column panels (AVX2): one image computes 208 columns for 196, four exactly 784: 6 % of 288
        // multiply-adds saved per element, taken.
        Assert.Equal(4, ConvolutionImageBlocks.ImagesPerProduct(small, 16, 2, 4 * 288 * 196));
        // A depth of 9 (the CNN's first conv, 784 points against 832 columns): the saving does not pay the copy.
        Assert.Equal(1, ConvolutionImageBlocks.ImagesPerProduct(Geometry([64, 1, 28, 28], [32, 1, 3, 3]), 64, 2, 1L << 30));
    }

    private static ConvolutionGeometry Geometry(int[] lhs, int[] rhs) =>
        new(Forward(lhs, rhs, [1, 1], [1, 1], [1, 1], [1, 1], [1, 1], 1, 1, DType.Float32, 0, 1, 2));
}
