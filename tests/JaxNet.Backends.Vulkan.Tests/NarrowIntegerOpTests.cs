using System.Numerics;
using JaxNet.Abstractions.Kernels;
using Xunit;
using static JaxNet.Backends.Vulkan.Tests.ModuleRunner;

namespace JaxNet.Backends.Vulkan.Tests;

/// <summary>
/// The ABI 1.4 integers (int8, int16, uint16, uint64) in elementwise programs: wraparound, division and shift edges,
/// conversions (float to integer saturating with NaN to 0, as cpu-simd's CreateSaturating; integer to integer
/// wrapping, as CreateTruncating) and same-width bitcasts, against values computed here.
/// </summary>
public sealed class NarrowIntegerOpTests
{
    /// <summary>Runs one program over the elements of <paramref name="inputs"/> (one array per input, all of one length).</summary>
    private static TOut[] Map<TOut>(DType[] dtypes, byte[][] inputs, int count, DType result, Func<ScalarProgramBuilder, int[], int> body)
        where TOut : unmanaged
    {
        var p = new ScalarProgramBuilder();
        var loads = dtypes.Select((t, i) => p.Load(i, t)).ToArray();
        var r = body(p, loads);
        int[] shape = [count];
        var k = new ElementwiseKernel("narrow", shape, dtypes.Select((t, i) => Contiguous(i, t, shape)).ToArray(), p.Build(r), [inputs.Length]);
        return Values<TOut>(Run(k, inputs, [count * result.SizeOf()])[0]);
    }

    private static T[] Binary<T>(BinaryOp op, DType t, T[] a, T[] b) where T : unmanaged =>
        Map<T>([t, t], [Bytes(a), Bytes(b)], a.Length, t, (p, x) => p.Binary(op, x[0], x[1]));

    private static T[] Unary<T>(UnaryOp op, DType t, T[] a) where T : unmanaged =>
        Map<T>([t], [Bytes(a)], a.Length, t, (p, x) => p.Unary(op, x[0]));

    private static TOut[] Convert<TIn, TOut>(DType from, DType to, TIn[] a) where TIn : unmanaged where TOut : unmanaged =>
        Map<TOut>([from], [Bytes(a)], a.Length, to, (p, x) => p.Convert(x[0], to));

    private static TOut[] Bitcast<TIn, TOut>(DType from, DType to, TIn[] a) where TIn : unmanaged where TOut : unmanaged =>
        Map<TOut>([from], [Bytes(a)], a.Length, to, (p, x) => p.Bitcast(x[0], to));

    private static readonly float[] FloatEdges =
        [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 0.5f, -0.5f, -1.9f, 126.9f, 127.5f, 128f, -128.9f, -129f,
         255.5f, 256f, 32767.9f, 32768f, -32768.9f, -40000f, 65535.9f, 65536f, 1e10f, -1e10f, 1.8446743e19f, 3e19f, float.MaxValue];

    [VulkanFact]
    public void FloatToNarrowIntegersTruncatesSaturatesAndMapsNanToZero()
    {
        Assert.Equal(FloatEdges.Select(sbyte.CreateSaturating), Convert<float, sbyte>(DType.Float32, DType.Int8, FloatEdges));
        Assert.Equal(FloatEdges.Select(short.CreateSaturating), Convert<float, short>(DType.Float32, DType.Int16, FloatEdges));
        Assert.Equal(FloatEdges.Select(ushort.CreateSaturating), Convert<float, ushort>(DType.Float32, DType.UInt16, FloatEdges));
        Assert.Equal(FloatEdges.Select(ulong.CreateSaturating), Convert<float, ulong>(DType.Float32, DType.UInt64, FloatEdges));
        double[] doubles = [double.NaN, double.NegativeInfinity, -1, 18446744073709549568.0, 18446744073709551616.0, 9.2233720368547758e18, 1e300];
        Assert.Equal(doubles.Select(ulong.CreateSaturating), Convert<double, ulong>(DType.Float64, DType.UInt64, doubles));
        Assert.Equal(doubles.Select(short.CreateSaturating), Convert<double, short>(DType.Float64, DType.Int16, doubles));
    }

    [VulkanFact]
    public void IntegerConversionsWrapAndExtendBySign()
    {
        int[] ints = [0, 127, 128, 255, 256, -1, -128, -129, 32767, 32768, 65535, 65536, int.MinValue, int.MaxValue];
        Assert.Equal(ints.Select(sbyte.CreateTruncating), Convert<int, sbyte>(DType.Int32, DType.Int8, ints));
        Assert.Equal(ints.Select(short.CreateTruncating), Convert<int, short>(DType.Int32, DType.Int16, ints));
        Assert.Equal(ints.Select(ushort.CreateTruncating), Convert<int, ushort>(DType.Int32, DType.UInt16, ints));
        Assert.Equal(ints.Select(ulong.CreateTruncating), Convert<int, ulong>(DType.Int32, DType.UInt64, ints));
        ulong[] wide = [0, ulong.MaxValue, 0x8000000000000000, 0x123456789ABCDEF0, 0xFFFFFFFF00007F80];
        Assert.Equal(wide.Select(sbyte.CreateTruncating), Convert<ulong, sbyte>(DType.UInt64, DType.Int8, wide));
        Assert.Equal(wide.Select(ushort.CreateTruncating), Convert<ulong, ushort>(DType.UInt64, DType.UInt16, wide));
        Assert.Equal(wide.Select(long.CreateTruncating), Convert<ulong, long>(DType.UInt64, DType.Int64, wide));
        Assert.Equal(wide.Select(int.CreateTruncating), Convert<ulong, int>(DType.UInt64, DType.Int32, wide));
        short[] shorts = [short.MinValue, -1, 0, 1, short.MaxValue];
        Assert.Equal(shorts.Select(ulong.CreateTruncating), Convert<short, ulong>(DType.Int16, DType.UInt64, shorts));
        Assert.Equal(shorts.Select(long.CreateTruncating), Convert<short, long>(DType.Int16, DType.Int64, shorts));
        Assert.Equal(shorts.Select(byte.CreateTruncating), Convert<short, byte>(DType.Int16, DType.UInt8, shorts));
        Assert.Equal(shorts.Select(sbyte.CreateTruncating), Convert<short, sbyte>(DType.Int16, DType.Int8, shorts));
        ushort[] ushorts = [0, 1, 0x7FFF, 0x8000, 0xFFFF];
        Assert.Equal(ushorts.Select(short.CreateTruncating), Convert<ushort, short>(DType.UInt16, DType.Int16, ushorts));
        Assert.Equal(ushorts.Select(long.CreateTruncating), Convert<ushort, long>(DType.UInt16, DType.Int64, ushorts));
        sbyte[] bytes = [sbyte.MinValue, -1, 0, sbyte.MaxValue];
        Assert.Equal(bytes.Select(ushort.CreateTruncating), Convert<sbyte, ushort>(DType.Int8, DType.UInt16, bytes));
        Assert.Equal(bytes.Select(uint.CreateTruncating), Convert<sbyte, uint>(DType.Int8, DType.UInt32, bytes));
        Assert.Equal([true, true, false, true], Convert<sbyte, bool>(DType.Int8, DType.Bool, bytes));
    }

    [VulkanFact]
    public void IntegersToFloatsRoundToNearest()
    {
        ulong[] wide = [0, 1, ulong.MaxValue, 0x8000000000000001, 16777217];
        Assert.Equal(wide.Select(v => (float)v), Convert<ulong, float>(DType.UInt64, DType.Float32, wide));
        Assert.Equal(wide.Select(v => (double)v), Convert<ulong, double>(DType.UInt64, DType.Float64, wide));
        short[] shorts = [short.MinValue, -2049, 2049, short.MaxValue];
        // float16 has 11 significant bits: 2049 rounds to even (2048), 32767 to 32768.
        Assert.Equal(shorts.Select(v => BitConverter.HalfToUInt16Bits((Half)v)), Convert<short, ushort>(DType.Int16, DType.Float16, shorts));
        ushort[] ushorts = [0, 65535, 257];
        Assert.Equal(ushorts.Select(v => (float)v), Convert<ushort, float>(DType.UInt16, DType.Float32, ushorts));
        sbyte[] bytes = [-128, -1, 127];
        Assert.Equal(bytes.Select(v => (double)v), Convert<sbyte, double>(DType.Int8, DType.Float64, bytes));
    }

    [VulkanFact]
    public void ArithmeticWrapsAtEachWidth()
    {
        sbyte[] a8 = [127, -128, 100, -128, 7];
        sbyte[] b8 = [1, -1, 3, 127, -3];
        Assert.Equal(a8.Zip(b8, (x, y) => unchecked((sbyte)(x + y))), Binary(BinaryOp.Add, DType.Int8, a8, b8));
        Assert.Equal(a8.Zip(b8, (x, y) => unchecked((sbyte)(x - y))), Binary(BinaryOp.Sub, DType.Int8, a8, b8));
        Assert.Equal(a8.Zip(b8, (x, y) => unchecked((sbyte)(x * y))), Binary(BinaryOp.Mul, DType.Int8, a8, b8));
        Assert.Equal([-127, -128, -100, -128, -7], Unary(UnaryOp.Neg, DType.Int8, a8));
        Assert.Equal([127, -128, 100, -128, 7], Unary(UnaryOp.Abs, DType.Int8, a8));
        ushort[] a16 = [65535, 0, 300, 0x8000];
        ushort[] b16 = [1, 1, 300, 2];
        Assert.Equal(a16.Zip(b16, (x, y) => unchecked((ushort)(x + y))), Binary(BinaryOp.Add, DType.UInt16, a16, b16));
        Assert.Equal(a16.Zip(b16, (x, y) => unchecked((ushort)(x - y))), Binary(BinaryOp.Sub, DType.UInt16, a16, b16));
        Assert.Equal(a16.Zip(b16, (x, y) => unchecked((ushort)(x * y))), Binary(BinaryOp.Mul, DType.UInt16, a16, b16));
        Assert.Equal(a16.Select(x => unchecked((ushort)-x)), Unary(UnaryOp.Neg, DType.UInt16, a16));
        Assert.Equal(a16.Select(x => (ushort)~x), Unary(UnaryOp.Not, DType.UInt16, a16));
        short[] s16 = [short.MinValue, -1, 0, 12345];
        Assert.Equal([short.MinValue, 1, 0, -12345], Unary(UnaryOp.Neg, DType.Int16, s16));
        Assert.Equal([-1, -1, 0, 1], Unary(UnaryOp.Sign, DType.Int16, s16));
        Assert.Equal(s16.Select(x => (short)BitOperations.PopCount((ushort)x)), Unary(UnaryOp.PopCount, DType.Int16, s16));
        Assert.Equal(s16.Select(x => (short)(BitOperations.LeadingZeroCount((uint)(ushort)x) - 16)), Unary(UnaryOp.Clz, DType.Int16, s16));
        ulong[] a64 = [ulong.MaxValue, 0x8000000000000000, 3];
        ulong[] b64 = [2, 2, ulong.MaxValue];
        Assert.Equal(a64.Zip(b64, (x, y) => unchecked(x * y)), Binary(BinaryOp.Mul, DType.UInt64, a64, b64));
        Assert.Equal(a64.Zip(b64, (x, y) => unchecked(x + y)), Binary(BinaryOp.Add, DType.UInt64, a64, b64));
        Assert.Equal(a64.Select(x => (ulong)BitOperations.LeadingZeroCount(x)), Unary(UnaryOp.Clz, DType.UInt64, a64));
    }

    [VulkanFact]
    public void DivisionByZeroAndMinOverMinusOneFollowTheIr()
    {
        sbyte[] a8 = [-128, -128, 7, -7, 5, -128];
        sbyte[] b8 = [-1, 0, 0, 2, -3, 3];
        Assert.Equal([-128, -1, -1, -3, -1, -42], Binary(BinaryOp.Div, DType.Int8, a8, b8));
        Assert.Equal([0, -128, 7, -1, 2, -2], Binary(BinaryOp.Rem, DType.Int8, a8, b8));
        short[] a16 = [short.MinValue, 9, -9];
        short[] b16 = [-1, 0, 4];
        Assert.Equal([short.MinValue, -1, -2], Binary(BinaryOp.Div, DType.Int16, a16, b16));
        Assert.Equal([0, 9, -1], Binary(BinaryOp.Rem, DType.Int16, a16, b16));
        ushort[] u16 = [9, 65535, 0];
        ushort[] d16 = [0, 2, 0];
        Assert.Equal([ushort.MaxValue, 32767, ushort.MaxValue], Binary(BinaryOp.Div, DType.UInt16, u16, d16));
        Assert.Equal([9, 1, 0], Binary(BinaryOp.Rem, DType.UInt16, u16, d16));
        ulong[] u64 = [9, ulong.MaxValue, ulong.MaxValue];
        ulong[] d64 = [0, 0x8000000000000000, 10];
        // Unsigned: the top bit is magnitude, not sign.
        Assert.Equal([ulong.MaxValue, 1ul, ulong.MaxValue / 10], Binary(BinaryOp.Div, DType.UInt64, u64, d64));
        Assert.Equal([9ul, 0x7FFFFFFFFFFFFFFF, ulong.MaxValue % 10], Binary(BinaryOp.Rem, DType.UInt64, u64, d64));
        var gt = Map<bool>([DType.UInt64, DType.UInt64], [Bytes(u64), Bytes(d64)], 3, DType.Bool, (p, x) => p.Binary(BinaryOp.Gt, x[0], x[1]));
        Assert.Equal([true, true, true], gt);
        Assert.Equal([9ul, ulong.MaxValue, ulong.MaxValue], Binary(BinaryOp.Max, DType.UInt64, u64, d64));
    }

    [VulkanFact]
    public void ShiftsPastTheWidthOrNegativeAndRotates()
    {
        sbyte[] a8 = [1, -8, -8, 1, -128, 64];
        sbyte[] n8 = [8, 1, 20, -1, 7, 1];
        Assert.Equal(a8.Zip(n8, (x, y) => Reference.ShiftLeft(x, y)), Binary(BinaryOp.ShiftLeft, DType.Int8, a8, n8));
        Assert.Equal([0, -4, -1, 0, -1, 32], Binary(BinaryOp.ShiftRightArithmetic, DType.Int8, a8, n8));
        Assert.Equal([0, 124, 0, 0, 1, 32], Binary(BinaryOp.ShiftRightLogical, DType.Int8, a8, n8));
        Assert.Equal(a8.Zip(n8, (x, y) => (sbyte)byte.RotateLeft((byte)x, y & 7)), Binary(BinaryOp.RotateLeft, DType.Int8, a8, n8));
        ushort[] a16 = [0x8001, 0x8001, 0x8001, 0x1234];
        ushort[] n16 = [16, 20, 1, 36];
        Assert.Equal([0, 0, 0x0002, 0], Binary(BinaryOp.ShiftLeft, DType.UInt16, a16, n16));
        Assert.Equal([0xFFFF, 0xFFFF, 0xC000, 0], Binary(BinaryOp.ShiftRightArithmetic, DType.UInt16, a16, n16));
        Assert.Equal([0, 0, 0x4000, 0], Binary(BinaryOp.ShiftRightLogical, DType.UInt16, a16, n16));
        Assert.Equal(a16.Zip(n16, (x, y) => ushort.RotateRight(x, y & 15)), Binary(BinaryOp.RotateRight, DType.UInt16, a16, n16));
        short[] s16 = [-2, -2, 0x4000];
        short[] m16 = [-1, 15, 1];
        Assert.Equal([0, 0, short.MinValue], Binary(BinaryOp.ShiftLeft, DType.Int16, s16, m16));
        Assert.Equal([-1, -1, 0x2000], Binary(BinaryOp.ShiftRightArithmetic, DType.Int16, s16, m16));
        ulong[] a64 = [0x8000000000000001, 1, 0x8000000000000000];
        ulong[] n64 = [64, 63, 70];
        Assert.Equal([0ul, 0x8000000000000000, 0], Binary(BinaryOp.ShiftLeft, DType.UInt64, a64, n64));
        Assert.Equal([ulong.MaxValue, 0, ulong.MaxValue], Binary(BinaryOp.ShiftRightArithmetic, DType.UInt64, a64, n64));
        Assert.Equal(a64.Zip(n64, (x, y) => BitOperations.RotateLeft(x, (int)(y & 63))), Binary(BinaryOp.RotateLeft, DType.UInt64, a64, n64));
    }

    [VulkanFact]
    public void BitcastsMoveTheBitsBetweenSameWidthTypes()
    {
        ushort[] halves = [0x3C00, 0x8000, 0x7C00, 0xFC00, 0x0001, 0x7BFF, 0xC000];
        Assert.Equal(halves.Select(h => (short)h), Bitcast<ushort, short>(DType.Float16, DType.Int16, halves));
        Assert.Equal(halves, Bitcast<ushort, ushort>(DType.Float16, DType.UInt16, halves));
        Assert.Equal(halves, Bitcast<ushort, ushort>(DType.UInt16, DType.Float16, halves));
        Assert.Equal(halves, Bitcast<short, ushort>(DType.Int16, DType.Float16, halves.Select(h => (short)h).ToArray()));
        ushort[] bf = [0x3F80, 0x8000, 0x7F80, 0xFF80, 0x0001, 0xC000];
        Assert.Equal(bf, Bitcast<ushort, ushort>(DType.BFloat16, DType.UInt16, bf));
        Assert.Equal(bf.Select(h => (short)h), Bitcast<ushort, short>(DType.UInt16, DType.BFloat16, bf).Select(h => (short)h));
        Assert.Equal(bf.Select(h => (short)h), Bitcast<ushort, short>(DType.BFloat16, DType.Int16, bf));
        short[] s = [-1, short.MinValue, 5];
        Assert.Equal(s.Select(v => (ushort)v), Bitcast<short, ushort>(DType.Int16, DType.UInt16, s));
        sbyte[] b = [-1, -128, 5];
        Assert.Equal(b.Select(v => (byte)v), Bitcast<sbyte, byte>(DType.Int8, DType.UInt8, b));
        Assert.Equal(b, Bitcast<byte, sbyte>(DType.UInt8, DType.Int8, b.Select(v => (byte)v).ToArray()));
        double[] d = [-0.0, double.NegativeInfinity, 1.5, double.Epsilon];
        var bits = Bitcast<double, ulong>(DType.Float64, DType.UInt64, d);
        Assert.Equal(d.Select(BitConverter.DoubleToUInt64Bits), bits);
        Assert.Equal(d.Select(BitConverter.DoubleToInt64Bits), Bitcast<ulong, long>(DType.UInt64, DType.Int64, bits));
        Assert.Equal(d.Select(BitConverter.DoubleToInt64Bits), Bitcast<ulong, double>(DType.UInt64, DType.Float64, bits).Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(bits, Bitcast<long, ulong>(DType.Int64, DType.UInt64, bits.Select(v => (long)v).ToArray()));
    }

    [VulkanFact]
    public void EmptyArraysRunNothing()
    {
        var got = Map<short>([DType.Int16], [[]], 0, DType.Int16, (p, x) => p.Unary(UnaryOp.Neg, x[0]));
        Assert.Empty(got);
    }

    /// <summary>The IR's shift rules in C#: the amount read as unsigned of the operand's width.</summary>
    private static class Reference
    {
        public static sbyte ShiftLeft(sbyte a, sbyte n) => (byte)n >= 8 ? (sbyte)0 : unchecked((sbyte)(a << n));
    }
}
