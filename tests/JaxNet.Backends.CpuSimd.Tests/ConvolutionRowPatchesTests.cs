using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Kernels;
using JaxNet.Backends.CpuSimd.Kernels.Gemm;
using JaxNet.Backends.CpuSimd.Kernels.Gemm.Epilogue;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// The im2row path (<see cref="ConvolutionRowPatches{T}"/>), taken where the window is wider than the output: the
/// weight gradients of forward convolutions, written as jax writes them (x with batch and feature swapped against
/// the output gradient, the forward strides as rhs dilation, feature groups as batch groups), each checked against
/// the float64 reference convolution.
/// </summary>
public sealed class ConvolutionRowPatchesTests
{
    /// <summary>
    /// dW of y = conv(x, w) for x [N, C, spatial...], w [O, C / groups, window...], as one conv_general_dilated:
    /// lhs x (batch C, feature N), rhs dy [N, O, out...] (out feature O, in feature N), out dW [O, C / groups, window...].
    /// </summary>
    private static ConvolutionKernel WeightGradient(int[] x, int[] w, int[] strides, int[] padLow, int[] padHigh, int[] dilation,
        int groups, DType dtype, int lhsBuffer, int rhsBuffer, int output)
    {
        var rank = x.Length - 2;
        var forward = ConvolutionKernel.InferOutputShape(x, w, ConvDimensions.ChannelsFirst(rank), strides, padLow, padHigh,
            Ones(rank), dilation, 1);
        var dy = new[] { x[0], w[0] }.Concat(forward.Skip(2)).ToArray();
        var s = Enumerable.Range(2, rank).ToArray();
        var d = new ConvDimensions(1, 0, s, 1, 0, s, 1, 0, s);
        // The high padding that makes the gradient's spatial size the window's (the forward's unread tail cut off).
        var high = Enumerable.Range(0, rank)
            .Select(i => (w[i + 2] - 1) * dilation[i] + (dy[i + 2] - 1) * strides[i] + 1 - x[i + 2] - padLow[i]).ToArray();
        var outShape = ConvolutionKernel.InferOutputShape(x, dy, d, dilation, padLow, high, Ones(rank), strides, groups);
        Assert.Equal(w, outShape);
        return new ConvolutionKernel("dw", new TensorRef(lhsBuffer, dtype, x), new TensorRef(rhsBuffer, dtype, dy), d,
            dilation, padLow, high, Ones(rank), strides, 1, groups, Precision.Default, dtype, null, outShape, output);
    }

    private static int[] Ones(int rank) => Enumerable.Repeat(1, rank).ToArray();

    private static int Count(int[] shape) => shape.Aggregate(1, (a, b) => a * b);

    /// <summary>Runs the weight gradient of the given forward convolution and compares it with the reference.</summary>
    private static void Check(int[] x, int[] w, int[] strides, int[] padLow, int[] padHigh, int[] dilation, int groups = 1,
        DType dtype = DType.Float32, Func<double[], double[]>? editLhs = null)
    {
        using var h = new ModuleHarness();
        var probe = WeightGradient(x, w, strides, padLow, padHigh, dilation, groups, dtype, 0, 0, 0);
        var lhs = Reference.Values(Count(x), 5);
        if (editLhs is not null) lhs = editLhs(lhs);
        var rhs = Reference.Values(Count(probe.Rhs.Shape), 6);
        int l, r;
        if (dtype == DType.Float32) { l = h.Input(lhs.Select(v => (float)v).ToArray()); r = h.Input(rhs.Select(v => (float)v).ToArray()); }
        else if (dtype == DType.Float64) { l = h.Input(lhs); r = h.Input(rhs); }
        else { l = h.Input(lhs.Select(v => (int)Math.Round(v * 4)).ToArray()); r = h.Input(rhs.Select(v => (int)Math.Round(v * 4)).ToArray()); }
        if (dtype == DType.Int32) { lhs = lhs.Select(v => Math.Round(v * 4)).ToArray(); rhs = rhs.Select(v => Math.Round(v * 4)).ToArray(); }
        var o = h.Output(Math.Max(1, Count(w)) * (long)dtype.SizeOf());
        var kernel = WeightGradient(x, w, strides, padLow, padHigh, dilation, groups, dtype, l, r, o);
        var expected = Reference.Convolution(lhs, x, rhs, kernel.Rhs.Shape, kernel);
        h.Run(kernel);
        var actual = dtype switch
        {
            DType.Float32 => h.Result<float>(o).Select(v => (double)v).ToArray(),
            DType.Float64 => h.Result<double>(o),
            _ => h.Result<int>(o).Select(v => (double)v).ToArray(),
        };
        SameOrBothNaN(expected, actual.Take(expected.Length).ToArray(), dtype == DType.Float32 ? 1e-5 : 1e-12);
        Assert.Contains("im2row", h.Executable!.Describe());
    }

    /// <summary>Reference.Close, but NaN where NaN is expected and equal infinities are a match.</summary>
    internal static void SameOrBothNaN(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (double.IsNaN(expected[i])) Assert.True(double.IsNaN(actual[i]), $"element {i}: expected NaN, got {actual[i]}");
            else Assert.True(expected[i] == actual[i] || Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]}, got {actual[i]}");
        }
    }

    [Fact]
    public void StrideOneWithPadding() =>
        Check([4, 3, 9, 8], [5, 3, 3, 3], [1, 1], [1, 1], [1, 1], [1, 1]);

    [Fact]
    public void StrideTwoOddSizesAndUnevenPadding() =>
        Check([3, 2, 13, 11], [4, 2, 3, 3], [2, 2], [1, 2], [0, 1], [1, 1]);

    [Fact]
    public void RhsDilationBecomesTheWindowStride() =>
        Check([2, 3, 12, 10], [4, 3, 3, 2], [1, 2], [2, 0], [2, 1], [2, 3]);

    [Fact]
    public void FeatureGroupsBecomeBatchGroups() =>
        Check([2, 6, 8, 7], [9, 2, 3, 3], [1, 1], [1, 1], [1, 1], [1, 1], groups: 3);

    [Fact]
    public void BatchOfOne() =>
        Check([1, 4, 10, 10], [6, 4, 5, 5], [1, 1], [0, 0], [0, 0], [1, 1]);

    [Fact]
    public void OneAndThreeSpatialDimensions()
    {
        Check([3, 2, 17], [4, 2, 3], [2], [1], [1], [1]);
        Check([2, 2, 5, 6, 7], [3, 2, 2, 2, 3], [1, 2, 1], [0, 1, 1], [1, 0, 1], [1, 1, 2]);
    }

    [Fact]
    public void F64AndI32()
    {
        Check([2, 3, 9, 9], [4, 3, 3, 3], [1, 1], [1, 1], [1, 1], [1, 1], dtype: DType.Float64);
        Check([2, 3, 9, 9], [4, 3, 3, 3], [2, 1], [1, 0], [0, 1], [1, 1], dtype: DType.Int32);
    }

    [Fact]
    public void BothCoresOnTheCnnSecondLayerShape() =>
        // The bench's second conv (64 x 32 x 14 x 14 under 64 x 32 x 3 x 3 filters), at a batch of 8.
        Check([8, 32, 14, 14], [64, 32, 3, 3], [1, 1], [1, 1], [1, 1], [1, 1]);

    [Fact]
    public void NaNInTheInputReachesOnlyTheFilterPointsThatReadIt() =>
        // x[0, 1, 0, 0] is read by the filter's bottom-right points only (padding 1): the other points stay finite.
        Check([2, 3, 6, 6], [4, 3, 3, 3], [1, 1], [1, 1], [1, 1], [1, 1], editLhs: v =>
        {
            v[36] = double.NaN;
            v[100] = double.PositiveInfinity;
            return v;
        });

    [Fact]
    public void EmptyBatchGivesZeros()
    {
        // The batch is the contracted dimension: no terms, a zero gradient, written over whatever the buffer held.
        using var h = new ModuleHarness { PoisonResults = true };
        var l = h.Input(new float[1]);
        var r = h.Input(new float[1]);
        var o = h.Output(4 * 3 * 3 * 3 * sizeof(float));
        var kernel = WeightGradient([0, 3, 6, 6], [4, 3, 3, 3], [1, 1], [1, 1], [1, 1], [1, 1], 1, DType.Float32, l, r, o);
        h.Run(kernel);
        Assert.All(h.Result<float>(o), v => Assert.Equal(0f, v));
        Assert.Contains("im2row", h.Executable!.Describe());
    }

    [Fact]
    public void ForwardConvolutionsKeepIm2col()
    {
        var k = new ConvolutionKernel("conv", new TensorRef(0, DType.Float32, [8, 32, 14, 14]), new TensorRef(1, DType.Float32, [64, 32, 3, 3]),
            ConvDimensions.ChannelsFirst(2), [1, 1], [1, 1], [1, 1], [1, 1], [1, 1], 1, 1, Precision.Default, DType.Float32, null, [8, 64, 14, 14], 2);
        Assert.False(new ConvolutionGeometry(k).PrefersRowPatches);
        var dw = WeightGradient([8, 32, 14, 14], [64, 32, 3, 3], [1, 1], [1, 1], [1, 1], [1, 1], 1, DType.Float32, 0, 1, 2);
        Assert.True(new ConvolutionGeometry(dw).PrefersRowPatches);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(48)]
    public unsafe void ChunksOfRowsGiveTheWholeProduct(int chunk)
    {
        // Normalised operands (lhs [N, C, in...], rhs [O, I, window...]) straight into the kernel, a few rows at a time.
        int[] lhsShape = [3, 4, 11, 9], rhsShape = [6, 2, 7, 6];
        var d = ConvDimensions.ChannelsFirst(2);
        int[] strides = [1, 2], padLow = [1, 0], padHigh = [0, 2], lhsDilation = [1, 1], rhsDilation = [1, 1];
        var outShape = ConvolutionKernel.InferOutputShape(lhsShape, rhsShape, d, strides, padLow, padHigh, lhsDilation, rhsDilation, 1);
        var k = new ConvolutionKernel("conv", new TensorRef(0, DType.Float32, lhsShape), new TensorRef(1, DType.Float32, rhsShape), d,
            strides, padLow, padHigh, lhsDilation, rhsDilation, 2, 1, Precision.Default, DType.Float32, null, outShape, 2);
        var g = new ConvolutionGeometry(k);
        Assert.True(g.PrefersRowPatches);
        var lhs = Reference.Values(Count(lhsShape), 3);
        var rhs = Reference.Values(Count(rhsShape), 4);
        var expected = Reference.Convolution(lhs, lhsShape, rhs, rhsShape, k);
        var l = lhs.Select(v => (float)v).ToArray();
        var r = rhs.Select(v => (float)v).ToArray();
        var points = (int)g.OutPoints;
        var result = new float[g.OutBatch * points * g.OutFeatures];
        var patches = new float[chunk * g.InFeaturesPerGroup * g.WindowPoints];
        fixed (float* lp = l, rp = r, op = result, pp = patches)
            ConvolutionRowPatches<float>.Run(g, lp, rp, op, GemmRunner.EntryFor(typeof(float), typeof(NoEpilogue)), pp, chunk);
        // result is [batch, out point, feature]; the reference [batch, feature, out point].
        var actual = new double[expected.Length];
        for (var b = 0; b < g.OutBatch; b++)
            for (var f = 0; f < g.OutFeatures; f++)
                for (var p = 0; p < points; p++)
                    actual[(b * g.OutFeatures + f) * points + p] = result[((long)b * points + p) * g.OutFeatures + f];
        Reference.Close(expected, actual, 1e-5);
    }
}
