using JaxNet.Abstractions.Kernels;
using Xunit;
using static JaxNet.Backends.Vulkan.Tests.ModuleRunner;

namespace JaxNet.Backends.Vulkan.Tests;

/// <summary>Each kernel kind against values computed here.</summary>
public sealed class KernelKindTests
{
    private static readonly Random Rng = new(42);

    private static float[] RandomFloats(int n) => Enumerable.Range(0, n).Select(_ => (float)(Rng.NextDouble() * 2 - 1)).ToArray();

    [VulkanFact]
    public void SumsRowsShortAndLong()
    {
        foreach (var (rows, cols) in new[] { (37, 5), (3, 5000) })
        {
            int[] shape = [rows, cols];
            var x = RandomFloats(rows * cols);
            var k = new ReductionKernel("sum", shape, [1], [Contiguous(0, DType.Float32, shape)],
                ScalarProgram.Identity(DType.Float32), ReduceOp.Sum, DType.Float32, null, 1);
            var got = Values<float>(Run(k, [Bytes(x)], [rows * 4])[0]);
            for (var r = 0; r < rows; r++)
                Close(x.Skip(r * cols).Take(cols).Sum(v => (double)v), got[r]);
        }
    }

    [VulkanFact]
    public void ArgMaxTakesTheFirstMaximumAndTheFirstNan()
    {
        int[] shape = [3, 600];
        var x = new float[1800];
        for (var i = 0; i < x.Length; i++) x[i] = i % 600 == 17 || i % 600 == 400 ? 5f : 1f;
        x[600 + 300] = float.NaN;
        x[600 + 500] = float.NaN;
        var k = new ReductionKernel("argmax", shape, [1], [Contiguous(0, DType.Float32, shape)],
            ScalarProgram.Identity(DType.Float32), ReduceOp.ArgMax, DType.Float32, null, 1);
        Assert.Equal([17, 300, 17], Values<int>(Run(k, [Bytes(x)], [12])[0]));
    }

    [VulkanFact]
    public void MaxReductionWithEpilogueOverColumns()
    {
        int[] shape = [400, 3];
        var x = RandomFloats(1200);
        var e = new ScalarProgramBuilder();
        var doubled = e.Binary(BinaryOp.Mul, e.Load(0, DType.Float32), e.Const(DType.Float32, 2));
        var k = new ReductionKernel("max", shape, [0], [Contiguous(0, DType.Float32, shape)],
            ScalarProgram.Identity(DType.Float32), ReduceOp.Max, DType.Float32, new FusedEpilogue(e.Build(doubled), []), 1);
        var got = Values<float>(Run(k, [Bytes(x)], [12])[0]);
        for (var c = 0; c < 3; c++) Assert.Equal(2 * Enumerable.Range(0, 400).Max(r => x[r * 3 + c]), got[c]);
    }

    [VulkanFact]
    public void MatMulWithBiasReluEpilogue()
    {
        const int m = 33, kk = 47, n = 21;
        var a = RandomFloats(m * kk);
        var b = RandomFloats(kk * n);
        var bias = RandomFloats(n);
        var e = new ScalarProgramBuilder();
        var biased = e.Binary(BinaryOp.Add, e.Load(0, DType.Float32), e.Load(1, DType.Float32));
        var relu = e.Binary(BinaryOp.Max, biased, e.Const(DType.Float32, 0));
        var epilogue = new FusedEpilogue(e.Build(relu), [new MappedInput(2, DType.Float32, IndexMap.Broadcast([n], [m, n]))]);
        var k = new ContractionKernel("mm", new TensorRef(0, DType.Float32, [m, kk]), new TensorRef(1, DType.Float32, [kk, n]),
            DotDimensions.MatMul, Precision.Highest, DType.Float32, epilogue, 3);
        var got = Values<float>(Run(k, [Bytes(a), Bytes(b), Bytes(bias)], [m * n * 4])[0]);
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                double s = bias[j];
                for (var t = 0; t < kk; t++) s += (double)a[i * kk + t] * b[t * n + j];
                Close(Math.Max(s, 0), got[i * n + j]);
            }
    }

    [VulkanFact]
    public void BatchedContractionWithTransposedOperand()
    {
        // lhs [b=2, k=5, m=3] and rhs [n=4, b=2, k=5]: out [2, 3, 4].
        var lhs = RandomFloats(30);
        var rhs = RandomFloats(40);
        var dims = new DotDimensions([0], [1], [1], [2]);
        var k = new ContractionKernel("bmm", new TensorRef(0, DType.Float32, [2, 5, 3]), new TensorRef(1, DType.Float32, [4, 2, 5]),
            dims, Precision.Highest, DType.Float32, null, 2);
        var got = Values<float>(Run(k, [Bytes(lhs), Bytes(rhs)], [2 * 3 * 4 * 4])[0]);
        for (var bb = 0; bb < 2; bb++)
            for (var i = 0; i < 3; i++)
                for (var j = 0; j < 4; j++)
                {
                    double s = 0;
                    for (var t = 0; t < 5; t++) s += (double)lhs[bb * 15 + t * 3 + i] * rhs[j * 10 + bb * 5 + t];
                    Close(s, got[(bb * 3 + i) * 4 + j]);
                }
    }

    [VulkanFact]
    public void ReverseCumulativeSumAndForwardMax()
    {
        int[] shape = [4, 6];
        var x = Enumerable.Range(0, 24).Select(i => (i * 7) % 11).ToArray();
        var sum = new ScanKernel("cumsum", new TensorRef(0, DType.Int32, shape), 1, ReduceOp.Sum, true, DType.Int32, DType.Int32, 1);
        var got = Values<int>(Run(sum, [Bytes(x)], [96])[0]);
        for (var r = 0; r < 4; r++)
            for (var c = 0; c < 6; c++)
                Assert.Equal(Enumerable.Range(c, 6 - c).Sum(j => x[r * 6 + j]), got[r * 6 + c]);
        var max = new ScanKernel("cummax", new TensorRef(0, DType.Int32, shape), 0, ReduceOp.Max, false, DType.Int32, DType.Int32, 1);
        var gotMax = Values<int>(Run(max, [Bytes(x)], [96])[0]);
        for (var r = 0; r < 4; r++)
            for (var c = 0; c < 6; c++)
                Assert.Equal(Enumerable.Range(0, r + 1).Max(j => x[j * 6 + c]), gotMax[r * 6 + c]);
    }

    [VulkanFact]
    public void GathersRowsWithClipAndFill()
    {
        // operand [5, 3]; indices [4, 1] pick rows (take along axis 0).
        var operand = Enumerable.Range(0, 15).Select(i => (float)i).ToArray();
        int[] indices = [4, 0, 7, -2];
        var dims = new GatherDimensions([1], [0], [0], 1);
        foreach (var mode in new[] { IndexMode.Clip, IndexMode.FillOrDrop })
        {
            var k = new GatherKernel("take", new TensorRef(0, DType.Float32, [5, 3]), new TensorRef(1, DType.Int32, [4, 1]),
                dims, [1, 3], mode, -9, [4, 3], 2);
            var got = Values<float>(Run(k, [Bytes(operand), Bytes(indices)], [48])[0]);
            for (var i = 0; i < 4; i++)
                for (var c = 0; c < 3; c++)
                {
                    var row = indices[i];
                    var want = row is >= 0 and < 5 ? operand[row * 3 + c] : mode == IndexMode.Clip ? operand[Math.Clamp(row, 0, 4) * 3 + c] : -9f;
                    Assert.Equal(want, got[i * 3 + c]);
                }
        }
    }

    [VulkanFact]
    public void ScatterAddAppliesRepeatedIndices()
    {
        var operand = new float[8];
        int[] indices = [1, 3, 1, 1, 9];
        float[] updates = [1, 2, 3, 4, 100];
        var dims = new ScatterDimensions([], [0], [0], 1);
        var k = new ScatterKernel("scatter_add", new TensorRef(0, DType.Float32, [8]), new TensorRef(1, DType.Int32, [5, 1]),
            new TensorRef(2, DType.Float32, [5]), dims, ScatterCombiner.Add, IndexMode.FillOrDrop, 3);
        var got = Values<float>(Run(k, [Bytes(operand), Bytes(indices), Bytes(updates)], [32])[0]);
        Assert.Equal([0f, 8, 0, 2, 0, 0, 0, 0], got);
    }

    [VulkanFact]
    public void SortsKeysWithNansLastAndPermutesValues()
    {
        float[] keys = [3, float.NaN, -0f, 0f, -1, float.NegativeInfinity, 3, 2, 1, 0.5f];
        var values = Enumerable.Range(0, 10).ToArray();
        var k = new SortKernel("argsort", [new TensorRef(0, DType.Float32, [2, 5]), new TensorRef(1, DType.Int32, [2, 5])],
            1, 1, false, true, [2, 3]);
        var results = Run(k, [Bytes(keys), Bytes(values)], [40, 40]);
        var sortedValues = Values<int>(results[1]);
        Assert.Equal([4, 2, 3, 0, 1], sortedValues[..5]);
        Assert.Equal([5, 9, 8, 7, 6], sortedValues[5..]);
        Assert.True(float.IsNaN(Values<float>(results[0])[4]));
    }

    [VulkanFact]
    public void SortsRowsLongerThanSharedMemoryInGlobalPasses()
    {
        // 2^20 + 3 elements pad to 2^21 slots: a block sort, then 36 cross-block and 8 block merge passes.
        const int n = (1 << 20) + 3;
        var keys = Enumerable.Range(0, n).Select(_ => (float)Rng.Next(-1000, 1000)).ToArray();
        keys[12345] = float.NaN;
        var positions = Enumerable.Range(0, n).ToArray();
        var k = new SortKernel("argsort", [new TensorRef(0, DType.Float32, [n]), new TensorRef(1, DType.Int32, [n])],
            0, 1, true, true, [2, 3]);
        var results = Run(k, [Bytes(keys), Bytes(positions)], [4L * n, 4L * n]);
        // Descending, stable: NaN first (it sorts above +inf), then equal keys in their original order.
        var want = positions.OrderByDescending(i => float.IsNaN(keys[i]) ? float.PositiveInfinity : keys[i]).ThenBy(i => i).ToArray();
        Assert.Equal(want, Values<int>(results[1]));
        Assert.Equal(want.Select(i => keys[i]), Values<float>(results[0]));
    }

    [VulkanFact]
    public void ConvolvesWithPaddingAndStride()
    {
        // NCHW [1, 2, 5, 5] * OIHW [3, 2, 3, 3], stride 2, padding 1.
        var lhs = RandomFloats(50);
        var rhs = RandomFloats(54);
        var dims = ConvDimensions.ChannelsFirst(2);
        var outShape = ConvolutionKernel.InferOutputShape([1, 2, 5, 5], [3, 2, 3, 3], dims, [2, 2], [1, 1], [1, 1], [1, 1], [1, 1], 1);
        Assert.Equal([1, 3, 3, 3], outShape);
        var k = new ConvolutionKernel("conv", new TensorRef(0, DType.Float32, [1, 2, 5, 5]), new TensorRef(1, DType.Float32, [3, 2, 3, 3]),
            dims, [2, 2], [1, 1], [1, 1], [1, 1], [1, 1], 1, 1, Precision.Highest, DType.Float32, null, outShape, 2);
        var got = Values<float>(Run(k, [Bytes(lhs), Bytes(rhs)], [27 * 4])[0]);
        for (var o = 0; o < 3; o++)
            for (var y = 0; y < 3; y++)
                for (var x = 0; x < 3; x++)
                {
                    double s = 0;
                    for (var c = 0; c < 2; c++)
                        for (var i = 0; i < 3; i++)
                            for (var j = 0; j < 3; j++)
                            {
                                int iy = y * 2 + i - 1, ix = x * 2 + j - 1;
                                if (iy is < 0 or >= 5 || ix is < 0 or >= 5) continue;
                                s += (double)lhs[c * 25 + iy * 5 + ix] * rhs[((o * 2 + c) * 3 + i) * 3 + j];
                            }
                    Close(s, got[(o * 3 + y) * 3 + x]);
                }
    }

    [VulkanFact]
    public void CopiesTransposedViewsAndContiguousRanges()
    {
        var x = Enumerable.Range(0, 12).Select(i => (float)i).ToArray();
        var transposed = new CopyKernel("t", new MappedInput(0, DType.Float32, new IndexMap(0, [1, 4])), [4, 3], 1);
        var got = Values<float>(Run(transposed, [Bytes(x)], [48])[0]);
        for (var i = 0; i < 4; i++)
            for (var j = 0; j < 3; j++)
                Assert.Equal(x[j * 4 + i], got[i * 3 + j]);
        var slice = new CopyKernel("s", new MappedInput(0, DType.Float32, new IndexMap(4, [1])), [8], 1);
        Assert.Equal(x[4..], Values<float>(Run(slice, [Bytes(x)], [32])[0]));
    }
}
