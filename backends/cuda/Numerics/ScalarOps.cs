using JaxNet.Abstractions.Kernels;

using JaxNet.Backends.Shared.Numerics;

namespace JaxNet.Backends.Cuda.Numerics;

/// <summary>
/// The IR's scalar ops on register values (see <see cref="Registers"/>), written so that ILGPU compiles them for
/// a GPU: no exceptions, no recursion, no System.Half. In a fused kernel the op and dtype are constants of the
/// step's generic type arguments, so the switches fold away and each node compiles to its own arithmetic.
/// Semantics follow docs/kernel-ir.md (NaN propagation, integer division by zero, shift and rotate amounts).
/// </summary>
internal static class ScalarOps
{
    /// <summary>A unary op on a register of a dtype known only at run time (the structured kernels); fused kernels
    /// call their dtype class's entry point directly (<c>IDTypeTag.Unary</c>), so each compiles one class's code.</summary>
    public static long Unary(UnaryOp op, DType dtype, long x) =>
        dtype == DType.Float64 ? DoubleUnary(op, x)
        : Registers.IsSingle(dtype) ? SingleUnary(op, dtype, x)
        : IntegerUnary(op, dtype, x);

    public static long DoubleUnary(UnaryOp op, long x)
    {
        var v = Registers.F(x);
        if (op == UnaryOp.IsFinite) return v - v == 0 ? 1 : 0;
        return Registers.Bits(OnFloat64(op, v));
    }

    public static long SingleUnary(UnaryOp op, DType dtype, long x)
    {
        var v = Registers.S(x);
        if (op == UnaryOp.IsFinite) return v - v == 0 ? 1 : 0;
        return Registers.OfSingle(Registers.RoundSingle(OnFloat32(op, v), dtype));
    }

    public static long IntegerUnary(UnaryOp op, DType dtype, long x)
    {
        long r;
        unchecked
        {
            switch (op)
            {
                case UnaryOp.Neg: r = -x; break;
                // UInt64's register is its bits as a long: a negative long is a large unsigned value.
                case UnaryOp.Abs: r = x < 0 && !Registers.IsUnsigned64(dtype) ? -x : x; break;
                case UnaryOp.Sign: r = Registers.IsUnsigned64(dtype) ? (x != 0 ? 1 : 0) : x > 0 ? 1 : x < 0 ? -1 : 0; break;
                case UnaryOp.Not: r = dtype == DType.Bool ? 1 - x : ~x; break;
                case UnaryOp.PopCount: r = PopCount(Registers.StorageBits(x, dtype)); break;
                default: r = LeadingZeros(Registers.StorageBits(x, dtype)) - (64 - Registers.Width(dtype)); break;
            }
        }
        return Registers.Normalize(r, dtype);
    }

    // The single register class (float32, float16, bfloat16) computes in float32: the common functions have
    // float32 versions (DeviceMath.Single.cs); the rest evaluate the float64 function and round once.
    private static float OnFloat32(UnaryOp op, float x) => op switch
    {
        UnaryOp.Neg => -x,
        UnaryOp.Abs => Math.Abs(x),
        UnaryOp.Sign => float.IsNaN(x) || x == 0f ? x : x > 0f ? 1f : -1f,
        UnaryOp.Floor => DeviceMath.FloorF(x),
        UnaryOp.Ceil => DeviceMath.CeilingF(x),
        UnaryOp.Round => DeviceMath.RoundHalfAwayF(x),
        UnaryOp.RoundEven => DeviceMath.RoundHalfEvenF(x),
        UnaryOp.Sqrt => MathF.Sqrt(x),
        UnaryOp.Rsqrt => 1f / MathF.Sqrt(x),
        UnaryOp.Exp => DeviceMath.ExpF(x),
        UnaryOp.Log => DeviceMath.LogF(x),
        UnaryOp.Log1p => DeviceMath.Log1pF(x),
        UnaryOp.Expm1 => DeviceMath.Expm1F(x),
        UnaryOp.Tanh => DeviceMath.TanhF(x),
        UnaryOp.Logistic => DeviceMath.LogisticF(x),
        UnaryOp.Exp2 => DeviceMath.Exp2F(x),
        UnaryOp.Cbrt => DeviceMath.CbrtF(x),
        UnaryOp.Asinh => DeviceMath.AsinhF(x),
        UnaryOp.Acosh => DeviceMath.AcoshF(x),
        UnaryOp.Atanh => DeviceMath.AtanhF(x),
        UnaryOp.Sinh => DeviceMath.SinhF(x),
        UnaryOp.Cosh => DeviceMath.CoshF(x),
        UnaryOp.Sin => DeviceMath.SinF(x),
        UnaryOp.Cos => DeviceMath.CosF(x),
        UnaryOp.Tan => DeviceMath.TanF(x),
        UnaryOp.Atan => DeviceMath.AtanF(x),
        UnaryOp.Asin => DeviceMath.AsinF(x),
        UnaryOp.Acos => DeviceMath.AcosF(x),
        UnaryOp.Erf => DeviceMath.ErfF(x),
        UnaryOp.ErfInv => DeviceMath.ErfInvF(x),
        _ => (float)OnFloat64(op, x),
    };

    private static double OnFloat64(UnaryOp op, double x) => op switch
    {
        UnaryOp.Neg => -x,
        UnaryOp.Abs => Math.Abs(x),
        UnaryOp.Sign => double.IsNaN(x) || x == 0 ? x : x > 0 ? 1 : -1,
        UnaryOp.Floor => DeviceMath.Floor(x),
        UnaryOp.Ceil => DeviceMath.Ceiling(x),
        UnaryOp.Round => DeviceMath.RoundHalfAway(x),
        UnaryOp.RoundEven => DeviceMath.RoundHalfEven(x),
        UnaryOp.Sqrt => Math.Sqrt(x),
        UnaryOp.Rsqrt => 1 / Math.Sqrt(x),
        UnaryOp.Cbrt => DeviceMath.Cbrt(x),
        UnaryOp.Exp => DeviceMath.Exp(x),
        UnaryOp.Exp2 => DeviceMath.Exp2(x),
        UnaryOp.Log => DeviceMath.Log(x),
        UnaryOp.Log1p => SpecialFunctions.Log1p(x),
        UnaryOp.Expm1 => SpecialFunctions.Expm1(x),
        UnaryOp.Sin => DeviceMath.Sin(x),
        UnaryOp.Cos => DeviceMath.Cos(x),
        UnaryOp.Tan => DeviceMath.Tan(x),
        UnaryOp.Asin => DeviceMath.Asin(x),
        UnaryOp.Acos => DeviceMath.Acos(x),
        UnaryOp.Atan => DeviceMath.Atan(x),
        UnaryOp.Sinh => DeviceMath.Sinh(x),
        UnaryOp.Cosh => DeviceMath.Cosh(x),
        UnaryOp.Tanh => DeviceMath.Tanh(x),
        UnaryOp.Asinh => DeviceMath.Asinh(x),
        UnaryOp.Acosh => DeviceMath.Acosh(x),
        UnaryOp.Atanh => DeviceMath.Atanh(x),
        UnaryOp.Logistic => 1 / (1 + DeviceMath.Exp(-x)),
        UnaryOp.Erf => SpecialFunctions.Erf(x),
        UnaryOp.ErfInv => SpecialFunctions.ErfInv(x),
        UnaryOp.Lgamma => SpecialFunctions.Lgamma(x),
        UnaryOp.Digamma => SpecialFunctions.Digamma(x),
        _ => double.NaN,
    };

    private static int PopCount(ulong v)
    {
        var count = 0;
        while (v != 0)
        {
            v &= v - 1;
            count++;
        }
        return count;
    }

    private static int LeadingZeros(ulong v)
    {
        var n = 64;
        while (v != 0)
        {
            v >>= 1;
            n--;
        }
        return n;
    }

    /// <summary>A binary op on two registers of a dtype known only at run time; comparisons give Bool (0/1).</summary>
    public static long Binary(BinaryOp op, DType dtype, long a, long b) =>
        dtype == DType.Float64 ? DoubleBinary(op, a, b)
        : Registers.IsSingle(dtype) ? SingleBinary(op, dtype, a, b)
        : IntegerBinary(op, dtype, a, b);

    public static long DoubleBinary(BinaryOp op, long a, long b)
    {
        var x = Registers.F(a);
        var y = Registers.F(b);
        if (op.IsComparison()) return Compare(op, x < y, x == y, x > y);
        if (op == BinaryOp.NextAfter)
            return NextAfter(a, b, double.IsNaN(x) || double.IsNaN(y), x == y, x == 0, y > 0, x < y == x > 0, DType.Float64);
        return Registers.Bits(OnFloat64(op, x, y));
    }

    public static long SingleBinary(BinaryOp op, DType dtype, long a, long b)
    {
        var x = Registers.S(a);
        var y = Registers.S(b);
        if (op.IsComparison()) return Compare(op, x < y, x == y, x > y);
        if (op == BinaryOp.NextAfter)
            return NextAfter(a, b, float.IsNaN(x) || float.IsNaN(y), x == y, x == 0, y > 0, x < y == x > 0, dtype);
        return Registers.OfSingle(Registers.RoundSingle(OnFloat32(op, x, y), dtype));
    }

    /// <summary>A comparison from the three IEEE relations (all false when an operand is NaN, so only Ne holds).</summary>
    private static long Compare(BinaryOp op, bool less, bool equal, bool greater) => op switch
    {
        BinaryOp.Eq => equal ? 1 : 0,
        BinaryOp.Ne => equal ? 0 : 1,
        BinaryOp.Lt => less ? 1 : 0,
        BinaryOp.Le => less || equal ? 1 : 0,
        BinaryOp.Gt => greater ? 1 : 0,
        _ => greater || equal ? 1 : 0,
    };

    // fmod is exact in float64 on float32 operands, so one rounding gives its float32 result.
    private static float OnFloat32(BinaryOp op, float x, float y) => op switch
    {
        BinaryOp.Add => x + y,
        BinaryOp.Sub => x - y,
        BinaryOp.Mul => x * y,
        BinaryOp.Div => x / y,
        BinaryOp.Max => DeviceMath.MaxF(x, y),
        BinaryOp.Min => DeviceMath.MinF(x, y),
        BinaryOp.Pow => DeviceMath.PowF(x, y),
        BinaryOp.Atan2 => DeviceMath.Atan2F(x, y),
        _ => (float)OnFloat64(op, x, y),
    };

    private static double OnFloat64(BinaryOp op, double x, double y) => op switch
    {
        BinaryOp.Add => x + y,
        BinaryOp.Sub => x - y,
        BinaryOp.Mul => x * y,
        BinaryOp.Div => x / y,
        BinaryOp.Rem => DeviceMath.Fmod(x, y),
        BinaryOp.Pow => DeviceMath.Pow(x, y),
        BinaryOp.Max => double.IsNaN(x) || double.IsNaN(y) ? double.NaN : DeviceMath.Max(x, y),
        BinaryOp.Min => double.IsNaN(x) || double.IsNaN(y) ? double.NaN : DeviceMath.Min(x, y),
        _ => DeviceMath.Atan2(x, y),
    };

    public static long IntegerBinary(BinaryOp op, DType dtype, long x, long y)
    {
        if (Registers.IsUnsigned64(dtype) && ReadsUnsigned(op)) return Unsigned64Binary(op, x, y);
        var width = Registers.Width(dtype);
        var mask = width >= 64 ? ulong.MaxValue : (1UL << width) - 1;
        long r;
        unchecked
        {
            switch (op)
            {
                case BinaryOp.Add: r = x + y; break;
                case BinaryOp.Sub: r = x - y; break;
                case BinaryOp.Mul: r = x * y; break;
                case BinaryOp.Div: r = y == 0 ? -1 : y == -1 ? -x : x / y; break;
                case BinaryOp.Rem: r = y == 0 ? x : y == -1 ? 0 : x % y; break;
                case BinaryOp.Max: r = x > y ? x : y; break;
                case BinaryOp.Min: r = x < y ? x : y; break;
                case BinaryOp.Eq: return x == y ? 1 : 0;
                case BinaryOp.Ne: return x != y ? 1 : 0;
                case BinaryOp.Lt: return x < y ? 1 : 0;
                case BinaryOp.Le: return x <= y ? 1 : 0;
                case BinaryOp.Gt: return x > y ? 1 : 0;
                case BinaryOp.Ge: return x >= y ? 1 : 0;
                case BinaryOp.And: r = x & y; break;
                case BinaryOp.Or: r = x | y; break;
                case BinaryOp.Xor: r = x ^ y; break;
                case BinaryOp.ShiftLeft:
                    {
                        var amount = (ulong)y & mask;
                        r = amount >= (ulong)width ? 0 : (long)(((ulong)x << (int)amount) & mask);
                        break;
                    }
                case BinaryOp.ShiftRightLogical:
                    {
                        var amount = (ulong)y & mask;
                        r = amount >= (ulong)width ? 0 : (long)(((ulong)x & mask) >> (int)amount);
                        break;
                    }
                case BinaryOp.ShiftRightArithmetic:
                    {
                        var amount = (ulong)y & mask;
                        var signed = width >= 64 ? x : (x << (64 - width)) >> (64 - width);
                        r = amount >= (ulong)width ? (signed < 0 ? -1 : 0) : signed >> (int)amount;
                        break;
                    }
                default:
                    {
                        var amount = (int)(((ulong)y & mask) % (ulong)width);
                        if (op == BinaryOp.RotateRight) amount = (width - amount) % width;
                        var bits = (ulong)x & mask;
                        r = amount == 0 ? (long)bits : (long)(((bits << amount) | (bits >> (width - amount))) & mask);
                        break;
                    }
            }
        }
        return Registers.Normalize(r, dtype);
    }

    /// <summary>The ops whose result on UInt64 differs from Int64's on the same bits (the rest wrap alike).</summary>
    private static bool ReadsUnsigned(BinaryOp op) => op is BinaryOp.Div or BinaryOp.Rem or BinaryOp.Max or BinaryOp.Min
        or BinaryOp.Lt or BinaryOp.Le or BinaryOp.Gt or BinaryOp.Ge;

    /// <summary>UInt64's division, remainder, order and comparisons on its bits: x / 0 is all bits set, x % 0 is x
    /// (as for the other integers; an unsigned dtype has no INT_MIN / -1).</summary>
    private static long Unsigned64Binary(BinaryOp op, long x, long y)
    {
        var a = (ulong)x;
        var b = (ulong)y;
        return op switch
        {
            BinaryOp.Div => b == 0 ? -1 : (long)(a / b),
            BinaryOp.Rem => b == 0 ? x : (long)(a % b),
            BinaryOp.Max => a > b ? x : y,
            BinaryOp.Min => a < b ? x : y,
            BinaryOp.Lt => a < b ? 1 : 0,
            BinaryOp.Le => a <= b ? 1 : 0,
            BinaryOp.Gt => a > b ? 1 : 0,
            _ => a >= b ? 1 : 0,
        };
    }

    /// <summary>The register after <paramref name="a"/> towards <paramref name="b"/> in <paramref name="dtype"/>: the
    /// storage bits, sign and magnitude, stepped by one. The comparisons come from the caller, in its class's type.</summary>
    private static long NextAfter(long a, long b, bool nan, bool equal, bool fromZero, bool upward, bool awayFromZero, DType dtype)
    {
        if (nan) return Registers.NaN(dtype);
        if (equal) return b;
        var bits = Registers.StorageBits(a, dtype);
        var signBit = dtype switch
        {
            DType.Float64 => 0x8000000000000000UL,
            DType.Float32 => 0x80000000UL,
            _ => 0x8000UL,
        };
        if (fromZero) bits = (upward ? 0UL : signBit) | 1;
        else if (awayFromZero) bits++;
        else bits--;
        return Registers.FromStorageBits(bits, dtype);
    }
}
