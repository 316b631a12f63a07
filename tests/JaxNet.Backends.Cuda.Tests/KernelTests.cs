using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Cuda.Tests;

public sealed class KernelTests(Emulated emulated) : IClassFixture<Emulated>
{
    private static KernelModule Module(long[] parameterBytes, long[] resultBytes, params Kernel[] kernels)
    {
        var buffers = parameterBytes.Select((b, i) => new BufferDecl(i, BufferRole.Parameter, b))
            .Concat(resultBytes.Select((b, i) => new BufferDecl(parameterBytes.Length + i, BufferRole.Result, b))).ToList();
        return new KernelModule("m", buffers, kernels, Enumerable.Range(0, parameterBytes.Length).ToList(),
            Enumerable.Range(parameterBytes.Length, resultBytes.Length).ToList());
    }

    [Fact]
    public void FusedElementwiseWithBroadcastAndMultipleOutputs()
    {
        // out0 = x * y[broadcast row] + 1, out1 = x > 2 (bool)
        var shape = new[] { 2, 3 };
        var program = new ScalarProgram(
        [
            new LoadNode(0, DType.Float32), new LoadNode(1, DType.Float32), new BinaryNode(BinaryOp.Mul, 0, 1, DType.Float32),
            new ConstNode(DType.Float32, 1, 0), new BinaryNode(BinaryOp.Add, 2, 3, DType.Float32),
            new ConstNode(DType.Float32, 2, 0), new BinaryNode(BinaryOp.Gt, 0, 5, DType.Bool),
        ], [4, 6]);
        var kernel = new ElementwiseKernel("k", shape,
            [new MappedInput(0, DType.Float32, IndexMap.Identity(shape)), new MappedInput(1, DType.Float32, IndexMap.Broadcast([3], shape))],
            program, [2, 3]);
        var results = emulated.Run(Module([24, 12], [24, 6], kernel),
            Emulated.Bytes(1f, 2f, 3f, 4f, 5f, 6f), Emulated.Bytes(10f, 20f, 30f));
        Assert.Equal(new[] { 11f, 41f, 91f, 41f, 101f, 181f }, Emulated.Values<float>(results[0]));
        Assert.Equal(new byte[] { 0, 0, 1, 1, 1, 1 }, results[1]);
    }

    [Fact]
    public void IntegerSemanticsDivisionByZeroAndRotate()
    {
        var shape = new[] { 3 };
        var program = new ScalarProgram(
        [
            new LoadNode(0, DType.Int32), new LoadNode(1, DType.Int32), new BinaryNode(BinaryOp.Div, 0, 1, DType.Int32),
            new BinaryNode(BinaryOp.RotateLeft, 0, 1, DType.Int32),
        ], [2, 3]);
        var kernel = new ElementwiseKernel("k", shape,
            [new MappedInput(0, DType.Int32, IndexMap.Identity(shape)), new MappedInput(1, DType.Int32, IndexMap.Identity(shape))],
            program, [2, 3]);
        var results = emulated.Run(Module([12, 12], [12, 12], kernel),
            Emulated.Bytes(7, int.MinValue, -9), Emulated.Bytes(0, -1, 33));
        Assert.Equal(new[] { -1, int.MinValue, 0 }, Emulated.Values<int>(results[0]));
        Assert.Equal(new[] { 7, 0x40000000, -17 }, Emulated.Values<int>(results[1]));
    }

    [Fact]
    public void CopyMaterialisesATransposeAndAPad()
    {
        // x is [2,3]; copy its transpose [3,2], padded with -1 to [3,3] on the right.
        var map = new IndexMap(0, [1, 3]) { ValidLo = [0, 0], ValidHi = [3, 2], PadValue = -1 };
        var kernel = new CopyKernel("c", new MappedInput(0, DType.Float32, map), [3, 3], 1);
        var results = emulated.Run(Module([24], [36], kernel), Emulated.Bytes(1f, 2f, 3f, 4f, 5f, 6f));
        Assert.Equal(new[] { 1f, 4f, -1f, 2f, 5f, -1f, 3f, 6f, -1f }, Emulated.Values<float>(results[0]));
    }

    [Theory]
    [InlineData(ReduceOp.Sum, new[] { 6f, 15f })]
    [InlineData(ReduceOp.Max, new[] { 3f, 6f })]
    [InlineData(ReduceOp.Prod, new[] { 6f, 120f })]
    public void ReductionOverTheLastAxis(ReduceOp op, float[] expected)
    {
        var shape = new[] { 2, 3 };
        var kernel = new ReductionKernel("r", shape, [1], [new MappedInput(0, DType.Float32, IndexMap.Identity(shape))],
            ScalarProgram.Identity(DType.Float32), op, DType.Float32, null, 1);
        var results = emulated.Run(Module([24], [8], kernel), Emulated.Bytes(1f, 2f, 3f, 4f, 5f, 6f));
        Assert.Equal(expected, Emulated.Values<float>(results[0]));
    }

    [Fact]
    public void LongSumUsesTheWholeGroupAndAnEpilogue()
    {
        // sum over 1000 elements (more than one group's threads), then epilogue: value * 2.
        var n = 1000;
        var values = Enumerable.Range(1, n).Select(i => (float)i).ToArray();
        var epilogue = new FusedEpilogue(new ScalarProgram(
            [new LoadNode(0, DType.Float32), new ConstNode(DType.Float32, 2, 0), new BinaryNode(BinaryOp.Mul, 0, 1, DType.Float32)], [2]), []);
        var kernel = new ReductionKernel("r", [n], [0], [new MappedInput(0, DType.Float32, IndexMap.Identity([n]))],
            ScalarProgram.Identity(DType.Float32), ReduceOp.Sum, DType.Float32, epilogue, 1);
        var results = emulated.Run(Module([4 * n], [4], kernel), Emulated.Bytes(values));
        Assert.Equal(n * (n + 1f), Emulated.Values<float>(results[0])[0]);
    }

    [Fact]
    public void ArgMaxTakesTheFirstNaNAndTheFirstTie()
    {
        var shape = new[] { 2, 4 };
        var kernel = new ReductionKernel("a", shape, [1], [new MappedInput(0, DType.Float32, IndexMap.Identity(shape))],
            ScalarProgram.Identity(DType.Float32), ReduceOp.ArgMax, DType.Float32, null, 1);
        var results = emulated.Run(Module([32], [8], kernel), Emulated.Bytes(1f, 5f, 2f, 5f, 1f, float.NaN, 9f, float.NaN));
        Assert.Equal(new[] { 1, 1 }, Emulated.Values<int>(results[0]));
    }

    [Fact]
    public void BatchedContractionWithBiasReluEpilogue()
    {
        // lhs [2,2,3] x rhs [2,3,2] batched over dim 0, then relu(x - 10).
        var lhs = Enumerable.Range(1, 12).Select(i => (float)i).ToArray();
        var rhs = Enumerable.Range(1, 12).Select(i => (float)(i % 3 - 1)).ToArray();
        var epilogue = new FusedEpilogue(new ScalarProgram(
        [
            new LoadNode(0, DType.Float32), new ConstNode(DType.Float32, 10, 0), new BinaryNode(BinaryOp.Sub, 0, 1, DType.Float32),
            new ConstNode(DType.Float32, 0, 0), new BinaryNode(BinaryOp.Max, 2, 3, DType.Float32),
        ], [4]), []);
        var kernel = new ContractionKernel("dot", new TensorRef(0, DType.Float32, [2, 2, 3]), new TensorRef(1, DType.Float32, [2, 3, 2]),
            new DotDimensions([0], [0], [2], [1]), Precision.Highest, DType.Float32, epilogue, 2);
        var results = emulated.Run(Module([48, 48], [32], kernel), Emulated.Bytes(lhs), Emulated.Bytes(rhs));
        var expected = new float[8];
        for (var b = 0; b < 2; b++)
            for (var m = 0; m < 2; m++)
                for (var n = 0; n < 2; n++)
                {
                    float sum = 0;
                    for (var k = 0; k < 3; k++) sum += lhs[b * 6 + m * 3 + k] * rhs[b * 6 + k * 2 + n];
                    expected[b * 4 + m * 2 + n] = Math.Max(sum - 10, 0);
                }
        Assert.Equal(expected, Emulated.Values<float>(results[0]));
    }

    [Fact]
    public void MatMulLargerThanOneTile()
    {
        const int m = 20, k = 33, n = 17;
        var lhs = Enumerable.Range(0, m * k).Select(i => (double)(i % 7) - 3).ToArray();
        var rhs = Enumerable.Range(0, k * n).Select(i => (double)(i % 5) * 0.5).ToArray();
        var kernel = new ContractionKernel("mm", new TensorRef(0, DType.Float64, [m, k]), new TensorRef(1, DType.Float64, [k, n]),
            DotDimensions.MatMul, Precision.Highest, DType.Float64, null, 2);
        var results = emulated.Run(Module([8 * m * k, 8 * k * n], [8 * m * n], kernel), Emulated.Bytes(lhs), Emulated.Bytes(rhs));
        var got = Emulated.Values<double>(results[0]);
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                double sum = 0;
                for (var p = 0; p < k; p++) sum += lhs[i * k + p] * rhs[p * n + j];
                Assert.Equal(sum, got[i * n + j]);
            }
    }
}
