using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Kernels;

namespace JaxNet.Backends.CpuSimd.Tests;

/// <summary>
/// The implicit GEMM's patches (<see cref="ConvolutionPatchPanels{T}"/>): every block of panels the GEMM may ask
/// for (depth and columns starting mid-channel and mid-row, several images, panels of any width) holds exactly the
/// patch matrix the convolution's definition gives, NaN and infinities included; and whole convolutions that take
/// the path (each core's column slab, blocks of depth and of columns, NHWC operands, an integer product that does
/// not) match the float64 reference.
/// </summary>
public sealed unsafe class ConvolutionPatchPanelsTests
{
    private static ConvolutionKernel Kernel(int[] lhs, int[] rhs, int[] strides, int[] padLow, int[] padHigh, int[] lhsDilation,
        int[] rhsDilation, int featureGroups = 1, DType dtype = DType.Float32)
    {
        var d = ConvDimensions.ChannelsFirst(lhs.Length - 2);
        var outShape = ConvolutionKernel.InferOutputShape(lhs, rhs, d, strides, padLow, padHigh, lhsDilation, rhsDilation, 1);
        return new ConvolutionKernel("conv", new TensorRef(0, dtype, lhs), new TensorRef(1, dtype, rhs), d, strides, padLow, padHigh,
            lhsDilation, rhsDilation, featureGroups, 1, Precision.Default, dtype, null, outShape, 2);
    }

    /// <summary>patches[(c, w), image x points + p] of group 0, from the definition (NaN where the input is).</summary>
    private static double[,] Patches(ConvolutionKernel k, double[] input)
    {
        var g = new ConvolutionGeometry(k);
        var rank = g.OutSizes.Length;
        var depth = g.InFeaturesPerGroup * g.WindowPoints;
        var points = g.OutPoints;
        var result = new double[depth, g.OutBatch * points];
        var inStrides = Reference.Strides(g.InSizes);
        for (var image = 0; image < g.OutBatch; image++)
            for (var c = 0; c < g.InFeaturesPerGroup; c++)
            {
                var w = 0;
                foreach (var window in Reference.Points(g.WindowSizes))
                {
                    var p = 0;
                    foreach (var output in Reference.Points(g.OutSizes))
                    {
                        var value = 0.0;
                        var index = ((long)image * g.Features + c) * g.InPoints;
                        var inside = true;
                        for (var s = 0; s < rank && inside; s++)
                        {
                            var position = output[s] * k.WindowStrides[s] + window[s] * k.RhsDilation[s] - k.PaddingLow[s];
                            inside = position >= 0 && position % k.LhsDilation[s] == 0 && position / k.LhsDilation[s] < g.InSizes[s];
                            index += position / k.LhsDilation[s] * inStrides[s];
                        }
                        if (inside) value = input[index];
                        result[c * g.WindowPoints + w, image * points + p++] = value;
                    }
                    w++;
                }
            }
        return result;
    }

    /// <summary>Packs every (k0, kc, j0, nc) block of a grid with panels of <paramref name="nr"/> and compares bit for bit.</summary>
    private static void CheckPanels(ConvolutionKernel k, int nr, Func<double[], double[]>? edit = null)
    {
        var g = new ConvolutionGeometry(k);
        var input = Reference.Values(k.Lhs.Shape.Aggregate(1, (a, b) => a * b), 3);
        if (edit is not null) input = edit(input);
        var expected = Patches(k, input);
        var depth = (int)(g.InFeaturesPerGroup * g.WindowPoints);
        var columns = (int)(g.OutBatch * g.OutPoints);
        var table = new ConvolutionPatchTable(g);
        var floats = input.Select(v => (float)v).ToArray();
        fixed (float* image = floats)
        {
            var source = new ConvolutionPatchPanels<float>(table, image, (long)g.Features * g.InPoints);
            foreach (var (k0, kc) in Cuts(depth))
                foreach (var (j0, nc) in Cuts(columns))
                {
                    var panels = (nc + nr - 1) / nr;
                    var pack = new float[panels * kc * nr + 1];
                    pack.AsSpan().Fill(float.NaN);
                    pack[^1] = 12345;
                    fixed (float* p = pack) source.Pack((nint)p, k0, kc, j0, nc, nr);
                    Assert.Equal(12345, pack[^1]);
                    for (var kk = 0; kk < kc; kk++)
                        for (var j = 0; j < panels * nr; j++)
                        {
                            var want = j < nc ? (float)expected[k0 + kk, j0 + j] : 0f;
                            var got = pack[(j / nr * kc + kk) * nr + j % nr];
                            Assert.True(want.Equals(got), $"k {k0 + kk}, column {j0 + j}, nr {nr}: expected {want}, got {got}");
                        }
                }
        }
    }

    /// <summary>The whole range, and ranges starting and ending at odd places inside it.</summary>
    private static IEnumerable<(int Start, int Count)> Cuts(int extent)
    {
        yield return (0, extent);
        if (extent > 2) yield return (1, extent - 2);
        if (extent > 7) yield return (extent / 3, extent / 2);
    }

    public static TheoryData<int> PanelWidths => new() { 2, 5, 16, 64 };

    [Theory]
    [MemberData(nameof(PanelWidths))]
    public void StrideOneSamePaddingJoinsRowsIntoOneCopy(int nr) =>
        CheckPanels(Kernel([2, 3, 7, 7], [4, 3, 3, 3], [1, 1], [1, 1], [1, 1], [1, 1], [1, 1]), nr);

    [Theory]
    [MemberData(nameof(PanelWidths))]
    public void StrideTwoOddSizesAndAsymmetricPadding(int nr) =>
        CheckPanels(Kernel([3, 2, 9, 11], [2, 2, 3, 2], [2, 2], [2, 0], [0, 3], [1, 1], [1, 1]), nr);

    [Theory]
    [MemberData(nameof(PanelWidths))]
    public void DilationsAndNegativePadding(int nr)
    {
        CheckPanels(Kernel([2, 2, 8, 9], [3, 2, 3, 3], [1, 1], [2, 2], [2, 2], [1, 1], [2, 3]), nr);
        CheckPanels(Kernel([2, 2, 5, 4], [2, 2, 3, 2], [1, 2], [2, 1], [2, 1], [2, 3], [2, 1]), nr);
        CheckPanels(Kernel([1, 1, 10, 9], [2, 1, 2, 3], [1, 2], [-2, 1], [-1, -3], [1, 1], [1, 1]), nr);
    }

    [Theory]
    [MemberData(nameof(PanelWidths))]
    public void OneThreeAndNoSpatialDimensions(int nr)
    {
        CheckPanels(Kernel([3, 2, 11], [4, 2, 3], [2], [1], [1], [1], [2]), nr);
        CheckPanels(Kernel([2, 2, 4, 5, 3], [2, 2, 2, 2, 2], [1, 2, 1], [0, 1, 1], [1, 0, 0], [1, 1, 2], [1, 1, 1]), nr);
        CheckPanels(Kernel([4, 5], [3, 5], [], [], [], [], []), nr);
    }

    [Fact]
    public void NaNAndInfinitiesArePacked() =>
        CheckPanels(Kernel([2, 2, 6, 6], [2, 2, 3, 3], [1, 1], [1, 1], [1, 1], [1, 1], [1, 1]), 16, v =>
        {
            v[0] = double.NaN;
            v[41] = double.PositiveInfinity;
            v[^1] = double.NegativeInfinity;
            return v;
        });

    [Fact]
    public void ImagesWithoutOutputPointsPackNothing()
    {
        var k = Kernel([2, 2, 2, 2], [2, 2, 3, 3], [1, 1], [0, 0], [0, 0], [1, 1], [1, 1]);
        var g = new ConvolutionGeometry(k);
        Assert.Equal(0, g.OutPoints);
        var table = new ConvolutionPatchTable(g);
        var pack = new float[4];
        var input = new float[16];
        fixed (float* image = input)
        fixed (float* p = pack)
            new ConvolutionPatchPanels<float>(table, image, 8).Pack((nint)p, 0, 1, 0, 0, 4);
        Assert.All(pack, v => Assert.Equal(0, v));
    }

    /// <summary>A whole convolution against the float64 reference; returns the kernel's description.</summary>
    private static string Run(int[] lhsShape, int[] rhsShape, ConvDimensions d, int[] strides, int[] padLow, int[] padHigh,
        int[]? rhsDilation = null, int featureGroups = 1, DType dtype = DType.Float32)
    {
        var ones = Enumerable.Repeat(1, strides.Length).ToArray();
        rhsDilation ??= ones;
        var outShape = ConvolutionKernel.InferOutputShape(lhsShape, rhsShape, d, strides, padLow, padHigh, ones, rhsDilation, 1);
        var lhs = Reference.Values(lhsShape.Aggregate(1, (a, b) => a * b), 5);
        var rhs = Reference.Values(rhsShape.Aggregate(1, (a, b) => a * b), 6);
        using var h = new ModuleHarness { PoisonResults = true };
        int Upload(double[] v) => dtype switch
        {
            DType.Float32 => h.Input(v.Select(x => (float)x).ToArray()),
            DType.Float64 => h.Input(v),
            _ => h.Input(v.Select(x => (int)x).ToArray()),
        };
        if (dtype == DType.Int32)
        {
            lhs = lhs.Select(x => Math.Round(x * 4)).ToArray();
            rhs = rhs.Select(x => Math.Round(x * 4)).ToArray();
        }
        var l = Upload(lhs);
        var r = Upload(rhs);
        var count = outShape.Aggregate(1, (a, b) => a * b);
        var o = h.Output(Math.Max(1, count) * (long)dtype.SizeOf());
        var kernel = new ConvolutionKernel("conv", new TensorRef(l, dtype, lhsShape), new TensorRef(r, dtype, rhsShape), d, strides,
            padLow, padHigh, ones, rhsDilation, featureGroups, 1, Precision.Default, dtype, null, outShape, o);
        var expected = Reference.Convolution(lhs, lhsShape, rhs, rhsShape, kernel);
        h.Run(kernel);
        var actual = ConvolutionTests.ResultAsDoubles(h, o, dtype);
        Reference.Close(expected, actual.Take(count).ToArray(), dtype == DType.Float32 ? 2e-5 : 1e-12);
        return h.Executable!.Describe();
    }

    [Fact]
    public void OneImageSplitAcrossTheCoresByColumns() =>
        // A batch of 1 lets the GEMM split its 1024 columns between the cores: each packs its own slab's patches.
        Assert.Contains("implicit im2col", Run([1, 16, 32, 32], [32, 16, 3, 3], ConvDimensions.ChannelsFirst(2), [1, 1], [1, 1], [1, 1]));

    [Fact]
    public void BlocksOfDepthAndColumnsStartMidChannelAndMidRow()
    {
        // A depth of 24 x 9 = 216 (more than one KC block) and 1600 points (more than one NC block on most caches),
        // with an asymmetric padding and a stride of 2 across rows.
        Run([2, 24, 40, 40], [8, 24, 3, 3], ConvDimensions.ChannelsFirst(2), [1, 1], [2, 1], [0, 1]);
        Run([1, 24, 81, 40], [8, 24, 3, 3], ConvDimensions.ChannelsFirst(2), [2, 1], [1, 0], [1, 2], rhsDilation: [1, 2]);
    }

    [Fact]
    public void ChannelsLastOperandsAndFeatureGroups()
    {
        // NHWC x HWIO -> NHWC: both operands copied into [N, C, H, W] and [O, I, kh, kw] first.
        var nhwc = new ConvDimensions(0, 3, [1, 2], 3, 2, [0, 1], 0, 3, [1, 2]);
        Assert.Contains("implicit im2col", Run([3, 9, 7, 6], [3, 3, 3, 12], nhwc, [1, 1], [1, 1], [1, 1], featureGroups: 2));
        Run([1, 11, 13, 4], [3, 3, 4, 5], nhwc, [2, 2], [0, 1], [1, 0]);
    }

    [Fact]
    public void Float64TakesThePathAndInt32WritesItsPatches()
    {
        Assert.Contains("implicit im2col", Run([2, 5, 9, 7], [4, 5, 3, 3], ConvDimensions.ChannelsFirst(2), [1, 2], [1, 1], [1, 0], dtype: DType.Float64));
        var text = Run([2, 5, 9, 7], [4, 5, 3, 3], ConvDimensions.ChannelsFirst(2), [1, 2], [1, 1], [1, 0], dtype: DType.Int32);
        Assert.Contains("im2col", text);
        Assert.DoesNotContain("implicit", text);
    }
}
