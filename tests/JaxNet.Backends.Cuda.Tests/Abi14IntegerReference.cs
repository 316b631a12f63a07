using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Cuda.Tests;

/// <summary>
/// The IR's integer semantics written independently of the backend, on the exact values (Int128) a register stands
/// for, with the cpu-simd backend's rules (ScalarMath.NarrowIntegers.cs, docs/kernel-ir.md): wraparound, x / 0 all
/// bits set, INT_MIN / -1 = INT_MIN, x % 0 = x, shift amounts read unsigned (past the width: 0, or the sign fill),
/// rotations modulo the width, float to integer truncating and saturating with NaN to 0, integers between each
/// other wrapping. Registers are longs as the backend holds them (sign-extended signed, zero-extended unsigned,
/// UInt64's bits); floats are encoded and decoded here from their bits.
/// </summary>
internal static class Abi14IntegerReference
{
    public static readonly DType[] NewIntegers = [DType.Int8, DType.Int16, DType.UInt16, DType.UInt64];

    public static readonly BinaryOp[] IntegerBinaryOps =
    [
        BinaryOp.Add, BinaryOp.Sub, BinaryOp.Mul, BinaryOp.Div, BinaryOp.Rem, BinaryOp.Max, BinaryOp.Min,
        BinaryOp.And, BinaryOp.Or, BinaryOp.Xor, BinaryOp.ShiftLeft, BinaryOp.ShiftRightLogical,
        BinaryOp.ShiftRightArithmetic, BinaryOp.RotateLeft, BinaryOp.RotateRight,
        BinaryOp.Eq, BinaryOp.Ne, BinaryOp.Lt, BinaryOp.Le, BinaryOp.Gt, BinaryOp.Ge,
    ];

    public static readonly UnaryOp[] IntegerUnaryOps =
        [UnaryOp.Neg, UnaryOp.Abs, UnaryOp.Sign, UnaryOp.Not, UnaryOp.PopCount, UnaryOp.Clz];

    public static int Width(DType d) => d switch
    {
        DType.Bool => 1,
        DType.Int8 or DType.UInt8 => 8,
        DType.Int16 or DType.UInt16 => 16,
        DType.Int32 or DType.UInt32 => 32,
        _ => 64,
    };

    public static bool Signed(DType d) => d is DType.Int8 or DType.Int16 or DType.Int32 or DType.Int64;

    public static Int128 Min(DType d) => Signed(d) ? -(Int128.One << (Width(d) - 1)) : 0;

    public static Int128 Max(DType d) => Signed(d) ? (Int128.One << (Width(d) - 1)) - 1 : (Int128.One << Width(d)) - 1;

    /// <summary>Wraps an exact integer to a dtype's width and signedness.</summary>
    public static Int128 Wrap(Int128 v, DType d)
    {
        if (d == DType.Bool) return v != 0 ? 1 : 0;
        var w = Width(d);
        var low = v & ((Int128.One << w) - 1);
        return Signed(d) && low >= Int128.One << (w - 1) ? low - (Int128.One << w) : low;
    }

    /// <summary>The edge values of an integer dtype, and some ordinary ones.</summary>
    public static Int128[] Edges(DType d)
    {
        var w = Width(d);
        Int128[] common = [0, 1, 2, 3, 7, w - 1, w, w + 1, 100, Max(d), Max(d) - 1, Min(d), Min(d) + 1, Max(d) / 2 + 1];
        Int128[] signed = Signed(d) ? [-1, -2, -3, -7, -100, -w] : [];
        return [.. common.Concat(signed).Select(v => Wrap(v, d)).Distinct()];
    }

    public static long Register(Int128 v, DType d)
    {
        var wrapped = Wrap(v, d);
        return d == DType.UInt64 ? unchecked((long)(ulong)wrapped) : (long)wrapped;
    }

    public static Int128 Value(long register, DType d) => d == DType.UInt64 ? (ulong)register : register;

    public static Int128 Binary(BinaryOp op, DType d, Int128 a, Int128 b)
    {
        var w = Width(d);
        var amount = b & ((Int128.One << w) - 1); // read unsigned
        var bits = a & ((Int128.One << w) - 1);
        return op switch
        {
            BinaryOp.Add => Wrap(a + b, d),
            BinaryOp.Sub => Wrap(a - b, d),
            BinaryOp.Mul => Wrap(a * b, d),
            BinaryOp.Div => b == 0 ? Wrap(-1, d) : Wrap(a / b, d),
            BinaryOp.Rem => b == 0 ? a : Wrap(a % b, d),
            BinaryOp.Max => Int128.Max(a, b),
            BinaryOp.Min => Int128.Min(a, b),
            BinaryOp.And => Wrap(a & b, d),
            BinaryOp.Or => Wrap(a | b, d),
            BinaryOp.Xor => Wrap(a ^ b, d),
            BinaryOp.ShiftLeft => amount >= w ? 0 : Wrap(a << (int)amount, d),
            BinaryOp.ShiftRightLogical => amount >= w ? 0 : Wrap(bits >> (int)amount, d),
            BinaryOp.ShiftRightArithmetic => Wrap(AsSigned(bits, w) >> (int)Int128.Min(amount, w - 1), d),
            BinaryOp.RotateLeft => Wrap(Rotate(bits, (int)(amount % w), w), d),
            BinaryOp.RotateRight => Wrap(Rotate(bits, (int)((w - amount % w) % w), w), d),
            BinaryOp.Eq => a == b ? 1 : 0,
            BinaryOp.Ne => a != b ? 1 : 0,
            BinaryOp.Lt => a < b ? 1 : 0,
            BinaryOp.Le => a <= b ? 1 : 0,
            BinaryOp.Gt => a > b ? 1 : 0,
            BinaryOp.Ge => a >= b ? 1 : 0,
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not an integer op"),
        };
    }

    public static Int128 Unary(UnaryOp op, DType d, Int128 a)
    {
        var w = Width(d);
        var bits = (UInt128)(a & ((Int128.One << w) - 1));
        return op switch
        {
            UnaryOp.Neg => Wrap(-a, d),
            UnaryOp.Abs => Wrap(Int128.Abs(a), d),
            UnaryOp.Sign => Int128.Sign(a),
            UnaryOp.Not => Wrap(~a, d),
            UnaryOp.PopCount => (Int128)UInt128.PopCount(bits),
            UnaryOp.Clz => (Int128)UInt128.LeadingZeroCount(bits) - (128 - w),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not an integer op"),
        };
    }

    private static Int128 AsSigned(Int128 bits, int w) => bits >= Int128.One << (w - 1) ? bits - (Int128.One << w) : bits;

    private static Int128 Rotate(Int128 bits, int left, int w) =>
        left == 0 ? bits : ((bits << left) | (bits >> (w - left))) & ((Int128.One << w) - 1);

    /// <summary>Float inputs for converts: specials, fractions, and values at and past each integer's range.</summary>
    public static readonly double[] FloatEdges =
    [
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 0.5, -0.5, 1.5, -1.9, 127.9, 128, -128.5,
        -129, 255.5, 256, 32767.5, 32768, -32768.9, -32769, 65535.9, 65536, 1e10, -1e10, 9.3e18, 1.8e19, 2e19, 1e30, -1e30,
    ];

    /// <summary>A float as a register of a float dtype (rounded to it; f16/bf16 through float32).</summary>
    public static long FloatRegister(double v, DType d) => d switch
    {
        DType.Float64 => BitConverter.DoubleToInt64Bits(v),
        DType.Float32 => (uint)BitConverter.SingleToInt32Bits((float)v),
        DType.Float16 => (uint)BitConverter.SingleToInt32Bits((float)(Half)v),
        _ => (uint)BitConverter.SingleToInt32Bits(KernelHarness.FromBFloat16(KernelHarness.BFloat16Bits((float)v))),
    };

    public static double FloatOf(long register, DType d) =>
        d == DType.Float64 ? BitConverter.Int64BitsToDouble(register) : BitConverter.Int32BitsToSingle((int)register);

    /// <summary>The register of <paramref name="to"/> that converting <paramref name="register"/> of
    /// <paramref name="from"/> gives, where at least one of the two is an integer dtype.</summary>
    public static long Convert(long register, DType from, DType to)
    {
        if (from.IsFloat())
        {
            var v = FloatOf(register, from);
            if (to == DType.Bool) return v != 0 || double.IsNaN(v) ? 1 : 0;
            if (double.IsNaN(v)) return 0;
            var t = Math.Truncate(v);
            var exact = t <= (double)Min(to) ? Min(to) : t >= (double)Max(to) ? Max(to) : (Int128)t;
            return Register(exact, to);
        }
        var value = from == DType.Bool ? (register != 0 ? 1 : 0) : Value(register, from);
        if (!to.IsFloat()) return Register(Wrap(value, to), to);
        // Every integer here is a long or a ulong, whose conversions .NET rounds correctly; f16 and bf16 round the
        // float64 value (exact below 2^53) once more, bf16 through float32, as the IR's converts do.
        var asDouble = value < 0 ? (double)(long)value : (double)(ulong)value;
        return to switch
        {
            DType.Float64 => BitConverter.DoubleToInt64Bits(asDouble),
            DType.Float32 => (uint)BitConverter.SingleToInt32Bits(value < 0 ? (float)(long)value : (float)(ulong)value),
            _ => FloatRegister(asDouble, to),
        };
    }

    /// <summary>A register as a dtype's stored bytes.</summary>
    public static byte[] Storage(long register, DType d) => d switch
    {
        DType.Bool or DType.UInt8 or DType.Int8 => [(byte)register],
        DType.Int16 or DType.UInt16 => BitConverter.GetBytes((ushort)register),
        DType.Float16 => BitConverter.GetBytes(BitConverter.HalfToUInt16Bits((Half)BitConverter.Int32BitsToSingle((int)register))),
        DType.BFloat16 => BitConverter.GetBytes((ushort)((uint)register >> 16)),
        DType.Int32 or DType.UInt32 or DType.Float32 => BitConverter.GetBytes((uint)register),
        _ => BitConverter.GetBytes(register),
    };

    /// <summary>The registers of the sample inputs of a dtype: integer edges, or float edges rounded to it.</summary>
    public static long[] Samples(DType d) => d.IsFloat()
        ? [.. FloatEdges.Select(v => FloatRegister(v, d))]
        : d == DType.Bool ? [0, 1] : [.. Edges(d).Select(v => Register(v, d))];

    public static byte[] Bytes(IEnumerable<long> registers, DType d) => [.. registers.SelectMany(r => Storage(r, d))];
}
