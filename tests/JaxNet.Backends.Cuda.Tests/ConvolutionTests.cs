using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Kernels;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>Whole convolutions (filter pack, input conversion, im2col, GEMM per batch chunk, epilogue) against a
/// direct host convolution from XLA's definition.</summary>
public sealed class ConvolutionTests(Emulated emulated) : IClassFixture<Emulated>
{
    public static TheoryData<Im2ColTests.Case, long> ChunkedCases()
    {
        var data = new TheoryData<Im2ColTests.Case, long>();
        foreach (var conv in Im2ColTests.Cases())
        {
            data.Add(conv, 1);
            data.Add(conv, Convolution.DefaultPatchBudgetBytes);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ChunkedCases))]
    public void Float32MatchesTheDirectDefinitionInAnyBatchChunking(Im2ColTests.Case c, long patchBudget)
    {
        var conv = c.Kernel(DType.Float32);
        var lhs = Values(c.Lhs, 3);
        var rhs = Values(c.Rhs, 5);
        var got = Run(conv, patchBudget, Emulated.Bytes(lhs), Emulated.Bytes(rhs), out _);
        AssertClose(Direct(conv, lhs.Select(v => (double)v).ToArray(), rhs.Select(v => (double)v).ToArray()), Emulated.Values<float>(got), 1e-6);
    }

    [Fact]
    public void BatchesAreTakenInChunksThatFitTheBudgetWithAShorterLastOne()
    {
        // 5 batches of 3 features × 3 window points × 3 output points in f32: 108 bytes of patches each.
        var c = new Im2ColTests.Case("chunks", [5, 3, 7], [2, 3, 3], [2], [1], [0], [1], [1]);
        var conv = c.Kernel(DType.Float32);
        var lhs = Values(c.Lhs, 4);
        var rhs = Values(c.Rhs, 2);
        var got = Run(conv, 2 * 108 + 50, Emulated.Bytes(lhs), Emulated.Bytes(rhs), out var chunk);
        Assert.Equal(2, chunk);
        AssertClose(Direct(conv, lhs.Select(v => (double)v).ToArray(), rhs.Select(v => (double)v).ToArray()), Emulated.Values<float>(got), 1e-6);
    }

    [Fact]
    public void BFloat16InputsAccumulateInFloat32()
    {
        var c = new Im2ColTests.Case("bf16", [3, 4, 6, 5], [6, 2, 3, 2], [1, 2], [1, 0], [1, 1], [1, 1], [2, 1], FeatureGroups: 2);
        var conv = c.Kernel(DType.BFloat16) with { AccumulatorDType = DType.Float32 };
        var lhs = Values(c.Lhs, 3).Select(KernelHarness.BFloat16Bits).ToArray();
        var rhs = Values(c.Rhs, 5).Select(KernelHarness.BFloat16Bits).ToArray();
        var got = Run(conv, 1, Emulated.Bytes(lhs), Emulated.Bytes(rhs), out _);
        AssertClose(Direct(conv, lhs.Select(b => (double)KernelHarness.FromBFloat16(b)).ToArray(),
            rhs.Select(b => (double)KernelHarness.FromBFloat16(b)).ToArray()), Emulated.Values<float>(got), 1e-6);
    }

    [Fact]
    public void Float32InputsAreRoundedToABFloat16Accumulator()
    {
        // The input goes through the conversion pack (f32 → bf16) before im2col.
        var c = new Im2ColTests.Case("acc-bf16", [2, 3, 7], [4, 3, 3], [2], [1], [2], [2], [1]);
        var conv = c.Kernel(DType.Float32) with { AccumulatorDType = DType.BFloat16 };
        var lhs = Values(c.Lhs, 3);
        var rhs = Values(c.Rhs, 5);
        var got = Emulated.Values<ushort>(Run(conv, Convolution.DefaultPatchBudgetBytes, Emulated.Bytes(lhs), Emulated.Bytes(rhs), out _));
        double Rounded(float v) => KernelHarness.FromBFloat16(KernelHarness.BFloat16Bits(v));
        var expected = Direct(conv, lhs.Select(Rounded).ToArray(), rhs.Select(Rounded).ToArray());
        AssertClose(expected.Select(v => (double)KernelHarness.FromBFloat16(KernelHarness.BFloat16Bits((float)v))).ToArray(),
            got.Select(KernelHarness.FromBFloat16).ToArray(), 1.0 / 128);
    }

    [Fact]
    public void IntegersWrapInTheirAccumulator()
    {
        var c = new Im2ColTests.Case("i32", [2, 4, 5, 5], [2, 4, 3, 3], [1, 1], [1, 1], [1, 1], [1, 1], [1, 1], BatchGroups: 2);
        var conv = c.Kernel(DType.Int32);
        var lhs = Enumerable.Range(0, c.Lhs.Aggregate(1, (a, b) => a * b)).Select(i => i * 0x1F3D5B79).ToArray();
        var rhs = Enumerable.Range(0, c.Rhs.Aggregate(1, (a, b) => a * b)).Select(i => i * 0x2545F491 + 7).ToArray();
        var got = Emulated.Values<int>(Run(conv, 1, Emulated.Bytes(lhs), Emulated.Bytes(rhs), out _));
        var expected = Direct(conv, lhs.Select(v => (double)v).ToArray(), rhs.Select(v => (double)v).ToArray(), wrap: true);
        Assert.Equal(expected.Select(v => (int)v), got);
    }

    private byte[] Run(ConvolutionKernel conv, long patchBudget, byte[] lhs, byte[] rhs, out long chunk)
    {
        var outputBytes = conv.OutputShape.Aggregate(1L, (a, b) => a * b) * conv.OutputDType.SizeOf();
        long chunkBatches = 0;
        var result = KernelHarness.Issue(emulated, acc =>
        {
            var compiled = new Convolution(acc, conv, patchBudget);
            chunkBatches = compiled.ChunkBatches;
            return compiled;
        }, [lhs, rhs], [outputBytes])[0];
        chunk = chunkBatches;
        return result;
    }

    private static float[] Values(int[] shape, int modulus) =>
        Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(i => (i * 7 % (2 * modulus + 1) - modulus) * 0.5f).ToArray();

    private static void AssertClose(double[] expected, float[] actual, double relative)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= relative * Math.Max(1, Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]}, got {actual[i]}");
    }

    /// <summary>out[b, o, p…] = Σ over the group's input features c and window k of lhs[b', f, input position] ·
    /// rhs[o, c, k], in the output's layout; integer sums wrap to 32 bits.</summary>
    private static double[] Direct(ConvolutionKernel conv, double[] lhs, double[] rhs, bool wrap = false)
    {
        var d = conv.Dimensions;
        var spatial = d.LhsSpatial.Length;
        var outFeatures = conv.OutputShape[d.OutFeature];
        var features = conv.Rhs.Shape[d.RhsInputFeature];
        var window = d.RhsSpatial.Select(a => conv.Rhs.Shape[a]).ToArray();
        var lhsStrides = KernelHarness.Strides(conv.Lhs.Shape);
        var rhsStrides = KernelHarness.Strides(conv.Rhs.Shape);
        var result = new List<double>();
        foreach (var o in KernelHarness.Indices(conv.OutputShape))
        {
            int batch = o[d.OutBatch], feature = o[d.OutFeature];
            var featureGroup = feature / (outFeatures / conv.FeatureGroupCount);
            var batchGroup = feature / (outFeatures / conv.BatchGroupCount);
            double sum = 0;
            long sumI = 0;
            for (var c = 0; c < features; c++)
                foreach (var k in KernelHarness.Indices(window))
                {
                    var at = (long)(batchGroup * conv.OutputShape[d.OutBatch] + batch) * lhsStrides[d.LhsBatch] +
                             (long)(featureGroup * features + c) * lhsStrides[d.LhsFeature];
                    var w = (long)feature * rhsStrides[d.RhsOutputFeature] + (long)c * rhsStrides[d.RhsInputFeature];
                    var inside = true;
                    for (var s = 0; s < spatial; s++)
                    {
                        var position = o[d.OutSpatial[s]] * conv.WindowStrides[s] - conv.PaddingLow[s] + k[s] * conv.RhsDilation[s];
                        var x = Math.DivRem(position, conv.LhsDilation[s], out var hole);
                        inside &= position >= 0 && hole == 0 && x < conv.Lhs.Shape[d.LhsSpatial[s]];
                        at += x * lhsStrides[d.LhsSpatial[s]];
                        w += k[s] * rhsStrides[d.RhsSpatial[s]];
                    }
                    if (!inside) continue;
                    sum += lhs[at] * rhs[w];
                    sumI = unchecked(sumI + (long)lhs[at] * (long)rhs[w]);
                }
            result.Add(wrap ? unchecked((int)sumI) : sum);
        }
        return result.ToArray();
    }
}
