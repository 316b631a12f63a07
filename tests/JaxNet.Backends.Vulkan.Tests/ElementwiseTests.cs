using JaxNet.Abstractions.Kernels;
using Xunit;
using static JaxNet.Backends.Vulkan.Tests.ModuleRunner;

namespace JaxNet.Backends.Vulkan.Tests;

public sealed class ElementwiseTests
{
    [VulkanFact]
    public void AddsWithBroadcast()
    {
        int[] shape = [300, 7];
        var x = Enumerable.Range(0, 2100).Select(i => (float)i).ToArray();
        var y = Enumerable.Range(0, 7).Select(i => i * 0.5f).ToArray();
        var p = new ScalarProgramBuilder();
        var sum = p.Binary(BinaryOp.Add, p.Load(0, DType.Float32), p.Load(1, DType.Float32));
        var k = new ElementwiseKernel("add", shape,
            [Contiguous(0, DType.Float32, shape), new MappedInput(1, DType.Float32, IndexMap.Broadcast([7], shape))],
            p.Build(sum), [2]);
        var result = Values<float>(Run(k, [Bytes(x), Bytes(y)], [2100 * 4])[0]);
        for (var i = 0; i < 2100; i++) Assert.Equal(x[i] + y[i % 7], result[i]);
    }
}

public sealed class ElementwiseSemanticsTests
{
    private static byte[] RunBinary<T>(BinaryOp op, DType dtype, T[] a, T[] b) where T : unmanaged
    {
        var p = new ScalarProgramBuilder();
        var r = p.Binary(op, p.Load(0, dtype), p.Load(1, dtype));
        int[] shape = [a.Length];
        var k = new ElementwiseKernel("bin", shape, [Contiguous(0, dtype, shape), Contiguous(1, dtype, shape)], p.Build(r), [2]);
        return Run(k, [Bytes(a), Bytes(b)], [a.Length * op.ResultType(dtype).SizeOf()])[0];
    }

    private static T[] Binary<T>(BinaryOp op, DType dtype, T[] a, T[] b) where T : unmanaged => Values<T>(RunBinary(op, dtype, a, b));

    private static bool[] Compare<T>(BinaryOp op, DType dtype, T[] a, T[] b) where T : unmanaged =>
        RunBinary(op, dtype, a, b).Select(x => x switch { 0 => false, 1 => true, _ => throw new InvalidOperationException($"bool byte {x}") }).ToArray();

    [VulkanFact]
    public void IntegerDivisionAndRemainderFollowTheIr()
    {
        int[] a = [7, -7, 7, int.MinValue, 5, -5, int.MinValue];
        int[] b = [2, 2, 0, -1, -3, 0, 0];
        Assert.Equal([3, -3, -1, int.MinValue, -1, -1, -1], Binary(BinaryOp.Div, DType.Int32, a, b));
        Assert.Equal([1, -1, 7, 0, 2, -5, int.MinValue], Binary(BinaryOp.Rem, DType.Int32, a, b));
        uint[] ua = [7, 9];
        uint[] ub = [0, 4];
        Assert.Equal([uint.MaxValue, 2u], Binary(BinaryOp.Div, DType.UInt32, ua, ub));
    }

    [VulkanFact]
    public void ShiftsPastTheWidthAndRotates()
    {
        int[] a = [1, -8, -8, 1];
        int[] b = [32, 1, 40, -1];
        Assert.Equal([0, -16, 0, 0], Binary(BinaryOp.ShiftLeft, DType.Int32, a, b));
        Assert.Equal([0, -4, -1, 0], Binary(BinaryOp.ShiftRightArithmetic, DType.Int32, a, b));
        Assert.Equal([0, int.MaxValue - 3, 0, 0], Binary(BinaryOp.ShiftRightLogical, DType.Int32, a, b));
        uint[] x = [0x80000001u, 0x12345678u];
        uint[] n = [1, 36];
        Assert.Equal([0x00000003u, 0x23456781u], Binary(BinaryOp.RotateLeft, DType.UInt32, x, n));
    }

    [VulkanFact]
    public void MaxMinPropagateNanAndComparisonsFollowIeee()
    {
        float[] a = [1, float.NaN, -0f, 3];
        float[] b = [float.NaN, 2, 0f, 2];
        var max = Binary(BinaryOp.Max, DType.Float32, a, b);
        Assert.True(float.IsNaN(max[0]) && float.IsNaN(max[1]));
        Assert.Equal(3f, max[3]);
        Assert.Equal([false, false, true, false], Compare(BinaryOp.Eq, DType.Float32, a, b));
        Assert.Equal([true, true, false, true], Compare(BinaryOp.Ne, DType.Float32, a, b));
        Assert.Equal([false, false, false, false], Compare(BinaryOp.Lt, DType.Float32, a, b));
    }

    [VulkanFact]
    public void ConvertsSaturatingWithNanToZero()
    {
        float[] x = [1.9f, -1.9f, 3e9f, -3e9f, float.NaN, float.PositiveInfinity];
        var p = new ScalarProgramBuilder();
        var r = p.Convert(p.Load(0, DType.Float32), DType.Int32);
        int[] shape = [x.Length];
        var k = new ElementwiseKernel("cvt", shape, [Contiguous(0, DType.Float32, shape)], p.Build(r), [1]);
        Assert.Equal([1, -1, int.MaxValue, int.MinValue, 0, int.MaxValue], Values<int>(Run(k, [Bytes(x)], [x.Length * 4])[0]));
    }

    [VulkanFact]
    public void TranscendentalsMatchDoublePrecisionReferences()
    {
        var x = Enumerable.Range(1, 200).Select(i => i * 0.037f - 3f).ToArray();
        foreach (var (op, reference, tolerance) in new (UnaryOp, Func<double, double>, double)[]
                 {
                     (UnaryOp.Exp, Math.Exp, 2e-6), (UnaryOp.Tanh, Math.Tanh, 2e-6), (UnaryOp.Atan, Math.Atan, 2e-6),
                     (UnaryOp.Sin, Math.Sin, 2e-6), (UnaryOp.Expm1, v => Math.Exp(v) - 1, 4e-6),
                 })
        {
            var p = new ScalarProgramBuilder();
            var r = p.Unary(op, p.Load(0, DType.Float32));
            int[] shape = [x.Length];
            var k = new ElementwiseKernel(op.ToString(), shape, [Contiguous(0, DType.Float32, shape)], p.Build(r), [1]);
            var got = Values<float>(Run(k, [Bytes(x)], [x.Length * 4])[0]);
            for (var i = 0; i < x.Length; i++)
            {
                var want = reference(x[i]);
                Assert.True(Math.Abs(got[i] - want) <= tolerance * Math.Max(1, Math.Abs(want)), $"{op}({x[i]}) = {got[i]}, want {want}");
            }
        }
    }

    [VulkanFact]
    public void IndexMapsPadReshapeFlipAndIota()
    {
        // out[i, j] over [4, 3]: input 0 is a [2, 3] array padded by one row on each side with -1;
        // input 1 is a [12] array read reshaped and flipped; plus iota along dimension 1.
        int[] shape = [4, 3];
        var padded = new MappedInput(0, DType.Int32, new IndexMap(-3, [3, 1]) { ValidLo = [1, 0], ValidHi = [3, 3], PadValue = -1 });
        var flipped = new MappedInput(1, DType.Int32, new IndexMap(11, [-1]) { ReshapeTo = [12] });
        var p = new ScalarProgramBuilder();
        var sum = p.Binary(BinaryOp.Add, p.Binary(BinaryOp.Mul, p.Load(0, DType.Int32), p.Const(DType.Int32, 1000)), p.Load(1, DType.Int32));
        var result = p.Binary(BinaryOp.Add, p.Binary(BinaryOp.Mul, sum, p.Const(DType.Int32, 10)), p.Index(1));
        var k = new ElementwiseKernel("maps", shape, [padded, flipped], p.Build(result), [2]);
        var a = Enumerable.Range(0, 6).Select(i => i + 1).ToArray();
        var b = Enumerable.Range(0, 12).Select(i => i * 2).ToArray();
        var got = Values<int>(Run(k, [Bytes(a), Bytes(b)], [48])[0]);
        for (var i = 0; i < 4; i++)
            for (var j = 0; j < 3; j++)
            {
                var pad = i is >= 1 and < 3 ? a[(i - 1) * 3 + j] : -1;
                var flip = b[11 - (i * 3 + j)];
                Assert.Equal((pad * 1000 + flip) * 10 + j, got[i * 3 + j]);
            }
    }
}
