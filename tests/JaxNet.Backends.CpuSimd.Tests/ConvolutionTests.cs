using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Tests;

public sealed class ConvolutionTests
{
    private static void Check(int[] lhsShape, int[] rhsShape, ConvDimensions d, int[] strides, int[] padLow, int[] padHigh,
        int[] lhsDilation, int[] rhsDilation, int featureGroups = 1, int batchGroups = 1, DType dtype = DType.Float32)
    {
        var outShape = ConvolutionKernel.InferOutputShape(lhsShape, rhsShape, d, strides, padLow, padHigh, lhsDilation, rhsDilation, batchGroups);
        var lhs = Reference.Values(lhsShape.Aggregate(1, (a, b) => a * b), 5);
        var rhs = Reference.Values(rhsShape.Aggregate(1, (a, b) => a * b), 6);
        using var h = new ModuleHarness();
        int l, r;
        if (dtype == DType.Float32) { l = h.Input(lhs.Select(x => (float)x).ToArray()); r = h.Input(rhs.Select(x => (float)x).ToArray()); }
        else if (dtype == DType.Float64) { l = h.Input(lhs); r = h.Input(rhs); }
        else { lhs = lhs.Select(x => Math.Round(x * 4)).ToArray(); rhs = rhs.Select(x => Math.Round(x * 4)).ToArray(); l = h.Input(lhs.Select(x => (int)x).ToArray()); r = h.Input(rhs.Select(x => (int)x).ToArray()); }
        var count = outShape.Aggregate(1, (a, b) => a * b);
        var o = h.Output(count * (long)dtype.SizeOf());
        var kernel = new ConvolutionKernel("conv", new TensorRef(l, dtype, lhsShape), new TensorRef(r, dtype, rhsShape), d,
            strides, padLow, padHigh, lhsDilation, rhsDilation, featureGroups, batchGroups, Precision.Default, dtype, null, outShape, o);
        var expected = Reference.Convolution(lhs, lhsShape, rhs, rhsShape, kernel);
        h.Run(kernel);
        var actual = ResultAsDoubles(h, o, dtype);
        Reference.Close(expected, actual, dtype == DType.Float32 ? 1e-5 : 1e-12);
    }

    /// <summary>Result <paramref name="o"/> of an f32, f64 or i32 convolution, as doubles for the reference.</summary>
    internal static double[] ResultAsDoubles(ModuleHarness h, int o, DType dtype) => dtype switch
    {
        DType.Float32 => h.Result<float>(o).Select(x => (double)x).ToArray(),
        DType.Float64 => h.Result<double>(o),
        _ => h.Result<int>(o).Select(x => (double)x).ToArray(),
    };

    [Fact]
    public void PlainNchw2D() =>
        Check([2, 3, 7, 6], [4, 3, 3, 2], ConvDimensions.ChannelsFirst(2), [1, 1], [0, 0], [0, 0], [1, 1], [1, 1]);

    [Fact]
    public void StridesAndPadding() =>
        Check([1, 2, 9, 8], [3, 2, 3, 3], ConvDimensions.ChannelsFirst(2), [2, 3], [1, 2], [2, 0], [1, 1], [1, 1]);

    [Fact]
    public void NegativePadding() =>
        Check([1, 1, 10, 9], [2, 1, 2, 3], ConvDimensions.ChannelsFirst(2), [1, 2], [-2, 1], [-1, -3], [1, 1], [1, 1]);

    [Fact]
    public void LhsAndRhsDilation() =>
        Check([2, 2, 5, 4], [2, 2, 3, 2], ConvDimensions.ChannelsFirst(2), [1, 2], [2, 1], [2, 1], [2, 3], [2, 1]);

    [Fact]
    public void WholeImagesPerCoreWithStridedDilatedAndPaddedRows()
    {
        // Enough work (GemmRunner.ParallelThreshold per core) that each core takes whole images with its own patches.
        // Input rows copied as blocks (stride 1), read with a step (stride 3 under a rhs dilation), and with holes of
        // an lhs dilation along the row (the element-by-element path).
        Check([4, 16, 24, 22], [32, 16, 3, 3], ConvDimensions.ChannelsFirst(2), [2, 1], [1, 1], [1, 1], [1, 1], [1, 1]);
        Check([3, 16, 12, 20], [32, 16, 3, 2], ConvDimensions.ChannelsFirst(2), [1, 3], [0, 2], [1, 0], [2, 1], [1, 2]);
        Check([3, 16, 14, 10], [32, 16, 3, 3], ConvDimensions.ChannelsFirst(2), [1, 1], [1, 1], [1, 2], [1, 2], [1, 1]);
        Check([6, 24, 16, 16], [48, 8, 3, 3], ConvDimensions.ChannelsFirst(2), [1, 1], [1, 1], [1, 1], [1, 1], [1, 1], featureGroups: 3);
    }

    [Fact]
    public void FeatureGroupsAreDepthwise() =>
        Check([2, 6, 5, 5], [9, 2, 3, 3], ConvDimensions.ChannelsFirst(2), [1, 1], [1, 1], [1, 1], [1, 1], [1, 1], featureGroups: 3);

    [Fact]
    public void BatchGroups() =>
        Check([6, 2, 5, 4], [6, 2, 2, 2], ConvDimensions.ChannelsFirst(2), [1, 1], [0, 0], [0, 0], [1, 1], [1, 1], batchGroups: 3);

    [Fact]
    public void ChannelsLastLayout() =>
        // NHWC x HWIO -> NHWC
        Check([2, 6, 5, 3], [3, 2, 3, 4], new ConvDimensions(0, 3, [1, 2], 3, 2, [0, 1], 0, 3, [1, 2]), [2, 1], [1, 0], [0, 1], [1, 1], [1, 2]);

    [Fact]
    public void OneAndThreeSpatialDimensions()
    {
        Check([3, 2, 11], [4, 2, 3], ConvDimensions.ChannelsFirst(1), [2], [1], [1], [1], [2]);
        Check([1, 2, 4, 5, 3], [2, 2, 2, 2, 2], ConvDimensions.ChannelsFirst(3), [1, 2, 1], [0, 1, 1], [1, 0, 0], [1, 1, 2], [1, 1, 1]);
    }

    [Fact]
    public void NoSpatialDimensionsIsAMatMul() =>
        Check([4, 5], [3, 5], ConvDimensions.ChannelsFirst(0), [], [], [], [], []);

    [Fact]
    public void F64AndI32()
    {
        Check([1, 2, 6, 6], [2, 2, 3, 3], ConvDimensions.ChannelsFirst(2), [1, 1], [1, 1], [1, 1], [1, 1], [1, 1], dtype: DType.Float64);
        Check([1, 2, 6, 6], [2, 2, 3, 3], ConvDimensions.ChannelsFirst(2), [2, 1], [1, 0], [0, 1], [1, 1], [1, 1], dtype: DType.Int32);
    }

    [Fact]
    public void BadGroupingIsACompileError()
    {
        using var h = new ModuleHarness();
        var l = h.Input(new float[2 * 5 * 4 * 4]);
        var r = h.Input(new float[4 * 2 * 3 * 3]);
        var o = h.Output(4096);
        var kernel = new ConvolutionKernel("conv", new TensorRef(l, DType.Float32, [2, 5, 4, 4]), new TensorRef(r, DType.Float32, [4, 2, 3, 3]),
            ConvDimensions.ChannelsFirst(2), [1, 1], [0, 0], [0, 0], [1, 1], [1, 1], 2, 1, Precision.Default, DType.Float32, null, [2, 4, 2, 2], o);
        var error = Assert.Throws<KernelCompilationException>(() => h.Run(kernel));
        Assert.Equal("conv", error.Kernel);
    }
}
