using JaxNet.Abstractions.Kernels;
using static JaxNet.Backends.TpuSim.Tests.Harness;

namespace JaxNet.Backends.TpuSim.Tests;

public class ElementwiseKernelTests
{
    [Fact]
    public void FloatProgramWithBroadcastInput()
    {
        // out[i, j] = exp(x[i, j]) * y[j] + 1
        int[] shape = [3, 5];
        var b = new ScalarProgramBuilder();
        var x = b.Load(0, DType.Float32);
        var y = b.Load(1, DType.Float32);
        var e = b.Unary(UnaryOp.Exp, x);
        var one = b.Const(DType.Float32, 1);
        var r = b.Binary(BinaryOp.Add, b.Binary(BinaryOp.Mul, e, y), one);
        var kernel = new ElementwiseKernel("k", shape,
            [Input(0, DType.Float32, shape), new MappedInput(1, DType.Float32, IndexMap.Broadcast([5], shape))], b.Build(r), [2]);
        var random = new Random(4);
        var xs = RandomFloats(random, 15);
        var ys = RandomFloats(random, 5);
        var result = Values<float>(Run(kernel, [Bytes(xs), Bytes(ys)], [60])[0]);
        for (var i = 0; i < 15; i++)
            Assert.Equal(MathF.Exp(xs[i]) * ys[i % 5] + 1, result[i], 6);
    }

    [Fact]
    public void IntegerEdgeCasesFollowTheIr()
    {
        int[] a = [7, -7, int.MinValue, 5, 1, -1];
        int[] d = [0, 2, -1, -3, 40, 31];
        int[] shape = [6];
        var ops = new[] { BinaryOp.Div, BinaryOp.Rem, BinaryOp.ShiftLeft, BinaryOp.ShiftRightArithmetic, BinaryOp.RotateLeft };
        var b = new ScalarProgramBuilder();
        var x = b.Load(0, DType.Int32);
        var y = b.Load(1, DType.Int32);
        var results = ops.Select(op => b.Binary(op, x, y)).ToArray();
        var kernel = new ElementwiseKernel("k", shape, [Input(0, DType.Int32, shape), Input(1, DType.Int32, shape)],
            b.Build(results), [2, 3, 4, 5, 6]);
        var outs = Run(kernel, [Bytes(a), Bytes(d)], [24, 24, 24, 24, 24]).Select(Values<int>).ToArray();
        Assert.Equal([-1, -3, int.MinValue, -1, 0, 0], outs[0]);
        Assert.Equal([7, -1, 0, 2, 1, -1], outs[1]);
        // Shift amounts read as unsigned: -1 and -3 are past the width.
        Assert.Equal([7, -28, 0, 0, 0, int.MinValue], outs[2]);
        Assert.Equal([7, -2, -1, 0, 0, -1], outs[3]);
        Assert.Equal([7, -25, 0x40000000, -1610612736, 256, -1], outs[4]);
    }

    [Fact]
    public void UnsignedDivisionByZeroIsAllOnesAndComparisonsAreUnsigned()
    {
        uint[] a = [10, 0x80000000, 3];
        uint[] d = [0, 1, 4];
        int[] shape = [3];
        var b = new ScalarProgramBuilder();
        var x = b.Load(0, DType.UInt32);
        var y = b.Load(1, DType.UInt32);
        var q = b.Binary(BinaryOp.Div, x, y);
        var gt = b.Binary(BinaryOp.Gt, x, y);
        var kernel = new ElementwiseKernel("k", shape, [Input(0, DType.UInt32, shape), Input(1, DType.UInt32, shape)], b.Build(q, gt), [2, 3]);
        var outs = Run(kernel, [Bytes(a), Bytes(d)], [12, 3]);
        Assert.Equal([uint.MaxValue, 0x80000000, 0], Values<uint>(outs[0]));
        Assert.Equal([1, 1, 0], outs[1]);
    }

    [Fact]
    public void BoolLogicAndSelect()
    {
        byte[] p = [0, 1, 1, 0];
        byte[] q = [0, 0, 1, 1];
        int[] shape = [4];
        var b = new ScalarProgramBuilder();
        var x = b.Load(0, DType.Bool);
        var y = b.Load(1, DType.Bool);
        var xor = b.Binary(BinaryOp.Xor, x, y);
        var notX = b.Unary(UnaryOp.Not, x);
        var pick = b.Select(x, b.Const(DType.Int32, 10), b.Const(DType.Int32, 20));
        var kernel = new ElementwiseKernel("k", shape, [Input(0, DType.Bool, shape), Input(1, DType.Bool, shape)], b.Build(xor, notX, pick), [2, 3, 4]);
        var outs = Run(kernel, [p, q], [4, 4, 16]);
        Assert.Equal([0, 1, 0, 1], outs[0]);
        Assert.Equal([1, 0, 0, 1], outs[1]);
        Assert.Equal([20, 10, 10, 20], Values<int>(outs[2]));
    }

    [Fact]
    public void Bf16IsRoundedOnStoreAndConvertsSaturate()
    {
        int[] shape = [3];
        float[] x = [1.00390625f, 3e9f, float.NaN];
        var b = new ScalarProgramBuilder();
        var v = b.Load(0, DType.Float32);
        var h = b.Convert(v, DType.BFloat16);
        var i = b.Convert(v, DType.Int32);
        var kernel = new ElementwiseKernel("k", shape, [Input(0, DType.Float32, shape)], b.Build(h, i), [1, 2]);
        var outs = Run(kernel, [Bytes(x)], [6, 12]);
        var bf = Values<ushort>(outs[0]);
        Assert.Equal(1.0f, BitConverter.UInt32BitsToSingle((uint)bf[0] << 16)); // 1 + 2^-8 ties to even: 1
        Assert.Equal(RoundToBf16(3e9f), BitConverter.UInt32BitsToSingle((uint)bf[1] << 16));
        Assert.True(float.IsNaN(BitConverter.UInt32BitsToSingle((uint)bf[2] << 16)));
        Assert.Equal([1, int.MaxValue, 0], Values<int>(outs[1])); // truncates, saturates, NaN -> 0
    }

    [Fact]
    public void PaddedViewsAndIota()
    {
        // out[i] = pad(x, lo=2, value=-1)[i] + i  over 6 points, x has 3 elements.
        int[] shape = [6];
        var b = new ScalarProgramBuilder();
        var x = b.Load(0, DType.Float32);
        var iota = b.Convert(b.Index(0), DType.Float32);
        var r = b.Binary(BinaryOp.Add, x, iota);
        var map = new IndexMap(-2, [1]) { ValidLo = [2], ValidHi = [5], PadValue = -1 };
        var kernel = new ElementwiseKernel("k", shape, [new MappedInput(0, DType.Float32, map)], b.Build(r), [1]);
        var result = Values<float>(Run(kernel, [Bytes(new[] { 10f, 20f, 30f })], [24])[0]);
        Assert.Equal([-1f, 0f, 12f, 23f, 34f, 4f], result);
    }

    [Fact]
    public void TranscendentalsMatchDoublePrecisionReferences()
    {
        int[] shape = [4];
        double[] x = [0.1, 0.5, -0.3, 0.9];
        var ops = new[] { UnaryOp.Erf, UnaryOp.ErfInv, UnaryOp.Lgamma, UnaryOp.Log1p, UnaryOp.Expm1, UnaryOp.Tanh };
        var b = new ScalarProgramBuilder();
        var v = b.Load(0, DType.Float64);
        var results = ops.Select(op => b.Unary(op, v)).ToArray();
        var kernel = new ElementwiseKernel("k", shape, [Input(0, DType.Float64, shape)], b.Build(results), [1, 2, 3, 4, 5, 6]);
        var outs = Run(kernel, [Bytes(x)], Enumerable.Repeat(32L, 6).ToArray()).Select(Values<double>).ToArray();
        // erf(0.5), erfinv(0.5), lgamma(0.5) = log(sqrt(pi)), log1p(0.1), expm1(-0.3), tanh(0.9)
        Assert.Equal(0.5204998778130465, outs[0][1], 12);
        Assert.Equal(0.4769362762044699, outs[1][1], 12);
        Assert.Equal(0.5723649429247001, outs[2][1], 12);
        Assert.Equal(Math.Log(1.1), outs[3][0], 14);
        Assert.Equal(Math.Exp(-0.3) - 1, outs[4][2], 14);
        Assert.Equal(Math.Tanh(0.9), outs[5][3], 15);
    }
}
