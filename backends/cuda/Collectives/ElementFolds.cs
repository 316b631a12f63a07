using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Numerics;

namespace JaxNet.Backends.Cuda.Collectives;

/// <summary>
/// How a collective combines two elements of one dtype with Sum, Prod, Max or Min, in GPU code: only arithmetic,
/// comparisons and bit operations (no Math calls, no exceptions; see docs/cuda.md). Integers wrap; Max and Min
/// propagate NaN (the first NaN's bits) and order the zeros as the IR does (max(-0, +0) = +0, min = -0); Bool
/// Sum and Max are or, Prod and Min are and. f16 and bf16 combine exactly in double and round once per step.
/// </summary>
internal interface IElementFold<T> where T : unmanaged
{
    T Combine(T a, T b, ReduceOp op);
}

internal readonly struct Float32Fold : IElementFold<float>
{
    public float Combine(float a, float b, ReduceOp op)
    {
        if (op == ReduceOp.Sum) return a + b;
        if (op == ReduceOp.Prod) return a * b;
        var x = Registers.Bits32(a);
        var y = Registers.Bits32(b);
        if ((x & 0x7FFFFFFFu) > 0x7F800000u) return a;
        if ((y & 0x7FFFFFFFu) > 0x7F800000u) return b;
        if (a > b) return op == ReduceOp.Max ? a : b;
        if (b > a) return op == ReduceOp.Max ? b : a;
        // Equal: only the zeros differ in bits. Max keeps +0 unless both are -0, Min keeps -0 if either is.
        return Registers.F32(op == ReduceOp.Max ? x & y : x | y);
    }
}

internal readonly struct Float64Fold : IElementFold<double>
{
    public double Combine(double a, double b, ReduceOp op)
    {
        if (op == ReduceOp.Sum) return a + b;
        if (op == ReduceOp.Prod) return a * b;
        var x = Registers.Bits(a);
        var y = Registers.Bits(b);
        if ((x & long.MaxValue) > 0x7FF0000000000000L) return a;
        if ((y & long.MaxValue) > 0x7FF0000000000000L) return b;
        if (a > b) return op == ReduceOp.Max ? a : b;
        if (b > a) return op == ReduceOp.Max ? b : a;
        return Registers.F(op == ReduceOp.Max ? x & y : x | y);
    }
}

/// <summary>IEEE binary16 stored as its bits.</summary>
internal readonly struct Float16Fold : IElementFold<ushort>
{
    public ushort Combine(ushort a, ushort b, ReduceOp op) =>
        HalfBits.Combine(a, b, op, Registers.HalfToFloat(a), Registers.HalfToFloat(b), bfloat: false);
}

/// <summary>bfloat16 stored as its bits.</summary>
internal readonly struct BFloat16Fold : IElementFold<ushort>
{
    public ushort Combine(ushort a, ushort b, ReduceOp op) =>
        HalfBits.Combine(a, b, op, Registers.BFloat16ToFloat(a), Registers.BFloat16ToFloat(b), bfloat: true);
}

internal static class HalfBits
{
    /// <summary>Combines two 16-bit floats given as bits and as exact doubles; Max and Min pick bits, so NaN
    /// payloads and signed zeros survive without a round trip.</summary>
    public static ushort Combine(ushort a, ushort b, ReduceOp op, double x, double y, bool bfloat)
    {
        if (op == ReduceOp.Sum || op == ReduceOp.Prod)
        {
            var r = op == ReduceOp.Sum ? x + y : x * y;
            return bfloat ? Registers.DoubleToBFloat16(r) : Registers.DoubleToHalf(r);
        }
        // NaN in the bits (exponent all ones, mantissa nonzero): f16 0x7C00 and bf16 0x7F80 are the infinities.
        var infinity = bfloat ? 0x7F80 : 0x7C00;
        if ((a & 0x7FFF) > infinity) return a;
        if ((b & 0x7FFF) > infinity) return b;
        if (x > y) return op == ReduceOp.Max ? a : b;
        if (y > x) return op == ReduceOp.Max ? b : a;
        return (ushort)(op == ReduceOp.Max ? a & b : a | b);
    }
}

internal readonly struct Int32Fold : IElementFold<int>
{
    public int Combine(int a, int b, ReduceOp op) => op switch
    {
        ReduceOp.Sum => a + b,
        ReduceOp.Prod => a * b,
        ReduceOp.Max => a > b ? a : b,
        _ => a < b ? a : b,
    };
}

internal readonly struct UInt32Fold : IElementFold<uint>
{
    public uint Combine(uint a, uint b, ReduceOp op) => op switch
    {
        ReduceOp.Sum => a + b,
        ReduceOp.Prod => a * b,
        ReduceOp.Max => a > b ? a : b,
        _ => a < b ? a : b,
    };
}

internal readonly struct Int64Fold : IElementFold<long>
{
    public long Combine(long a, long b, ReduceOp op) => op switch
    {
        ReduceOp.Sum => a + b,
        ReduceOp.Prod => a * b,
        ReduceOp.Max => a > b ? a : b,
        _ => a < b ? a : b,
    };
}

internal readonly struct UInt8Fold : IElementFold<byte>
{
    public byte Combine(byte a, byte b, ReduceOp op) => op switch
    {
        ReduceOp.Sum => (byte)(a + b),
        ReduceOp.Prod => (byte)(a * b),
        ReduceOp.Max => a > b ? a : b,
        _ => a < b ? a : b,
    };
}

/// <summary>Bool as one byte holding 0 or 1.</summary>
internal readonly struct BoolFold : IElementFold<byte>
{
    public byte Combine(byte a, byte b, ReduceOp op) =>
        op == ReduceOp.Sum || op == ReduceOp.Max ? (byte)(a | b) : (byte)(a & b);
}
