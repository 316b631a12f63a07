using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Cuda.Tests;

public sealed class StructuredKernelTests(Emulated emulated) : IClassFixture<Emulated>
{
    private static KernelModule Module(long[] parameterBytes, long[] resultBytes, Kernel kernel)
    {
        var buffers = parameterBytes.Select((b, i) => new BufferDecl(i, BufferRole.Parameter, b))
            .Concat(resultBytes.Select((b, i) => new BufferDecl(parameterBytes.Length + i, BufferRole.Result, b))).ToList();
        return new KernelModule("m", buffers, [kernel], Enumerable.Range(0, parameterBytes.Length).ToList(),
            Enumerable.Range(parameterBytes.Length, resultBytes.Length).ToList());
    }

    [Fact]
    public void ReversedCumulativeSumAlongTheFirstAxis()
    {
        var kernel = new ScanKernel("s", new TensorRef(0, DType.Int32, [3, 2]), 0, ReduceOp.Sum, true, DType.Int32, DType.Int32, 1);
        var results = emulated.Run(Module([24], [24], kernel), Emulated.Bytes(1, 2, 3, 4, 5, 6));
        Assert.Equal(new[] { 9, 12, 8, 10, 5, 6 }, Emulated.Values<int>(results[0]));
    }

    [Fact]
    public void SortPutsNaNLastAndCarriesAPayloadOperand()
    {
        var kernel = new SortKernel("sort", [new TensorRef(0, DType.Float32, [5]), new TensorRef(1, DType.Int32, [5])], 0, 1,
            Descending: false, Stable: true, [2, 3]);
        var results = emulated.Run(Module([20, 20], [20, 20], kernel),
            Emulated.Bytes(3f, float.NaN, -0f, 0f, float.NegativeInfinity), Emulated.Bytes(0, 1, 2, 3, 4));
        var keys = Emulated.Values<float>(results[0]);
        Assert.Equal(new[] { 4, 2, 3, 0, 1 }, Emulated.Values<int>(results[1]));
        Assert.True(float.IsNegative(keys[1]) && keys[1] == 0);
        Assert.True(float.IsNaN(keys[4]));
    }

    [Fact]
    public void GatherRowsWithClipAndFill()
    {
        // operand [3,2]; gather rows at indices [2, 5]: slice [1,2], collapsed dim 0.
        var dims = new GatherDimensions([1], [0], [0], 1);
        var operand = Emulated.Bytes(1f, 2f, 3f, 4f, 5f, 6f);
        var indices = Emulated.Bytes(2, 5);
        foreach (var (mode, expected) in new[] { (IndexMode.Clip, new[] { 5f, 6f, 5f, 6f }), (IndexMode.FillOrDrop, new[] { 5f, 6f, -1f, -1f }) })
        {
            var kernel = new GatherKernel("g", new TensorRef(0, DType.Float32, [3, 2]), new TensorRef(1, DType.Int32, [2]),
                dims, [1, 2], mode, -1, [2, 2], 2);
            var results = emulated.Run(Module([24, 8], [16], kernel), operand, indices);
            Assert.Equal(expected, Emulated.Values<float>(results[0]));
        }
    }

    [Fact]
    public void ScatterAddAppliesRepeatedIndicesAndDropsOutOfBounds()
    {
        var dims = new ScatterDimensions([], [0], [0], 1);
        var kernel = new ScatterKernel("s", new TensorRef(0, DType.Float32, [4]), new TensorRef(1, DType.Int32, [4]),
            new TensorRef(2, DType.Float32, [4]), dims, ScatterCombiner.Add, IndexMode.FillOrDrop, 3);
        var results = emulated.Run(Module([16, 16, 16], [16], kernel),
            Emulated.Bytes(1f, 1f, 1f, 1f), Emulated.Bytes(1, 1, 3, 9), Emulated.Bytes(10f, 20f, 30f, 40f));
        Assert.Equal(new[] { 1f, 31f, 1f, 31f }, Emulated.Values<float>(results[0]));
    }

    [Theory]
    [InlineData(DType.Float16)]
    [InlineData(DType.BFloat16)]
    [InlineData(DType.Int64)]
    [InlineData(DType.UInt32)]
    public void ScatterKernelsTypedByDtypeAddAndTakeTheMaximum(DType dtype)
    {
        // The window walk (add) and, with scalar updates colliding, the sorted path (max): small integers, exact
        // in every dtype here, in each dtype's own bytes.
        byte[] Encode(int[] values) => dtype switch
        {
            DType.Float16 => Emulated.Bytes(values.Select(v => (Half)v).ToArray()),
            DType.BFloat16 => Emulated.Bytes(values.Select(v => KernelHarness.BFloat16Bits(v)).ToArray()),
            DType.Int64 => Emulated.Bytes(values.Select(v => (long)v).ToArray()),
            _ => Emulated.Bytes(values.Select(v => (uint)v).ToArray()),
        };
        var size = dtype.SizeOf();
        var dims = new ScatterDimensions([], [0], [0], 1);
        foreach (var (combiner, expected) in new[] { (ScatterCombiner.Add, new[] { 1, 31, 1, 31 }), (ScatterCombiner.Max, new[] { 1, 20, 1, 30 }) })
        {
            var kernel = new ScatterKernel("s", new TensorRef(0, dtype, [4]), new TensorRef(1, DType.Int32, [4]),
                new TensorRef(2, dtype, [4]), dims, combiner, IndexMode.FillOrDrop, 3);
            var results = emulated.Run(Module([4 * size, 16, 4 * size], [4 * size], kernel),
                Encode([1, 1, 1, 1]), Emulated.Bytes(1, 1, 3, 9), Encode([10, 20, 30, 40]));
            Assert.Equal(Encode(expected), results[0]);
        }
    }

    [Fact]
    public void PaddedStridedConvolution()
    {
        // 1D: input [1,1,5], kernel [1,1,3], stride 2, padding 1 each side: output [1,1,3].
        var kernel = new ConvolutionKernel("c", new TensorRef(0, DType.Float32, [1, 1, 5]), new TensorRef(1, DType.Float32, [1, 1, 3]),
            ConvDimensions.ChannelsFirst(1), [2], [1], [1], [1], [1], 1, 1, Precision.Highest, DType.Float32, null, [1, 1, 3], 2);
        var results = emulated.Run(Module([20, 12], [12], kernel), Emulated.Bytes(1f, 2f, 3f, 4f, 5f), Emulated.Bytes(1f, 10f, 100f));
        // windows: [pad,1,2] -> 10+200; [2,3,4] -> 2+30+400; [4,5,pad] -> 4+50
        Assert.Equal(new[] { 210f, 432f, 54f }, Emulated.Values<float>(results[0]));
    }
}
