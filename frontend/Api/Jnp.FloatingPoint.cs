using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// The floating-point ufuncs that take numbers apart: divmod, modf, fix, frexp, ldexp, signbit, copysign,
/// logaddexp2 and float_power. Signs are read from the bits (bitcast_convert_type), as JAX does, so -0.0 and a NaN
/// with its sign bit set count as negative. Exponents are taken apart and put together with arithmetic, exact for
/// every finite value (subnormals included): powers of two are built by multiplying constants 2^(±2^i) picked by the
/// exponent's bits, so no result depends on how a backend rounds exp2 or pow.
/// </summary>
public static partial class Jnp
{
    /// <summary>(x // y, x % y): floor division and the remainder with the divisor's sign, as Python's divmod
    /// (CPython's float_divmod for floats, so that x == q * y + r as closely as rounding allows).</summary>
    public static (NDArray Quotient, NDArray Remainder) Divmod(NDArray x, NDArray y)
    {
        var p = Promote(x, y);
        if (p[0].DType == DType.Bool) throw new ArgumentException("divmod: not defined for booleans");
        if (!p[0].DType.IsFloat()) return (FloorDivide(p[0], p[1]), Remainder(p[0], p[1]));
        var b = BroadcastOperands("divmod", p[0], p[1]);
        var (a, d) = (b[0], b[1]);
        var mod = Lax.Rem(a, d);
        var quotient = Lax.Div(Where(Equal(d, 0), a, a - mod), d);
        var fix = LogicalAnd(NotEqual(mod, 0), NotEqual(Lax.Sign(d), Lax.Sign(mod)));
        return (Lax.Round(Where(fix, quotient - 1, quotient)), Where(fix, mod + d, mod));
    }

    /// <summary>The fractional and integral parts, both with x's sign (numpy.modf); ±inf gives (±0, ±inf).</summary>
    public static (NDArray Fractional, NDArray Integral) Modf(NDArray x)
    {
        x = PromoteInexact(x)[0];
        var whole = Trunc(x);
        return (Where(IsInf(x), Copysign(0.0, x), x - whole), whole);
    }

    /// <summary>Rounds towards zero (numpy.fix); integers are returned unchanged.</summary>
    public static NDArray Fix(NDArray x) => Trunc(x);

    /// <summary>
    /// Mantissa and exponent with x = m * 2^e, 0.5 &lt;= |m| &lt; 1 and e an int32 (numpy.frexp); 0, ±inf and NaN
    /// give (x, 0). The mantissa's derivative is 2^-e, as in JAX.
    /// </summary>
    public static (NDArray Mantissa, NDArray Exponent) Frexp(NDArray x)
    {
        x = PromoteInexact(x)[0];
        var format = FloatFormat.Of(x.DType);
        var special = LogicalOr(Equal(x, 0), LogicalNot(IsFinite(x)));
        var safe = Where(special, 1, x);
        // Subnormals are scaled into the normal range first, where the logarithm is accurate to an ulp.
        var tiny = Less(Abs(safe), Math.ScaleB(1.0, format.MinExponent));
        safe = Where(tiny, safe * Math.ScaleB(1.0, format.Mantissa + 1), safe);
        var estimate = Lax.ConvertElementType(Floor(Log2(Abs(safe))), DType.Int32) + 1;
        var m = TimesPowerOfTwo(safe, -estimate, format);
        // The estimate may be one off either way; one step puts |m| in [0.5, 1).
        var (high, low) = (GreaterEqual(Abs(m), 1), Less(Abs(m), 0.5));
        m = Where(high, m * 0.5, Where(low, m * 2, m));
        var e = estimate + Where(high, 1, Where(low, -1, 0)) - Where(tiny, format.Mantissa + 1, 0);
        return (Where(special, x, m), Where(special, 0, e));
    }

    /// <summary>
    /// x * 2^n for an integer <paramref name="n"/> (numpy.ldexp), rounded once, so results in the subnormal range
    /// are correctly rounded, beyond the largest finite value ±inf; 0, ±inf and NaN are returned unchanged.
    /// </summary>
    public static NDArray Ldexp(NDArray x, NDArray n)
    {
        if (!n.DType.IsInteger())
            throw new ArgumentException($"ldexp: the exponent must be an integer array, got {n.DType}", nameof(n));
        x = PromoteInexact(x)[0];
        var format = FloatFormat.Of(x.DType);
        var (m, e) = Frexp(x);
        // Beyond these bounds the result is 0 or inf whatever the exponent, so clamping first cannot overflow int32.
        var (lowest, highest) = (format.MinExponent - format.Mantissa - 2, format.MaxExponent + 2);
        var shift = Lax.ConvertElementType(Clip(Lax.ConvertElementType(n, x.DType), 2 * lowest, 2 * highest), DType.Int32);
        e = Clip(e + shift, lowest, highest);
        // A subnormal result: scale exactly to just above the normal range, then round once in the last step.
        var last = Where(Less(e, format.MinExponent), format.MinExponent - 1, e);
        var scaled = TimesPowerOfTwo(TimesPowerOfTwo(m, e - last, format), last, format);
        return Where(LogicalOr(Equal(x, 0), LogicalNot(IsFinite(x))), x, scaled);
    }

    /// <summary>Whether the sign bit is set (numpy.signbit): read from the bits, so -0.0 and a NaN with its sign bit
    /// set count. Integers: x &lt; 0; booleans: false.</summary>
    public static NDArray Signbit(NDArray x)
    {
        if (x.DType == DType.Bool) return Full(x.Shape, false);
        if (!x.DType.IsFloat()) return Less(x, 0);
        // No 16-bit integer type: half floats widen first, which keeps the sign bit, NaNs' included.
        var wide = x.DType is DType.Float16 or DType.BFloat16 ? Lax.ConvertElementType(x, DType.Float32) : x;
        return Less(Lax.BitcastConvertType(wide, wide.DType == DType.Float64 ? DType.Int64 : DType.Int32), 0);
    }

    /// <summary>|x| with the sign of y (numpy.copysign), in a float type; y's sign as <see cref="Signbit"/> reads it.</summary>
    public static NDArray Copysign(NDArray x, NDArray y)
    {
        var p = PromoteInexact(x, y);
        var magnitude = Abs(p[0]);
        return Where(Signbit(p[1]), -magnitude, magnitude);
    }

    /// <summary>log2(2^x + 2^y), computed stably; equal infinities give that infinity.</summary>
    public static NDArray Logaddexp2(NDArray x, NDArray y) => InexactBinary((a, b) =>
    {
        var delta = a - b;
        var stable = Lax.Max(a, b) + Lax.Log1p(Lax.Exp2(-Lax.Abs(delta))) / Math.Log(2);
        return Lax.Select(IsNan(delta), a + b, stable);
    }, x, y, "logaddexp2");

    /// <summary>x to the power y in a float type (jnp.float_power: JAX's inexact promotion, not NumPy's float64).</summary>
    public static NDArray FloatPower(NDArray x, NDArray y) => InexactBinary(Lax.Pow, x, y, "float_power");

    /// <summary>x * 2^k for an int32 k, exact while the result is normal: 2^k is split into two halves, each a product
    /// of exact constants, so that neither half overflows before the other scales back.</summary>
    private static NDArray TimesPowerOfTwo(NDArray x, NDArray k, FloatFormat format)
    {
        var half = Lax.Div(k, Full([], 2, DType.Int32));
        return x * PowerOfTwo(half, x.DType, format) * PowerOfTwo(k - half, x.DType, format);
    }

    // 2^k for |k| below the smallest power of two above the largest exponent: the product of 2^(±2^i) over k's set
    // bits, each constant finite.
    private static NDArray PowerOfTwo(NDArray k, DType dtype, FloatFormat format)
    {
        var magnitude = Lax.Abs(k);
        var negative = Less(k, 0);
        NDArray result = Full(k.Shape, 1, dtype);
        for (var bit = 0; (1 << bit) <= format.MaxExponent; bit++)
        {
            var set = NotEqual(Lax.BitwiseAnd(magnitude, Full([], 1 << bit, DType.Int32)), 0);
            // Typed constants: a select of the weak literals would round them to the default float first.
            var (down, up) = (Lax.ConvertElementType(Math.ScaleB(1.0, -(1 << bit)), dtype), Lax.ConvertElementType(Math.ScaleB(1.0, 1 << bit), dtype));
            result = Where(set, result * Where(negative, down, up), result);
        }
        return result;
    }

    /// <summary>A float dtype's explicit mantissa bits and smallest and largest normal exponents (numpy's finfo
    /// nmant, minexp, maxexp - 1).</summary>
    private readonly record struct FloatFormat(int Mantissa, int MinExponent, int MaxExponent)
    {
        public static FloatFormat Of(DType dtype) => dtype switch
        {
            DType.Float64 => new(52, -1022, 1023),
            DType.Float32 => new(23, -126, 127),
            DType.BFloat16 => new(7, -126, 127),
            DType.Float16 => new(10, -14, 15),
            _ => throw new ArgumentException($"not a float dtype: {dtype}"),
        };
    }
}
