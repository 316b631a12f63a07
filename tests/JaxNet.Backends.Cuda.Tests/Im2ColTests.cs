using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Kernels;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>The im2col kernel against a host im2col written from XLA's definition, over layouts, strides, padding
/// (negative too), both dilations, both kinds of groups, element sizes, batch chunks and empty dimensions.</summary>
public sealed class Im2ColTests(Emulated emulated) : IClassFixture<Emulated>
{
    public sealed record Case(string Name, int[] Lhs, int[] Rhs, int[] Strides, int[] PadLow, int[] PadHigh, int[] LhsDilation,
        int[] RhsDilation, int FeatureGroups = 1, int BatchGroups = 1, ConvDimensions? Dims = null)
    {
        public override string ToString() => Name;

        public ConvolutionKernel Kernel(DType dtype)
        {
            var dims = Dims ?? ConvDimensions.ChannelsFirst(Strides.Length);
            var output = ConvolutionKernel.InferOutputShape(Lhs, Rhs, dims, Strides, PadLow, PadHigh, LhsDilation, RhsDilation, BatchGroups);
            return new ConvolutionKernel("c", new TensorRef(0, dtype, Lhs), new TensorRef(1, dtype, Rhs), dims, Strides, PadLow, PadHigh,
                LhsDilation, RhsDilation, FeatureGroups, BatchGroups, Precision.Highest, dtype, null, output, 2);
        }
    }

    public static TheoryData<Case> Cases() =>
    [
        new("1d-odd-stride2-pad2x1", [2, 3, 7], [5, 3, 3], [2], [2], [1], [1], [1]),
        new("2d-both-dilations-negative-pad", [1, 2, 6, 7], [3, 2, 2, 3], [1, 2], [1, -1], [2, 0], [2, 1], [2, 2]),
        new("2d-feature-groups-2", [2, 4, 5, 5], [6, 2, 3, 3], [1, 1], [0, 1], [0, 1], [1, 1], [1, 1], FeatureGroups: 2),
        new("2d-depthwise", [1, 3, 4, 5], [3, 1, 2, 2], [1, 1], [1, 0], [0, 1], [1, 1], [1, 1], FeatureGroups: 3),
        new("2d-batch-groups-2", [4, 3, 5, 4], [4, 3, 2, 2], [1, 1], [0, 0], [0, 0], [1, 1], [1, 1], BatchGroups: 2),
        new("2d-nhwc-hwio", [2, 5, 4, 3], [3, 2, 3, 4], [2, 1], [1, 1], [1, 0], [1, 1], [1, 2],
            Dims: new ConvDimensions(0, 3, [1, 2], 3, 2, [0, 1], 0, 3, [1, 2])),
        new("3d-odd", [1, 2, 4, 3, 5], [2, 2, 2, 2, 3], [1, 2, 1], [0, 1, 1], [1, 0, 1], [1, 1, 2], [1, 1, 1]),
        new("0d-no-spatial", [3, 5], [4, 5], [], [], [], [], []),
        new("window-larger-than-input", [1, 1, 2], [1, 1, 3], [1], [0], [0], [1], [1]),
        new("no-input-features", [2, 0, 5], [3, 0, 2], [1], [0], [0], [1], [1]),
        new("no-batches", [0, 2, 5], [3, 2, 2], [1], [0], [0], [1], [1]),
        new("empty-window", [1, 2, 4], [3, 2, 0], [1], [0], [0], [1], [1]),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void PatchesMatchXlasWindowOfEachOutputPoint(Case c)
    {
        var conv = c.Kernel(DType.Float32);
        var lhs = Enumerable.Range(1, (int)c.Lhs.Aggregate(1L, (a, b) => a * b)).Select(i => (float)i).ToArray();
        using var plan = new Im2ColPlan(emulated.Backend.Device(0).Accelerator, conv, DType.Float32);
        // Every batch in one launch, then the last batches alone (a chunk that does not start at 0).
        var first = Math.Max(0, plan.OutBatch - 1);
        foreach (var (from, count) in new[] { (0L, plan.OutBatch), (first, plan.OutBatch - first) })
        {
            var bytes = plan.Elements(count) * 4;
            var got = KernelHarness.Issue(emulated, frame => plan.Issue(frame.Stream, frame.Buffer(0), frame.Buffer(1), from, count),
                [Emulated.Bytes(lhs)], [bytes])[0];
            Assert.Equal(Reference(conv, lhs, from, count), Emulated.Values<float>(got));
        }
    }

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.BFloat16)]
    [InlineData(DType.UInt8)]
    public void EveryElementSizeIsCopiedBitForBit(DType dtype)
    {
        var c = new Case("1d", [2, 3, 6], [2, 3, 3], [1], [1], [1], [1], [2]);
        var conv = c.Kernel(dtype);
        var count = c.Lhs.Aggregate(1, (a, b) => a * b);
        var values = Enumerable.Range(1, count).Select(i => (float)i).ToArray();
        var lhs = dtype switch
        {
            DType.Float64 => Emulated.Bytes(values.Select(v => (double)v).ToArray()),
            DType.BFloat16 => Emulated.Bytes(values.Select(KernelHarness.BFloat16Bits).ToArray()),
            _ => values.Select(v => (byte)v).ToArray(),
        };
        using var plan = new Im2ColPlan(emulated.Backend.Device(0).Accelerator, conv, dtype);
        var got = KernelHarness.Issue(emulated, frame => plan.Issue(frame.Stream, frame.Buffer(0), frame.Buffer(1), 0, plan.OutBatch),
            [lhs], [plan.Elements(plan.OutBatch) * dtype.SizeOf()])[0];
        float[] decoded = dtype switch
        {
            DType.Float64 => Emulated.Values<double>(got).Select(v => (float)v).ToArray(),
            DType.BFloat16 => Emulated.Values<ushort>(got).Select(KernelHarness.FromBFloat16).ToArray(),
            _ => got.Select(b => (float)b).ToArray(),
        };
        Assert.Equal(Reference(conv, values, 0, plan.OutBatch), decoded);
    }

    /// <summary>patches[g, c, window…, b, out…] = lhs at the input position of (window, out), or 0 in padding/holes.</summary>
    internal static float[] Reference(ConvolutionKernel conv, float[] lhs, long firstBatch, long batches)
    {
        var d = conv.Dimensions;
        var spatial = d.LhsSpatial.Length;
        var groups = conv.FeatureGroupCount * conv.BatchGroupCount;
        var features = conv.Rhs.Shape[d.RhsInputFeature];
        var window = d.RhsSpatial.Select(a => conv.Rhs.Shape[a]).ToArray();
        var outSizes = d.OutSpatial.Select(a => conv.OutputShape[a]).ToArray();
        var outBatch = conv.OutputShape[d.OutBatch];
        var lhsStrides = KernelHarness.Strides(conv.Lhs.Shape);
        int[] shape = [groups, features, .. window, (int)batches, .. outSizes];
        var result = new List<float>();
        foreach (var i in KernelHarness.Indices(shape))
        {
            int g = i[0], c = i[1];
            var k = i[2..(2 + spatial)];
            var b = (int)firstBatch + i[2 + spatial];
            var o = i[(3 + spatial)..];
            var featureGroup = conv.FeatureGroupCount > 1 ? g : 0;
            var batchGroup = conv.BatchGroupCount > 1 ? g : 0;
            var at = (long)(batchGroup * outBatch + b) * lhsStrides[d.LhsBatch] + (long)(featureGroup * features + c) * lhsStrides[d.LhsFeature];
            var inside = true;
            for (var s = 0; s < spatial; s++)
            {
                var position = o[s] * conv.WindowStrides[s] - conv.PaddingLow[s] + k[s] * conv.RhsDilation[s];
                var x = Math.DivRem(position, conv.LhsDilation[s], out var hole);
                inside &= position >= 0 && hole == 0 && x < conv.Lhs.Shape[d.LhsSpatial[s]];
                at += x * lhsStrides[d.LhsSpatial[s]];
            }
            result.Add(inside ? lhs[at] : 0f);
        }
        return result.ToArray();
    }
}
