using System.Numerics;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.TpuSim.Execution;

using JaxNet.Backends.Shared.Numerics;

namespace JaxNet.Backends.TpuSim.Numerics;

/// <summary>
/// The IR's scalar ops over whole columns, one loop per op and representation (the vector unit's view: one op
/// over many lanes). Float ops compute in double and round to the node's dtype; integer ops wrap to its width.
/// Semantics follow docs/kernel-ir.md (NaN propagation, integer division by zero, shift and rotate amounts).
/// </summary>
internal static class ScalarMath
{
    public static Column Unary(UnaryOp op, Column x, DType resultType)
    {
        var n = x.Length;
        if (x.IsFloat)
        {
            var src = x.Floats;
            if (op == UnaryOp.IsFinite)
            {
                var flags = new long[n];
                for (var i = 0; i < n; i++) flags[i] = double.IsFinite(src[i]) ? 1 : 0;
                return Column.OfInts(DType.Bool, flags);
            }
            var f = FloatUnary(op);
            var dst = new double[n];
            for (var i = 0; i < n; i++) dst[i] = DTypeValues.Round(f(src[i]), resultType);
            return Column.OfFloats(resultType, dst);
        }
        var ints = x.Ints;
        var result = new long[n];
        var dtype = x.DType;
        switch (op)
        {
            case UnaryOp.Neg: for (var i = 0; i < n; i++) result[i] = unchecked(-ints[i]); break;
            case UnaryOp.Abs when dtype == DType.UInt64: Array.Copy(ints, result, n); break;
            case UnaryOp.Abs: for (var i = 0; i < n; i++) result[i] = ints[i] < 0 ? unchecked(-ints[i]) : ints[i]; break;
            case UnaryOp.Sign when dtype == DType.UInt64: for (var i = 0; i < n; i++) result[i] = ints[i] != 0 ? 1 : 0; break;
            case UnaryOp.Sign: for (var i = 0; i < n; i++) result[i] = Math.Sign(ints[i]); break;
            case UnaryOp.Not:
                if (dtype == DType.Bool) for (var i = 0; i < n; i++) result[i] = 1 - ints[i];
                else for (var i = 0; i < n; i++) result[i] = ~ints[i];
                break;
            case UnaryOp.PopCount:
                for (var i = 0; i < n; i++) result[i] = BitOperations.PopCount(DTypeValues.UnsignedBits(ints[i], dtype) & BitPatterns.WidthMask(dtype));
                break;
            case UnaryOp.Clz:
                var unused = 64 - dtype.SizeOf() * 8;
                for (var i = 0; i < n; i++)
                    result[i] = BitOperations.LeadingZeroCount(DTypeValues.UnsignedBits(ints[i], dtype) & BitPatterns.WidthMask(dtype)) - unused;
                break;
            default: throw new NotSupportedException($"unary op {op} on {dtype.ShortName()}");
        }
        for (var i = 0; i < n; i++) result[i] = DTypeValues.Normalize(result[i], resultType);
        return Column.OfInts(resultType, result);
    }

    private static Func<double, double> FloatUnary(UnaryOp op) => op switch
    {
        UnaryOp.Neg => x => -x,
        UnaryOp.Abs => Math.Abs,
        UnaryOp.Sign => x => double.IsNaN(x) || x == 0 ? x : Math.Sign(x),
        UnaryOp.Floor => Math.Floor,
        UnaryOp.Ceil => Math.Ceiling,
        UnaryOp.Round => x => Math.Round(x, MidpointRounding.AwayFromZero),
        UnaryOp.RoundEven => x => Math.Round(x, MidpointRounding.ToEven),
        UnaryOp.Sqrt => Math.Sqrt,
        UnaryOp.Rsqrt => x => 1 / Math.Sqrt(x),
        UnaryOp.Cbrt => Math.Cbrt,
        UnaryOp.Exp => Math.Exp,
        UnaryOp.Exp2 => double.Exp2,
        UnaryOp.Log => Math.Log,
        UnaryOp.Log1p => SpecialFunctions.Log1p,
        UnaryOp.Expm1 => SpecialFunctions.Expm1,
        UnaryOp.Sin => Math.Sin,
        UnaryOp.Cos => Math.Cos,
        UnaryOp.Tan => Math.Tan,
        UnaryOp.Asin => Math.Asin,
        UnaryOp.Acos => Math.Acos,
        UnaryOp.Atan => Math.Atan,
        UnaryOp.Sinh => Math.Sinh,
        UnaryOp.Cosh => Math.Cosh,
        UnaryOp.Tanh => Math.Tanh,
        UnaryOp.Asinh => Math.Asinh,
        UnaryOp.Acosh => Math.Acosh,
        UnaryOp.Atanh => Math.Atanh,
        UnaryOp.Logistic => x => 1 / (1 + Math.Exp(-x)),
        UnaryOp.Erf => SpecialFunctions.Erf,
        UnaryOp.ErfInv => SpecialFunctions.ErfInv,
        UnaryOp.Lgamma => SpecialFunctions.Lgamma,
        UnaryOp.Digamma => SpecialFunctions.Digamma,
        _ => throw new NotSupportedException($"unary op {op} on floats"),
    };

    public static Column Binary(BinaryOp op, Column a, Column b, DType resultType)
    {
        var n = a.Length;
        if (a.IsFloat)
        {
            var x = a.Floats;
            var y = b.Floats;
            if (op.IsComparison())
            {
                var flags = new long[n];
                Func<double, double, bool> cmp = op switch
                {
                    BinaryOp.Eq => (p, q) => p == q,
                    BinaryOp.Ne => (p, q) => p != q,
                    BinaryOp.Lt => (p, q) => p < q,
                    BinaryOp.Le => (p, q) => p <= q,
                    BinaryOp.Gt => (p, q) => p > q,
                    _ => (p, q) => p >= q,
                };
                for (var i = 0; i < n; i++) flags[i] = cmp(x[i], y[i]) ? 1 : 0;
                return Column.OfInts(DType.Bool, flags);
            }
            var dst = new double[n];
            if (op == BinaryOp.NextAfter)
            {
                for (var i = 0; i < n; i++) dst[i] = NextAfter(x[i], y[i], resultType);
                return Column.OfFloats(resultType, dst);
            }
            Func<double, double, double> f = op switch
            {
                BinaryOp.Add => (p, q) => p + q,
                BinaryOp.Sub => (p, q) => p - q,
                BinaryOp.Mul => (p, q) => p * q,
                BinaryOp.Div => (p, q) => p / q,
                BinaryOp.Rem => (p, q) => p % q,
                BinaryOp.Pow => Math.Pow,
                BinaryOp.Max => Math.Max,
                BinaryOp.Min => Math.Min,
                BinaryOp.Atan2 => Math.Atan2,
                _ => throw new NotSupportedException($"binary op {op} on floats"),
            };
            for (var i = 0; i < n; i++) dst[i] = DTypeValues.Round(f(x[i], y[i]), resultType);
            return Column.OfFloats(resultType, dst);
        }
        return Column.OfInts(resultType, IntegerBinary(op, a.Ints, b.Ints, a.DType, resultType));
    }

    private static long[] IntegerBinary(BinaryOp op, long[] x, long[] y, DType dtype, DType resultType)
    {
        if (dtype == DType.UInt64 && op is BinaryOp.Max or BinaryOp.Min or BinaryOp.Lt or BinaryOp.Le or BinaryOp.Gt or BinaryOp.Ge)
            return UnsignedOrder(op, x, y, resultType);
        if (dtype == DType.UInt64 && op is BinaryOp.Div or BinaryOp.Rem)
            return UnsignedDivision(op, x, y);
        var n = x.Length;
        var r = new long[n];
        var width = dtype.SizeOf() * 8;
        if (dtype == DType.Bool) width = 1;
        var mask = dtype == DType.Bool ? 1UL : BitPatterns.WidthMask(dtype);
        unchecked
        {
            switch (op)
            {
                case BinaryOp.Add: for (var i = 0; i < n; i++) r[i] = x[i] + y[i]; break;
                case BinaryOp.Sub: for (var i = 0; i < n; i++) r[i] = x[i] - y[i]; break;
                case BinaryOp.Mul: for (var i = 0; i < n; i++) r[i] = x[i] * y[i]; break;
                case BinaryOp.Div:
                    for (var i = 0; i < n; i++)
                        r[i] = y[i] == 0 ? -1 : y[i] == -1 ? -x[i] : x[i] / y[i];
                    break;
                case BinaryOp.Rem:
                    for (var i = 0; i < n; i++)
                        r[i] = y[i] == 0 ? x[i] : y[i] == -1 ? 0 : x[i] % y[i];
                    break;
                case BinaryOp.Max: for (var i = 0; i < n; i++) r[i] = Math.Max(x[i], y[i]); break;
                case BinaryOp.Min: for (var i = 0; i < n; i++) r[i] = Math.Min(x[i], y[i]); break;
                case BinaryOp.Eq: for (var i = 0; i < n; i++) r[i] = x[i] == y[i] ? 1 : 0; break;
                case BinaryOp.Ne: for (var i = 0; i < n; i++) r[i] = x[i] != y[i] ? 1 : 0; break;
                case BinaryOp.Lt: for (var i = 0; i < n; i++) r[i] = x[i] < y[i] ? 1 : 0; break;
                case BinaryOp.Le: for (var i = 0; i < n; i++) r[i] = x[i] <= y[i] ? 1 : 0; break;
                case BinaryOp.Gt: for (var i = 0; i < n; i++) r[i] = x[i] > y[i] ? 1 : 0; break;
                case BinaryOp.Ge: for (var i = 0; i < n; i++) r[i] = x[i] >= y[i] ? 1 : 0; break;
                case BinaryOp.And: for (var i = 0; i < n; i++) r[i] = x[i] & y[i]; break;
                case BinaryOp.Or: for (var i = 0; i < n; i++) r[i] = x[i] | y[i]; break;
                case BinaryOp.Xor: for (var i = 0; i < n; i++) r[i] = x[i] ^ y[i]; break;
                case BinaryOp.ShiftLeft:
                    for (var i = 0; i < n; i++)
                    {
                        var amount = (ulong)y[i] & mask;
                        r[i] = amount >= (ulong)width ? 0 : (long)(((ulong)x[i] << (int)amount) & mask);
                    }
                    break;
                case BinaryOp.ShiftRightLogical:
                    for (var i = 0; i < n; i++)
                    {
                        var amount = (ulong)y[i] & mask;
                        r[i] = amount >= (ulong)width ? 0 : (long)(((ulong)x[i] & mask) >> (int)amount);
                    }
                    break;
                case BinaryOp.ShiftRightArithmetic:
                    for (var i = 0; i < n; i++)
                    {
                        var amount = (ulong)y[i] & mask;
                        var signed = SignExtend(x[i], width);
                        r[i] = amount >= (ulong)width ? (signed < 0 ? -1 : 0) : signed >> (int)amount;
                    }
                    break;
                case BinaryOp.RotateLeft:
                case BinaryOp.RotateRight:
                    for (var i = 0; i < n; i++)
                    {
                        var amount = (int)(((ulong)y[i] & mask) % (ulong)width);
                        if (op == BinaryOp.RotateRight) amount = (width - amount) % width;
                        var bits = (ulong)x[i] & mask;
                        r[i] = amount == 0 ? (long)bits : (long)(((bits << amount) | (bits >> (width - amount))) & mask);
                    }
                    break;
                default: throw new NotSupportedException($"binary op {op} on {dtype.ShortName()}");
            }
        }
        for (var i = 0; i < n; i++) r[i] = DTypeValues.Normalize(r[i], resultType);
        return r;
    }

    /// <summary>uint64 comparisons and min/max: the signed op on order keys (the top bit flipped), keys back to bits.</summary>
    private static long[] UnsignedOrder(BinaryOp op, long[] x, long[] y, DType resultType)
    {
        var keyed = IntegerBinary(op, Keys(x), Keys(y), DType.Int64, resultType == DType.UInt64 ? DType.Int64 : resultType);
        return op is BinaryOp.Max or BinaryOp.Min ? Keys(keyed) : keyed;

        static long[] Keys(long[] v) => Array.ConvertAll(v, e => DTypeValues.OrderKey(e, DType.UInt64));
    }

    /// <summary>uint64 division and remainder; by zero as every unsigned type: all ones, and the dividend.</summary>
    private static long[] UnsignedDivision(BinaryOp op, long[] x, long[] y)
    {
        var r = new long[x.Length];
        for (var i = 0; i < r.Length; i++)
        {
            var (a, b) = ((ulong)x[i], (ulong)y[i]);
            r[i] = b == 0 ? (op == BinaryOp.Div ? -1 : x[i]) : (long)(op == BinaryOp.Div ? a / b : a % b);
        }
        return r;
    }

    /// <summary>Reads the low <paramref name="width"/> bits as a two's-complement number.</summary>
    private static long SignExtend(long value, int width) =>
        width >= 64 ? value : (value << (64 - width)) >> (64 - width);

    /// <summary>The next representable value of <paramref name="dtype"/> after x towards y.</summary>
    private static double NextAfter(double x, double y, DType dtype)
    {
        if (double.IsNaN(x) || double.IsNaN(y)) return double.NaN;
        if (x == y) return y;
        if (dtype == DType.Float64) return x < y ? Math.BitIncrement(x) : Math.BitDecrement(x);
        if (dtype == DType.Float32) return x < y ? MathF.BitIncrement((float)x) : MathF.BitDecrement((float)x);
        // 16-bit floats: step the sign-magnitude bit pattern.
        var bits = BitPatterns.OfFloat(x, dtype);
        if (x == 0) bits = (y > 0 ? 0UL : 0x8000UL) | 1;
        else if (x < y == x > 0) bits++;
        else bits--;
        return BitPatterns.ToFloat(bits, dtype);
    }

    public static Column Select(Column predicate, Column onTrue, Column onFalse)
    {
        var n = predicate.Length;
        var p = predicate.Ints;
        if (onTrue.IsFloat)
        {
            var r = new double[n];
            for (var i = 0; i < n; i++) r[i] = p[i] != 0 ? onTrue.Floats[i] : onFalse.Floats[i];
            return Column.OfFloats(onTrue.DType, r);
        }
        var q = new long[n];
        for (var i = 0; i < n; i++) q[i] = p[i] != 0 ? onTrue.Ints[i] : onFalse.Ints[i];
        return Column.OfInts(onTrue.DType, q);
    }

    public static Column Convert(Column x, DType target)
    {
        var n = x.Length;
        if (x.DType == target) return x;
        if (target.IsFloat())
        {
            var r = new double[n];
            if (x.IsFloat) for (var i = 0; i < n; i++) r[i] = DTypeValues.Round(x.Floats[i], target);
            else for (var i = 0; i < n; i++) r[i] = DTypeValues.IntToFloat(x.Ints[i], x.DType, target);
            return Column.OfFloats(target, r);
        }
        var q = new long[n];
        if (x.IsFloat) for (var i = 0; i < n; i++) q[i] = DTypeValues.Normalize(DTypeValues.FloatToInt(x.Floats[i], target), target);
        else for (var i = 0; i < n; i++) q[i] = DTypeValues.Normalize(x.Ints[i], target);
        return Column.OfInts(target, q);
    }

    public static Column Bitcast(Column x, DType target)
    {
        var n = x.Length;
        if (target.IsFloat())
        {
            var r = new double[n];
            for (var i = 0; i < n; i++)
                r[i] = BitPatterns.ToFloat(BitPatterns.Of(x.IsFloat ? x.Floats[i] : 0, x.IsFloat ? 0 : x.Ints[i], x.DType), target);
            return Column.OfFloats(target, r);
        }
        var q = new long[n];
        for (var i = 0; i < n; i++)
            q[i] = DTypeValues.Normalize((long)BitPatterns.Of(x.IsFloat ? x.Floats[i] : 0, x.IsFloat ? 0 : x.Ints[i], x.DType), target);
        return Column.OfInts(target, q);
    }
}
