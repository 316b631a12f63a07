using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Tests;

public sealed class ContractionTests
{
    private static double[] RunF32(int[] lhsShape, int[] rhsShape, DotDimensions d, out double[] expected)
    {
        var lhs = Reference.Values(lhsShape.Aggregate(1, (a, b) => a * b), 1);
        var rhs = Reference.Values(rhsShape.Aggregate(1, (a, b) => a * b), 2);
        expected = Reference.DotGeneral(lhs, lhsShape, rhs, rhsShape, d, out var outShape);
        using var h = new ModuleHarness();
        var l = h.Input(lhs.Select(x => (float)x).ToArray());
        var r = h.Input(rhs.Select(x => (float)x).ToArray());
        var o = h.Output(expected.Length * 4L);
        var kernel = new ContractionKernel("dot", new TensorRef(l, DType.Float32, lhsShape), new TensorRef(r, DType.Float32, rhsShape),
            d, Precision.Default, DType.Float32, null, o);
        Assert.Equal(outShape, kernel.OutputShape);
        h.Run(kernel);
        return h.Result<float>(o).Select(x => (double)x).ToArray();
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(7, 7, 7)]
    [InlineData(33, 7, 65)]
    [InlineData(65, 33, 1)]
    [InlineData(1, 257, 33)]
    [InlineData(257, 65, 257)]
    [InlineData(6, 300, 32)]
    public void MatMulF32OddSizes(int m, int k, int n)
    {
        var actual = RunF32([m, k], [k, n], DotDimensions.MatMul, out var expected);
        Reference.Close(expected, actual, 1e-5);
    }

    [Theory]
    [InlineData(new[] { 9, 13 }, new[] { 13, 11 }, new int[0], new int[0], new[] { 1 }, new[] { 0 })] // A x B
    [InlineData(new[] { 13, 9 }, new[] { 13, 11 }, new int[0], new int[0], new[] { 0 }, new[] { 0 })] // A^T x B
    [InlineData(new[] { 9, 13 }, new[] { 11, 13 }, new int[0], new int[0], new[] { 1 }, new[] { 1 })] // A x B^T
    [InlineData(new[] { 13, 9 }, new[] { 11, 13 }, new int[0], new int[0], new[] { 0 }, new[] { 1 })] // A^T x B^T
    [InlineData(new[] { 3, 5, 4 }, new[] { 3, 4, 6 }, new[] { 0 }, new[] { 0 }, new[] { 2 }, new[] { 1 })] // batched
    [InlineData(new[] { 5, 3, 4 }, new[] { 6, 4, 3 }, new[] { 1 }, new[] { 2 }, new[] { 2 }, new[] { 1 })] // batch in the middle
    [InlineData(new[] { 2, 3, 4, 5 }, new[] { 5, 2, 4, 7 }, new[] { 0 }, new[] { 1 }, new[] { 2, 3 }, new[] { 2, 0 })] // two contracting dims
    [InlineData(new[] { 4, 5 }, new[] { 6, 7 }, new int[0], new int[0], new int[0], new int[0])] // outer product
    [InlineData(new[] { 2, 3, 4 }, new[] { 3, 2, 4 }, new[] { 1, 0 }, new[] { 0, 1 }, new[] { 2 }, new[] { 2 })] // two batch dims, vectors
    public void DotGeneralF32AnyDimensionNumbers(int[] lhsShape, int[] rhsShape, int[] lb, int[] rb, int[] lc, int[] rc)
    {
        var actual = RunF32(lhsShape, rhsShape, new DotDimensions(lb, rb, lc, rc), out var expected);
        Reference.Close(expected, actual, 1e-5);
    }

    [Fact]
    public void ZeroLengthContractionGivesZeros()
    {
        var actual = RunF32([3, 0], [0, 4], DotDimensions.MatMul, out var expected);
        Assert.All(expected, e => Assert.Equal(0, e));
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(17, 31, 9)]
    [InlineData(70, 40, 100)]
    public void MatMulF64(int m, int k, int n)
    {
        var lhs = Reference.Values(m * k, 3);
        var rhs = Reference.Values(k * n, 4);
        var expected = Reference.DotGeneral(lhs, [m, k], rhs, [k, n], DotDimensions.MatMul, out _);
        using var h = new ModuleHarness();
        var l = h.Input(lhs);
        var r = h.Input(rhs);
        var o = h.Output(expected.Length * 8L);
        h.Run(new ContractionKernel("dot", new TensorRef(l, DType.Float64, [m, k]), new TensorRef(r, DType.Float64, [k, n]),
            DotDimensions.MatMul, Precision.Highest, DType.Float64, null, o));
        Reference.Close(expected, h.Result<double>(o), 1e-12);
    }

    [Fact]
    public void MatMulI32WrapsAndI64IsExact()
    {
        int[] lhs = [int.MaxValue, 2, -3, 4];
        int[] rhs = [2, 1, 5, -7];
        using var h = new ModuleHarness();
        var l = h.Input(lhs);
        var r = h.Input(rhs);
        var o = h.Output(16);
        h.Run(new ContractionKernel("dot", new TensorRef(l, DType.Int32, [2, 2]), new TensorRef(r, DType.Int32, [2, 2]),
            DotDimensions.MatMul, Precision.Default, DType.Int32, null, o));
        Assert.Equal(new[] { unchecked(int.MaxValue * 2 + 2 * 5), unchecked(int.MaxValue * 1 + 2 * -7), -3 * 2 + 4 * 5, -3 * 1 + 4 * -7 }, h.Result<int>(o));

        using var h64 = new ModuleHarness();
        var l64 = h64.Input(new long[] { 1L << 40, 3 });
        var r64 = h64.Input(new long[] { 5, 1L << 33 });
        var o64 = h64.Output(8);
        h64.Run(new ContractionKernel("dot", new TensorRef(l64, DType.Int64, [1, 2]), new TensorRef(r64, DType.Int64, [2, 1]),
            DotDimensions.MatMul, Precision.Default, DType.Int64, null, o64));
        Assert.Equal((1L << 40) * 5 + 3 * (1L << 33), h64.Result<long>(o64)[0]);
    }

    [Fact]
    public void MixedInputsAccumulateInTheAccumulatorDType()
    {
        // u8 x u8 accumulated in i32, and i32 x i32 accumulated in f32.
        using var h = new ModuleHarness();
        var l = h.Input(new byte[] { 200, 100, 255, 1 });
        var r = h.Input(new byte[] { 3, 2 });
        var o = h.Output(8);
        h.Run(new ContractionKernel("dot", new TensorRef(l, DType.UInt8, [2, 2]), new TensorRef(r, DType.UInt8, [2, 1]),
            DotDimensions.MatMul, Precision.Default, DType.Int32, null, o));
        Assert.Equal(new[] { 800, 767 }, h.Result<int>(o));
    }

    [Fact]
    public void HalfAndBFloat16AreComputedInF32AndRounded()
    {
        var lhs = new[] { (Half)1.5, (Half)2, (Half)(-3), (Half)0.25 };
        var rhs = new[] { (Half)2, (Half)0.5 };
        using var h = new ModuleHarness();
        var l = h.Input(lhs);
        var r = h.Input(rhs);
        var o = h.Output(4);
        var of32 = h.Output(8);
        h.Run(new ContractionKernel("dot", new TensorRef(l, DType.Float16, [2, 2]), new TensorRef(r, DType.Float16, [2, 1]),
                DotDimensions.MatMul, Precision.Default, DType.Float16, null, o),
            new ContractionKernel("dot32", new TensorRef(l, DType.Float16, [2, 2]), new TensorRef(r, DType.Float16, [2, 1]),
                DotDimensions.MatMul, Precision.Default, DType.Float32, null, of32));
        Assert.Equal(new[] { (Half)4, (Half)(-5.875) }, h.Result<Half>(o));
        Assert.Equal(new[] { 4f, -5.875f }, h.Result<float>(of32));

        // bf16: 1 + 2^-8 is not representable; [1, 2^-8] . [1, 1] rounds to even (1.0).
        ushort Bf(float x) => (ushort)(BitConverter.SingleToUInt32Bits(x) >> 16);
        using var hb = new ModuleHarness();
        var lb = hb.Input(new[] { Bf(1), Bf(1f / 256), Bf(3), Bf(-1) });
        var rb = hb.Input(new[] { Bf(1), Bf(1) });
        var ob = hb.Output(4);
        hb.Run(new ContractionKernel("dot", new TensorRef(lb, DType.BFloat16, [2, 2]), new TensorRef(rb, DType.BFloat16, [2, 1]),
            DotDimensions.MatMul, Precision.Default, DType.BFloat16, null, ob));
        Assert.Equal(new[] { Bf(1), Bf(2) }, hb.Result<ushort>(ob));
    }

    [Fact]
    public void BoolContractionIsOrOfAnds()
    {
        using var h = new ModuleHarness();
        var l = h.Input(new byte[] { 1, 0, 0, 0, 1, 1 });
        var r = h.Input(new byte[] { 0, 1, 1, 1, 0, 0 });
        var o = h.Output(4);
        h.Run(new ContractionKernel("dot", new TensorRef(l, DType.Bool, [2, 3]), new TensorRef(r, DType.Bool, [3, 2]),
            DotDimensions.MatMul, Precision.Default, DType.Bool, null, o));
        Assert.Equal(new byte[] { 0, 1, 1, 1 }, h.Result<byte>(o));
    }

    [Fact]
    public void FusedEpilogueAddsABiasAndAppliesRelu()
    {
        var b = new ScalarProgramBuilder();
        var acc = b.Load(0, DType.Float32);
        var bias = b.Load(1, DType.Float32);
        var sum = b.Binary(BinaryOp.Add, acc, bias);
        var zero = b.Const(DType.Float32, 0);
        var relu = b.Binary(BinaryOp.Max, sum, zero);
        var program = b.Build(relu);
        using var h = new ModuleHarness();
        var l = h.Input(new float[] { 1, 2, 3, 4, 5, 6 });
        var r = h.Input(new float[] { 1, -1, 0, 1, 1, -2 });
        var biasBuffer = h.Input(new float[] { 0.5f, -10 });
        var o = h.Output(16);
        h.Run(new ContractionKernel("dense", new TensorRef(l, DType.Float32, [2, 3]), new TensorRef(r, DType.Float32, [3, 2]),
            DotDimensions.MatMul, Precision.Default, DType.Float32,
            new FusedEpilogue(program, [new MappedInput(biasBuffer, DType.Float32, IndexMap.Broadcast([2], [2, 2]))]), o));
        // lhs x rhs = [[4, -5], [10, -11]]; + bias [0.5, -10]; relu.
        Assert.Equal(new float[] { 4.5f, 0, 10.5f, 0 }, h.Result<float>(o));
        Assert.Contains("epilogue", h.Executable!.Describe());
    }

    [Fact]
    public void DescribeNamesTheGemmAndIsa()
    {
        using var h = new ModuleHarness();
        var l = h.Input(new float[4]);
        var r = h.Input(new float[4]);
        var o = h.Output(16);
        h.Run(new ContractionKernel("dot", new TensorRef(l, DType.Float32, [2, 2]), new TensorRef(r, DType.Float32, [2, 2]),
            DotDimensions.MatMul, Precision.Default, DType.Float32, null, o));
        var text = h.Executable!.Describe();
        Assert.Contains("module test", text);
        Assert.Contains("packed f32 GEMM", text);
        Assert.Contains(CpuIsa.Name, text);
    }
}
