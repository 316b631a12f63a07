using System.Numerics;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Conformance.Numerics;

/// <summary>
/// The meaning of every scalar op of kernel IR v1 (ScalarOps.cs and ScalarProgram.cs are the spec; XLA's
/// operation semantics fill the gaps). Float ops are evaluated in float64 on the operands' exact values and
/// rounded once to the result dtype; integer ops are exact with two's complement wraparound.
/// </summary>
public static class ScalarSemantics
{
    public static Scalar Unary(UnaryOp op, Scalar x)
    {
        var dtype = x.DType;
        if (op == UnaryOp.IsFinite) return Scalar.Bool(double.IsFinite(x.Float) || !dtype.IsFloat());
        if (dtype.IsFloat()) return Scalar.FromDouble(dtype, UnaryFloat(op, x.Float));
        return Scalar.FromInteger(dtype, UnaryInteger(op, x.Bits, dtype));
    }

    private static double UnaryFloat(UnaryOp op, double x) => op switch
    {
        UnaryOp.Neg => -x,
        UnaryOp.Abs => Math.Abs(x),
        // XLA: sign(±0) = ±0, sign(NaN) = NaN.
        UnaryOp.Sign => double.IsNaN(x) || x == 0 ? x : Math.Sign(x),
        UnaryOp.Floor => Math.Floor(x),
        UnaryOp.Ceil => Math.Ceiling(x),
        UnaryOp.Round => Math.Round(x, MidpointRounding.AwayFromZero),
        UnaryOp.RoundEven => Math.Round(x, MidpointRounding.ToEven),
        UnaryOp.Sqrt => Math.Sqrt(x),
        UnaryOp.Rsqrt => 1 / Math.Sqrt(x),
        UnaryOp.Cbrt => Math.Cbrt(x),
        UnaryOp.Exp => Math.Exp(x),
        UnaryOp.Exp2 => Math.Pow(2, x),
        UnaryOp.Log => Math.Log(x),
        UnaryOp.Log1p => Log1p(x),
        UnaryOp.Expm1 => Expm1(x),
        UnaryOp.Sin => Math.Sin(x),
        UnaryOp.Cos => Math.Cos(x),
        UnaryOp.Tan => Math.Tan(x),
        UnaryOp.Asin => Math.Asin(x),
        UnaryOp.Acos => Math.Acos(x),
        UnaryOp.Atan => Math.Atan(x),
        UnaryOp.Sinh => Math.Sinh(x),
        UnaryOp.Cosh => Math.Cosh(x),
        UnaryOp.Tanh => Math.Tanh(x),
        UnaryOp.Asinh => Math.Asinh(x),
        UnaryOp.Acosh => Math.Acosh(x),
        UnaryOp.Atanh => Math.Atanh(x),
        UnaryOp.Logistic => 1 / (1 + Math.Exp(-x)),
        UnaryOp.Erf => SpecialFunctions.Erf(x),
        UnaryOp.ErfInv => SpecialFunctions.ErfInv(x),
        UnaryOp.Lgamma => SpecialFunctions.Lgamma(x),
        UnaryOp.Digamma => SpecialFunctions.Digamma(x),
        _ => throw new InvalidOperationException($"{op} is not defined on floats"),
    };

    private static long UnaryInteger(UnaryOp op, long x, DType dtype)
    {
        var width = dtype.BitWidth();
        var pattern = Integers.Unsigned(x, dtype);
        return op switch
        {
            UnaryOp.Neg => -x,
            _ when dtype.IsUnsignedInteger() && op is UnaryOp.Abs => x,
            _ when dtype.IsUnsignedInteger() && op is UnaryOp.Sign => x == 0 ? 0 : 1,
            UnaryOp.Abs => x < 0 ? -x : x, // INT_MIN stays INT_MIN after wrapping
            UnaryOp.Sign => Math.Sign(x),
            UnaryOp.Not => dtype == DType.Bool ? (x == 0 ? 1 : 0) : ~x,
            UnaryOp.PopCount => BitOperations.PopCount(pattern),
            UnaryOp.Clz => BitOperations.LeadingZeroCount(pattern) - (64 - width),
            _ => throw new InvalidOperationException($"{op} is not defined on {dtype.ShortName()}"),
        };
    }

    /// <summary>log(1+x) accurately near 0 (the classic correction: exact when 1+x rounds).</summary>
    private static double Log1p(double x)
    {
        var u = 1 + x;
        if (u == 1) return x;
        if (double.IsInfinity(u)) return Math.Log(u);
        // x / (u - 1) first: it is close to 1, while Math.Log(u) * x overflows for x near the largest double.
        return Math.Log(u) * (x / (u - 1));
    }

    /// <summary>exp(x)-1 accurately near 0 (Kahan's trick).</summary>
    private static double Expm1(double x)
    {
        if (Math.Abs(x) >= 0.5) return Math.Exp(x) - 1;
        var u = Math.Exp(x);
        if (u == 1) return x;
        var um1 = u - 1;
        if (um1 == -1) return -1;
        return um1 * x / Math.Log(u);
    }

    public static Scalar Binary(BinaryOp op, Scalar a, Scalar b)
    {
        if (a.DType != b.DType) throw new ArgumentException($"{op} of {a.DType.ShortName()} and {b.DType.ShortName()}");
        var dtype = a.DType;
        if (op.IsComparison()) return Scalar.Bool(Compare(op, a, b));
        if (op == BinaryOp.NextAfter) return NextAfter(a, b);
        if (dtype.IsFloat()) return Scalar.FromDouble(dtype, BinaryFloat(op, a.Float, b.Float));
        return Scalar.FromInteger(dtype, BinaryInteger(op, a.Bits, b.Bits, dtype));
    }

    private static bool Compare(BinaryOp op, Scalar a, Scalar b)
    {
        if (a.DType.IsFloat())
        {
            double x = a.Float, y = b.Float;
            return op switch
            {
                BinaryOp.Eq => x == y,
                BinaryOp.Ne => x != y,
                BinaryOp.Lt => x < y,
                BinaryOp.Le => x <= y,
                BinaryOp.Gt => x > y,
                _ => x >= y,
            };
        }
        // Bits hold the numeric value (zero-extended for unsigned; uint64's pattern, compared unsigned).
        var c = Integers.Compare(a.Bits, b.Bits, a.DType);
        return op switch
        {
            BinaryOp.Eq => c == 0,
            BinaryOp.Ne => c != 0,
            BinaryOp.Lt => c < 0,
            BinaryOp.Le => c <= 0,
            BinaryOp.Gt => c > 0,
            _ => c >= 0,
        };
    }

    private static double BinaryFloat(BinaryOp op, double a, double b) => op switch
    {
        BinaryOp.Add => a + b,
        BinaryOp.Sub => a - b,
        BinaryOp.Mul => a * b,
        BinaryOp.Div => a / b,
        BinaryOp.Rem => a % b, // C#'s % on doubles is C's fmod
        BinaryOp.Pow => Math.Pow(a, b),
        BinaryOp.Max => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : Math.Max(a, b),
        BinaryOp.Min => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : Math.Min(a, b),
        BinaryOp.Atan2 => Math.Atan2(a, b),
        _ => throw new InvalidOperationException($"{op} is not defined on floats"),
    };

    private static long BinaryInteger(BinaryOp op, long a, long b, DType dtype)
    {
        var width = dtype.BitWidth();
        var signed = dtype.IsSignedInteger();
        var pa = Integers.Unsigned(a, dtype);
        var pb = Integers.Unsigned(b, dtype);
        switch (op)
        {
            case BinaryOp.Add: return unchecked(a + b);
            case BinaryOp.Sub: return unchecked(a - b);
            case BinaryOp.Mul: return unchecked((long)(pa * pb));
            case BinaryOp.Div:
                if (b == 0) return -1; // all bits set, for signed and unsigned
                if (signed && b == -1) return unchecked(-a); // INT_MIN / -1 wraps to INT_MIN
                return signed ? a / b : (long)(pa / pb);
            case BinaryOp.Rem:
                if (b == 0) return a;
                if (signed && b == -1) return 0;
                return signed ? a % b : (long)(pa % pb);
            case BinaryOp.Max: return Integers.Compare(a, b, dtype) >= 0 ? a : b;
            case BinaryOp.Min: return Integers.Compare(a, b, dtype) <= 0 ? a : b;
            case BinaryOp.And: return a & b;
            case BinaryOp.Or: return a | b;
            case BinaryOp.Xor: return a ^ b;
            case BinaryOp.ShiftLeft:
                return pb >= (ulong)width ? 0 : (long)(pa << (int)pb);
            case BinaryOp.ShiftRightLogical:
                return pb >= (ulong)width ? 0 : (long)(pa >> (int)pb);
            case BinaryOp.ShiftRightArithmetic:
                {
                    // The pattern read as signed, whatever the dtype (XLA's shift_right_arithmetic on unsigned).
                    var asSigned = (long)(pa << (64 - width)) >> (64 - width);
                    return pb >= (ulong)width ? (asSigned < 0 ? -1 : 0) : asSigned >> (int)pb;
                }
            case BinaryOp.RotateLeft:
            case BinaryOp.RotateRight:
                {
                    var amount = (int)(pb & (ulong)(width - 1));
                    if (op == BinaryOp.RotateRight) amount = (width - amount) % width;
                    if (amount == 0) return a;
                    var mask = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
                    return (long)(((pa << amount) | (pa >> (width - amount))) & mask);
                }
            default:
                throw new InvalidOperationException($"{op} is not defined on {dtype.ShortName()}");
        }
    }

    /// <summary>The next value of the dtype after a in the direction of b (C's nextafter, in the dtype's own precision).</summary>
    private static Scalar NextAfter(Scalar a, Scalar b)
    {
        var dtype = a.DType;
        if (a.IsNaN || b.IsNaN) return Scalar.FromDouble(dtype, double.NaN);
        if (a.Float == b.Float) return b;
        var width = dtype.BitWidth();
        var signBit = 1L << (width - 1);
        long bits;
        if (a.Float == 0)
        {
            bits = 1 | (b.Float < 0 ? signBit : 0); // the smallest subnormal towards b
        }
        else
        {
            // Away from zero is the next encoding up in magnitude, towards zero the one below.
            var awayFromZero = (a.Float < b.Float) == (a.Float > 0);
            bits = awayFromZero ? a.Bits + 1 : a.Bits - 1;
        }
        return Scalar.FromBits(dtype, bits);
    }

    public static Scalar Select(Scalar predicate, Scalar onTrue, Scalar onFalse) => predicate.IsTrue ? onTrue : onFalse;

    /// <summary>
    /// Numeric conversion: float to integer truncates toward zero and saturates, NaN gives 0; integer to integer
    /// wraps; anything to Bool is "!= 0"; to a float rounds to nearest even, once.
    /// </summary>
    public static Scalar Convert(Scalar x, DType to)
    {
        var from = x.DType;
        if (from == to) return x;
        if (to == DType.Bool) return Scalar.Bool(from.IsFloat() ? x.Float != 0 : x.Bits != 0);
        if (from.IsFloat())
        {
            if (to.IsFloat()) return Scalar.FromDouble(to, x.Float);
            return Scalar.FromInteger(to, FloatToInteger(x.Float, to));
        }
        if (to.IsFloat())
        {
            // Bits is the exact value, but for a uint64 from 2^63 up, whose pattern reads as negative.
            var negative = x.Bits < 0 && from != DType.UInt64;
            var magnitude = negative ? (ulong)(-(x.Bits + 1)) + 1 : (ulong)x.Bits;
            var value = FloatFormat.RoundInteger(negative, magnitude, to);
            return new Scalar(to, ElementCodec.EncodeFloat(to, value), value);
        }
        return Scalar.FromInteger(to, x.Bits);
    }

    private static long FloatToInteger(double x, DType to)
    {
        if (double.IsNaN(x)) return 0;
        var t = Math.Truncate(x);
        if (to == DType.UInt64)
            return t <= 0 ? 0 : t >= 18446744073709551616.0 ? -1 : t >= 9223372036854775808.0 ? (long)(ulong)t : (long)t;
        var min = Integers.MinValue(to);
        var max = Integers.MaxValue(to);
        if (t <= min) return min;
        // (double)max may round up (2^63), so compare against it and saturate there.
        if (t >= (double)max) return max;
        return (long)t;
    }

    /// <summary>Reinterprets the bits of <paramref name="x"/> as <paramref name="to"/> (same width).</summary>
    public static Scalar Bitcast(Scalar x, DType to)
    {
        if (x.DType.SizeOf() != to.SizeOf())
            throw new ArgumentException($"bitcast from {x.DType.ShortName()} to {to.ShortName()}: widths differ");
        return Scalar.FromBits(to, x.Bits);
    }

    /// <summary>Converts a float64 constant (index-map padding, fill values) to a dtype, as a ConvertNode would.</summary>
    public static Scalar FromConstant(double value, DType to) => Convert(new Scalar(DType.Float64,
        BitConverter.DoubleToInt64Bits(value), value), to);
}
