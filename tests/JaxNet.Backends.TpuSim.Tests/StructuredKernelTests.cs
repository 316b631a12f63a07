using JaxNet.Abstractions.Kernels;
using static JaxNet.Backends.TpuSim.Tests.Harness;

namespace JaxNet.Backends.TpuSim.Tests;

/// <summary>Reduction, contraction, convolution, gather, scatter, sort, scan and copy against values computed here.</summary>
public class StructuredKernelTests
{
    [Fact]
    public void SumReductionWithEpilogue()
    {
        // out[i] = 2 * sum_j x[i, j]
        int[] shape = [3, 4];
        var x = Enumerable.Range(0, 12).Select(i => (float)i).ToArray();
        var e = new ScalarProgramBuilder();
        var v = e.Load(0, DType.Float32);
        var twice = e.Binary(BinaryOp.Mul, v, e.Const(DType.Float32, 2));
        var kernel = new ReductionKernel("r", shape, [1], [Input(0, DType.Float32, shape)], ScalarProgram.Identity(DType.Float32),
            ReduceOp.Sum, DType.Float32, new FusedEpilogue(e.Build(twice), []), 1);
        var result = Values<float>(Run(kernel, [Bytes(x)], [12])[0]);
        Assert.Equal([12f, 44f, 76f], result);
    }

    [Fact]
    public void ArgMaxTakesTheFirstMaximumAndTheFirstNaN()
    {
        int[] shape = [2, 4];
        float[] x = [1, 5, 5, 2, 3, float.NaN, 9, float.NaN];
        var kernel = new ReductionKernel("r", shape, [1], [Input(0, DType.Float32, shape)], ScalarProgram.Identity(DType.Float32),
            ReduceOp.ArgMax, DType.Float32, null, 1);
        Assert.Equal([1, 1], Values<int>(Run(kernel, [Bytes(x)], [8])[0]));
    }

    [Fact]
    public void IntegerMaxAndEmptyReductionIdentity()
    {
        int[] shape = [2, 3];
        int[] x = [-5, -2, -9, 4, 8, 1];
        var kernel = new ReductionKernel("r", shape, [1], [Input(0, DType.Int32, shape)], ScalarProgram.Identity(DType.Int32),
            ReduceOp.Max, DType.Int32, null, 1);
        Assert.Equal([-2, 8], Values<int>(Run(kernel, [Bytes(x)], [8])[0]));
        var empty = new ReductionKernel("e", [2, 0], [1], [Input(0, DType.Float32, [2, 0])], ScalarProgram.Identity(DType.Float32),
            ReduceOp.Min, DType.Float32, null, 1);
        Assert.Equal([float.PositiveInfinity, float.PositiveInfinity], Values<float>(Run(empty, [[]], [8])[0]));
    }

    [Fact]
    public void BatchedContractionWithBiasAndRelu()
    {
        // out[b, i, j] = relu(sum_p x[b, p, i] * w[b, p, j] + bias[j]) with integers small enough to be exact in bf16.
        const int batch = 2, m = 3, k = 4, n = 5;
        var random = new Random(5);
        var x = Enumerable.Range(0, batch * k * m).Select(_ => (float)random.Next(-4, 5)).ToArray();
        var w = Enumerable.Range(0, batch * k * n).Select(_ => (float)random.Next(-4, 5)).ToArray();
        var bias = Enumerable.Range(0, n).Select(j => (float)j - 2).ToArray();
        var e = new ScalarProgramBuilder();
        var sum = e.Binary(BinaryOp.Add, e.Load(0, DType.Float32), e.Load(1, DType.Float32));
        var relu = e.Binary(BinaryOp.Max, sum, e.Const(DType.Float32, 0));
        int[] outShape = [batch, m, n];
        var epilogue = new FusedEpilogue(e.Build(relu), [new MappedInput(2, DType.Float32, IndexMap.Broadcast([n], outShape))]);
        var kernel = new ContractionKernel("dot", new TensorRef(0, DType.Float32, [batch, k, m]), new TensorRef(1, DType.Float32, [batch, k, n]),
            new DotDimensions([0], [0], [1], [1]), Precision.Default, DType.Float32, epilogue, 3);
        var result = Values<float>(Run(kernel, [Bytes(x), Bytes(w), Bytes(bias)], [4L * batch * m * n])[0]);
        for (var b = 0; b < batch; b++)
            for (var i = 0; i < m; i++)
                for (var j = 0; j < n; j++)
                {
                    float expected = bias[j];
                    for (var p = 0; p < k; p++) expected += x[(b * k + p) * m + i] * w[(b * k + p) * n + j];
                    Assert.Equal(Math.Max(expected, 0), result[(b * m + i) * n + j]);
                }
    }

    [Fact]
    public void IntegerContractionWraps()
    {
        int[] a = [int.MaxValue, 1];
        int[] b = [2, 3];
        var kernel = new ContractionKernel("dot", new TensorRef(0, DType.Int32, [1, 2]), new TensorRef(1, DType.Int32, [2, 1]),
            DotDimensions.MatMul, Precision.Default, DType.Int32, null, 2);
        Assert.Equal([unchecked(int.MaxValue * 2 + 3)], Values<int>(Run(kernel, [Bytes(a), Bytes(b)], [4])[0]));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2, 1, 0)]
    [InlineData(1, 2, 1)]
    public void ConvolutionMatchesDirectLoops(int stride, int groups, int pad)
    {
        // NCHW input [2, 4, 6, 5], OIHW weights [6, 4/groups, 3, 2], integers small enough to be exact in bf16.
        int n = 2, c = 4, h = 6, w = 5, o = 6, kh = 3, kw = 2;
        var cg = c / groups;
        var random = new Random(6 + stride + groups);
        var x = Enumerable.Range(0, n * c * h * w).Select(_ => (float)random.Next(-3, 4)).ToArray();
        var f = Enumerable.Range(0, o * cg * kh * kw).Select(_ => (float)random.Next(-3, 4)).ToArray();
        int[] lhsShape = [n, c, h, w], rhsShape = [o, cg, kh, kw];
        var dims = ConvDimensions.ChannelsFirst(2);
        int[] strides = [stride, stride], padLo = [pad, pad], padHi = [pad, 0], one = [1, 1];
        var outShape = ConvolutionKernel.InferOutputShape(lhsShape, rhsShape, dims, strides, padLo, padHi, one, one, 1);
        var kernel = new ConvolutionKernel("conv", new TensorRef(0, DType.Float32, lhsShape), new TensorRef(1, DType.Float32, rhsShape),
            dims, strides, padLo, padHi, one, one, groups, 1, Precision.Default, DType.Float32, null, outShape, 2);
        var count = outShape.Aggregate(1, (a, b) => a * b);
        var result = Values<float>(Run(kernel, [Bytes(x), Bytes(f)], [4L * count])[0]);
        int oh = outShape[2], ow = outShape[3];
        for (var b = 0; b < n; b++)
            for (var oc = 0; oc < o; oc++)
                for (var y = 0; y < oh; y++)
                    for (var z = 0; z < ow; z++)
                    {
                        float expected = 0;
                        var g = oc / (o / groups);
                        for (var ic = 0; ic < cg; ic++)
                            for (var dy = 0; dy < kh; dy++)
                                for (var dz = 0; dz < kw; dz++)
                                {
                                    int iy = y * stride + dy - pad, iz = z * stride + dz - pad;
                                    if (iy < 0 || iy >= h || iz < 0 || iz >= w) continue;
                                    expected += x[((b * c + g * cg + ic) * h + iy) * w + iz] * f[((oc * cg + ic) * kh + dy) * kw + dz];
                                }
                        Assert.Equal(expected, result[((b * o + oc) * oh + y) * ow + z]);
                    }
    }

    [Theory]
    [InlineData(IndexMode.Clip, new float[] { 20, 21, 22, 0, 1, 2, 40, 41, 42, 0, 1, 2 })]
    [InlineData(IndexMode.FillOrDrop, new float[] { 20, 21, 22, 0, 1, 2, -1, -1, -1, -1, -1, -1 })]
    public void GatherRowsOfATable(IndexMode mode, float[] expected)
    {
        var table = Enumerable.Range(0, 5).SelectMany(r => Enumerable.Range(0, 3).Select(j => (float)(r * 10 + j))).ToArray();
        int[] indices = [2, 0, 7, -3];
        var dims = new GatherDimensions([1], [0], [0], 1);
        var kernel = new GatherKernel("g", new TensorRef(0, DType.Float32, [5, 3]), new TensorRef(1, DType.Int32, [4, 1]), dims,
            [1, 3], mode, -1, [4, 3], 2);
        var result = Values<float>(Run(kernel, [Bytes(table), Bytes(indices)], [48])[0]);
        // Clip clamps the starts 7 and -3 to rows 4 and 0; FillOrDrop fills those slices.
        Assert.Equal(expected, result);
    }

    [Fact]
    public void ScatterAddAppliesRepeatedIndicesAndDropsOutOfBounds()
    {
        float[] operand = [1, 1, 1, 1, 1];
        int[] indices = [0, 3, 3, 9, 1, 3];
        float[] updates = [10, 1, 2, 100, 5, 4];
        var dims = new ScatterDimensions([], [0], [0], 1);
        var kernel = new ScatterKernel("s", new TensorRef(0, DType.Float32, [5]), new TensorRef(1, DType.Int32, [6, 1]),
            new TensorRef(2, DType.Float32, [6]), dims, ScatterCombiner.Add, IndexMode.FillOrDrop, 3);
        var result = Values<float>(Run(kernel, [Bytes(operand), Bytes(indices), Bytes(updates)], [20])[0]);
        Assert.Equal([11f, 6f, 1f, 8f, 1f], result);
    }

    [Fact]
    public void SortKeysInTotalOrderCarryingValues()
    {
        float[] keys = [3, float.NaN, -0f, 0f, float.NegativeInfinity, 3, -1];
        int[] values = [0, 1, 2, 3, 4, 5, 6];
        var kernel = new SortKernel("sort", [new TensorRef(0, DType.Float32, [7]), new TensorRef(1, DType.Int32, [7])], 0, 1, false, true, [2, 3]);
        var outs = Run(kernel, [Bytes(keys), Bytes(values)], [28, 28]);
        Assert.Equal([4, 6, 2, 3, 0, 5, 1], Values<int>(outs[1]));
        var sorted = Values<float>(outs[0]);
        Assert.True(float.IsNegative(sorted[2]) && sorted[2] == 0 && !float.IsNegative(sorted[3]));
        var descending = kernel with { Descending = true };
        Assert.Equal([1, 0, 5, 3, 2, 6, 4], Values<int>(Run(descending, [Bytes(keys), Bytes(values)], [28, 28])[1]));
    }

    [Fact]
    public void SortsAlongAnInnerDimension()
    {
        int[] keys = [3, 1, 2, 9, 8, 7];
        var kernel = new SortKernel("sort", [new TensorRef(0, DType.Int32, [2, 3])], 1, 1, false, false, [1]);
        Assert.Equal([1, 2, 3, 7, 8, 9], Values<int>(Run(kernel, [Bytes(keys)], [24])[0]));
        var columns = new SortKernel("sort", [new TensorRef(0, DType.Int32, [2, 3])], 0, 1, true, false, [1]);
        Assert.Equal([9, 8, 7, 3, 1, 2], Values<int>(Run(columns, [Bytes(keys)], [24])[0]));
    }

    [Fact]
    public void ReverseCumulativeSumAndCumulativeMax()
    {
        int[] x = [1, 2, 3, 4, 10, 20, 30, 40];
        var sum = new ScanKernel("cs", new TensorRef(0, DType.Int32, [2, 4]), 1, ReduceOp.Sum, true, DType.Int32, DType.Int32, 1);
        Assert.Equal([10, 9, 7, 4, 100, 90, 70, 40], Values<int>(Run(sum, [Bytes(x)], [32])[0]));
        float[] y = [1, 3, 2, float.NaN, 5];
        var max = new ScanKernel("cm", new TensorRef(0, DType.Float32, [5]), 0, ReduceOp.Max, false, DType.Float32, DType.Float32, 1);
        var result = Values<float>(Run(max, [Bytes(y)], [20])[0]);
        Assert.Equal([1f, 3f, 3f], result[..3]);
        Assert.True(float.IsNaN(result[3]) && float.IsNaN(result[4]));
    }

    [Fact]
    public void CopyMaterialisesATranspose()
    {
        int[] x = [1, 2, 3, 4, 5, 6]; // [2, 3]
        var kernel = new CopyKernel("t", new MappedInput(0, DType.Int32, new IndexMap(0, [1, 3])), [3, 2], 1);
        Assert.Equal([1, 4, 2, 5, 3, 6], Values<int>(Run(kernel, [Bytes(x)], [24])[0]));
    }
}
