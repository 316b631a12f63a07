using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jnp
{
    /// <summary>x + y; booleans add as logical or (NumPy and JAX).</summary>
    public static NDArray Add(NDArray x, NDArray y) =>
        Binary((a, b) => a.DType == DType.Bool ? Lax.BitwiseOr(a, b) : Lax.Add(a, b), x, y, "add");
    public static NDArray Subtract(NDArray x, NDArray y) => Binary(Lax.Sub, x, y, "subtract");
    /// <summary>x * y; booleans multiply as logical and (NumPy and JAX).</summary>
    public static NDArray Multiply(NDArray x, NDArray y) =>
        Binary((a, b) => a.DType == DType.Bool ? Lax.BitwiseAnd(a, b) : Lax.Mul(a, b), x, y, "multiply");

    /// <summary>True division: integers divide as floats.</summary>
    public static NDArray Divide(NDArray x, NDArray y)
    {
        var p = PromoteInexact(x, y);
        var b = BroadcastOperands("divide", p[0], p[1]);
        return Lax.Div(b[0], b[1]);
    }

    public static NDArray TrueDivide(NDArray x, NDArray y) => Divide(x, y);

    /// <summary>Floor division (NumPy's //).</summary>
    public static NDArray FloorDivide(NDArray x, NDArray y)
    {
        var p = Promote(x, y);
        var b = BroadcastOperands("floor_divide", p[0], p[1]);
        if (b[0].DType.IsFloat()) return Lax.Floor(Lax.Div(b[0], b[1]));
        // Truncating division, minus one where the signs differ and the division is inexact.
        var q = Lax.Div(b[0], b[1]);
        if (b[0].DType.IsUnsignedInteger()) return q;
        var inexact = Lax.Ne(Lax.Rem(b[0], b[1]), ZerosLike(q));
        var signsDiffer = Lax.Ne(Lax.Lt(b[0], ZerosLike(b[0])), Lax.Lt(b[1], ZerosLike(b[1])));
        return Lax.Select(Lax.BitwiseAnd(inexact, signsDiffer), Lax.Sub(q, OnesLike(q)), q);
    }

    /// <summary>Remainder with the sign of the divisor (NumPy's %).</summary>
    public static NDArray Remainder(NDArray x, NDArray y)
    {
        var p = Promote(x, y);
        var b = BroadcastOperands("remainder", p[0], p[1]);
        var divisor = NonzeroDivisor(b[1]);
        var r = Lax.Rem(b[0], divisor);
        if (b[0].DType.IsUnsignedInteger()) return r;
        var zero = ZerosLike(r);
        var fix = Lax.BitwiseAnd(Lax.Ne(r, zero), Lax.Ne(Lax.Lt(r, zero), Lax.Lt(divisor, ZerosLike(divisor))));
        return Lax.Select(fix, Lax.Add(r, divisor.Ndim == 0 ? divisor : BroadcastTo(divisor, r.Shape)), r);
    }

    public static NDArray Mod(NDArray x, NDArray y) => Remainder(x, y);

    /// <summary>C's fmod: the remainder with the sign of the dividend.</summary>
    public static NDArray Fmod(NDArray x, NDArray y) => Binary((a, b) => Lax.Rem(a, NonzeroDivisor(b)), x, y, "fmod");

    // Integer x % 0 is x in the kernel IR (XLA's rule); NumPy and JAX give 0, which a divisor of 1 produces.
    private static NDArray NonzeroDivisor(NDArray y) =>
        y.DType.IsFloat() ? y : Lax.Select(Lax.Eq(y, ZerosLike(y)), OnesLike(y), y);

    /// <summary>x to the power y; integer powers are computed in float64 and rounded back (exact below 2^53).</summary>
    public static NDArray Power(NDArray x, NDArray y)
    {
        var p = Promote(x, y);
        var b = BroadcastOperands("power", p[0], p[1]);
        if (b[0].DType.IsInexact()) return Lax.Pow(b[0], b[1]);
        var wide = Lax.Pow(Lax.ConvertElementType(b[0], DType.Float64), Lax.ConvertElementType(b[1], DType.Float64));
        return Lax.ConvertElementType(Lax.Round(wide, toNearestEven: true), b[0].DType, b[0].WeakType);
    }

    /// <summary>
    /// x to a constant integer power, as jnp.power does for a Python int (lax.integer_pow): binary powering by
    /// multiplication, so x^2 is x*x in the kernel rather than a pow, its gradient is n x^(n-1) by the product rule,
    /// and integers stay exact (wrapping as NumPy's do). A negative n takes the reciprocal, for float and complex values only.
    /// </summary>
    public static NDArray Power(NDArray x, int n)
    {
        if (x.DType == DType.Bool) return Power(x, (NDArray)n);
        if (n < 0 && !x.DType.IsInexact())
            throw new ArgumentException($"power: integers to negative integer powers are not allowed ({x.DType} to the {n})", nameof(n));
        NDArray? result = null;
        var square = x;
        for (var k = Math.Abs((long)n); k > 0; k >>= 1)
        {
            if ((k & 1) != 0) result = result is null ? square : Lax.Mul(result, square);
            if (k > 1) square = Lax.Mul(square, square);
        }
        result ??= OnesLike(x);
        return n < 0 ? Lax.Div(OnesLike(result), result) : result;
    }

    /// <summary>The elementwise maximum; complex values in JAX's lexicographic order (see Jnp.ComplexOrder.cs).</summary>
    public static NDArray Maximum(NDArray x, NDArray y) => Binary(Extremum(Lax.Max, Lax.Gt), x, y, "maximum");
    /// <summary>The elementwise minimum; complex values in JAX's lexicographic order.</summary>
    public static NDArray Minimum(NDArray x, NDArray y) => Binary(Extremum(Lax.Min, Lax.Lt), x, y, "minimum");
    public static NDArray Arctan2(NDArray y, NDArray x) => InexactBinary(Lax.Atan2, y, x, "arctan2");
    /// <summary>sqrt(x² + y²); refuses complex operands, as JAX does (|z| is <see cref="Abs"/>).</summary>
    public static NDArray Hypot(NDArray x, NDArray y)
    {
        RequireReal("hypot", x);
        RequireReal("hypot", y, nameof(y));
        return InexactBinary((a, b) => Lax.Sqrt(a * a + b * b), x, y, "hypot");
    }
    public static NDArray Nextafter(NDArray x, NDArray y) => InexactBinary(Lax.NextAfter, x, y, "nextafter");

    /// <summary>log(exp(x) + exp(y)), computed stably; two infinities of one sign give that infinity, as in JAX. Of
    /// complex values, JAX's form: m + log1p(exp(x + y - 2m)) with m the lexicographic maximum, the imaginary part
    /// wrapped into [-π, π].</summary>
    public static NDArray Logaddexp(NDArray x, NDArray y) => InexactBinary((a, b) =>
    {
        if (a.DType.IsComplex())
        {
            var m = Maximum(a, b);
            var sum = m + Log1p(Exp(a + b - m * 2));
            return Lax.Complex(Real(sum), Remainder(Imag(sum) + Math.PI, Full([], 2 * Math.PI, sum.DType.RealPart())) - Math.PI);
        }
        // a - b is NaN for a NaN and for -inf and -inf, where max + log1p(...) would be NaN too; a + b is right there.
        var delta = Lax.Sub(a, b);
        return Lax.Select(Lax.Ne(delta, delta), Lax.Add(a, b), Lax.Max(a, b) + Lax.Log1p(Lax.Exp(-Lax.Abs(delta))));
    }, x, y, "logaddexp");

    public static NDArray Equal(NDArray x, NDArray y) => Binary(Lax.Eq, x, y, "equal");
    public static NDArray NotEqual(NDArray x, NDArray y) => Binary(Lax.Ne, x, y, "not_equal");
    // Complex operands compare lexicographically, as in JAX (see Jnp.ComplexOrder.cs).
    public static NDArray Less(NDArray x, NDArray y) => Binary(Lexicographic(Lax.Lt), x, y, "less");
    public static NDArray LessEqual(NDArray x, NDArray y) => Binary(Lexicographic(Lax.Le), x, y, "less_equal");
    public static NDArray Greater(NDArray x, NDArray y) => Binary(Lexicographic(Lax.Gt), x, y, "greater");
    public static NDArray GreaterEqual(NDArray x, NDArray y) => Binary(Lexicographic(Lax.Ge), x, y, "greater_equal");

    public static NDArray LogicalAnd(NDArray x, NDArray y) => Binary(Lax.BitwiseAnd, ToBool(x), ToBool(y), "logical_and");
    public static NDArray LogicalOr(NDArray x, NDArray y) => Binary(Lax.BitwiseOr, ToBool(x), ToBool(y), "logical_or");
    public static NDArray LogicalXor(NDArray x, NDArray y) => Binary(Lax.BitwiseXor, ToBool(x), ToBool(y), "logical_xor");
    public static NDArray LogicalNot(NDArray x) => Lax.Not(ToBool(x));
    public static NDArray BitwiseAnd(NDArray x, NDArray y) => Binary(Lax.BitwiseAnd, x, y, "bitwise_and");
    public static NDArray BitwiseOr(NDArray x, NDArray y) => Binary(Lax.BitwiseOr, x, y, "bitwise_or");
    public static NDArray BitwiseXor(NDArray x, NDArray y) => Binary(Lax.BitwiseXor, x, y, "bitwise_xor");
    public static NDArray BitwiseNot(NDArray x) => Lax.Not(x);
    public static NDArray Invert(NDArray x) => Lax.Not(x);
    public static NDArray LeftShift(NDArray x, NDArray y) => Binary(Lax.ShiftLeft, x, y, "left_shift");
    public static NDArray RightShift(NDArray x, NDArray y) =>
        Binary((a, b) => a.DType.IsUnsignedInteger() ? Lax.ShiftRightLogical(a, b) : Lax.ShiftRightArithmetic(a, b), x, y, "right_shift");

    public static NDArray Negative(NDArray x) => Lax.Neg(x);
    public static NDArray Positive(NDArray x) => x;
    public static NDArray Abs(NDArray x) => x.DType.IsUnsignedInteger() || x.DType == DType.Bool ? x : Lax.Abs(x);
    public static NDArray Absolute(NDArray x) => Abs(x);
    public static NDArray Sign(NDArray x) => Lax.Sign(x);
    // Integers round to themselves; complex numbers reach the primitive, which refuses them as JAX does.
    public static NDArray Floor(NDArray x) => x.DType.IsInexact() ? Lax.Floor(x) : x;
    public static NDArray Ceil(NDArray x) => x.DType.IsInexact() ? Lax.Ceil(x) : x;
    public static NDArray Trunc(NDArray x)
    {
        RequireReal("trunc", x);
        return x.DType.IsFloat() ? Lax.Select(Lax.Lt(x, ZerosLike(x)), Lax.Ceil(x), Lax.Floor(x)) : x;
    }

    /// <summary>Rounds to <paramref name="decimals"/> places, halves to even (numpy.round); complex values round
    /// each part.</summary>
    public static NDArray Round(NDArray x, int decimals = 0)
    {
        if (x.DType.IsComplex()) return PartWise(x, part => Round(part, decimals));
        if (!x.DType.IsFloat()) return x;
        if (decimals == 0) return Lax.Round(x, toNearestEven: true);
        var scale = Math.Pow(10, decimals);
        return Lax.Round(x * scale, toNearestEven: true) / scale;
    }

    /// <summary>numpy.around: <see cref="Round"/> under its other name.</summary>
    public static NDArray Around(NDArray x, int decimals = 0) => Round(x, decimals);

    /// <summary>Rounds halves to even (complex values: each part); like jnp.rint, integer and bool inputs come back as
    /// the default float.</summary>
    public static NDArray Rint(NDArray x) => x.DType.IsInexact() ? Round(x) : Lax.ConvertElementType(x, TypePromotion.DefaultFloat);
    public static NDArray Sqrt(NDArray x) => InexactUnary(Lax.Sqrt, x);
    public static NDArray Cbrt(NDArray x) => InexactUnary(Lax.Cbrt, x);
    public static NDArray Square(NDArray x) => Lax.Mul(x, x);
    public static NDArray Reciprocal(NDArray x) => InexactUnary(a => Lax.Div(OnesLike(a), a), x);
    public static NDArray Exp(NDArray x) => InexactUnary(Lax.Exp, x);
    /// <summary>2^x; for complex x, e^(x ln 2).</summary>
    public static NDArray Exp2(NDArray x) => x.DType.IsComplex() ? Lax.Exp(x * Math.Log(2)) : InexactUnary(Lax.Exp2, x);
    public static NDArray Expm1(NDArray x) => InexactUnary(Lax.Expm1, x);
    public static NDArray Log(NDArray x) => InexactUnary(Lax.Log, x);
    public static NDArray Log2(NDArray x) => InexactUnary(a => Lax.Log(a) / Math.Log(2), x);
    public static NDArray Log10(NDArray x) => InexactUnary(a => Lax.Log(a) / Math.Log(10), x);
    public static NDArray Log1p(NDArray x) => InexactUnary(Lax.Log1p, x);
    public static NDArray Sin(NDArray x) => InexactUnary(Lax.Sin, x);
    public static NDArray Cos(NDArray x) => InexactUnary(Lax.Cos, x);
    public static NDArray Tan(NDArray x) => InexactUnary(Lax.Tan, x);
    public static NDArray Arcsin(NDArray x) => InexactUnary(Lax.Asin, x);
    public static NDArray Arccos(NDArray x) => InexactUnary(Lax.Acos, x);
    public static NDArray Arctan(NDArray x) => InexactUnary(Lax.Atan, x);
    public static NDArray Sinh(NDArray x) => InexactUnary(Lax.Sinh, x);
    public static NDArray Cosh(NDArray x) => InexactUnary(Lax.Cosh, x);
    public static NDArray Tanh(NDArray x) => InexactUnary(Lax.Tanh, x);
    public static NDArray Arcsinh(NDArray x) => InexactUnary(Lax.Asinh, x);
    public static NDArray Arccosh(NDArray x) => InexactUnary(Lax.Acosh, x);
    public static NDArray Arctanh(NDArray x) => InexactUnary(Lax.Atanh, x);
    public static NDArray Deg2rad(NDArray x) => InexactUnary(a => a * (Math.PI / 180), x);
    public static NDArray Rad2deg(NDArray x) => InexactUnary(a => a * (180 / Math.PI), x);
    public static NDArray Radians(NDArray x) => Deg2rad(x);
    public static NDArray Degrees(NDArray x) => Rad2deg(x);

    /// <summary>sin(pi x) / (pi x), with sinc(0) = 1.</summary>
    public static NDArray Sinc(NDArray x) => InexactUnary(a =>
    {
        var zero = Lax.Eq(a, ZerosLike(a));
        var safe = Lax.Select(zero, OnesLike(a), a) * Math.PI;
        return Lax.Select(zero, OnesLike(a), Lax.Sin(safe) / safe);
    }, x);

    public static NDArray IsNan(NDArray x) => x.DType.IsInexact() ? Lax.Ne(x, x) : Full(x.Shape, false);
    public static NDArray IsFinite(NDArray x) => x.DType.IsInexact() ? Lax.IsFinite(x) : Full(x.Shape, true);
    public static NDArray IsInf(NDArray x) => x.DType.IsInexact() ? Lax.Eq(Lax.Abs(x), Lax.ConvertElementType(Scalar(double.PositiveInfinity), x.DType.RealPart())) : Full(x.Shape, false);

    /// <summary>True where x is +inf; refuses complex x, whose infinities have no sign (as NumPy and JAX).</summary>
    public static NDArray IsPosInf(NDArray x)
    {
        RequireReal("isposinf", x);
        return x.DType.IsFloat() ? Lax.Eq(x, Lax.ConvertElementType(Scalar(double.PositiveInfinity), x.DType)) : Full(x.Shape, false);
    }

    /// <summary>True where x is -inf; refuses complex x.</summary>
    public static NDArray IsNegInf(NDArray x)
    {
        RequireReal("isneginf", x);
        return x.DType.IsFloat() ? Lax.Eq(x, Lax.ConvertElementType(Scalar(double.NegativeInfinity), x.DType)) : Full(x.Shape, false);
    }

    /// <summary>Values clamped to [min, max] (either bound may be null). Complex values have no order: JAX refuses
    /// them, and so does this.</summary>
    public static NDArray Clip(NDArray x, NDArray? min = null, NDArray? max = null)
    {
        RequireReal("clip", x);
        if (min is not null) RequireReal("clip", min, nameof(min));
        if (max is not null) RequireReal("clip", max, nameof(max));
        if (min is not null) x = Maximum(x, min);
        if (max is not null) x = Minimum(x, max);
        return x;
    }

    /// <summary>Elementwise choice: <paramref name="x"/> where <paramref name="condition"/>, else <paramref name="y"/>.</summary>
    public static NDArray Where(NDArray condition, NDArray x, NDArray y)
    {
        var p = Promote(x, y);
        var b = BroadcastOperands("where", ToBool(condition), p[0], p[1]);
        var shape = Shapes.Broadcast("where", Shapes.Broadcast("where", b[0].Aval.Shape, b[1].Aval.Shape), b[2].Aval.Shape);
        NDArray Full(NDArray a) => a.Ndim == 0 && shape.Length > 0 ? BroadcastTo(a, shape) : a;
        return Lax.Select(b[0], Full(b[1]), Full(b[2]));
    }

    /// <summary>
    /// Elementwise, the choice of the first condition that holds, or <paramref name="defaultValue"/> where none does
    /// (numpy.select); conditions and choices broadcast together.
    /// </summary>
    public static NDArray Select(NDArray[] condlist, NDArray[] choicelist, NDArray? defaultValue = null)
    {
        if (condlist.Length != choicelist.Length)
            throw new ArgumentException($"select: condlist must have the length of choicelist ({condlist.Length} vs {choicelist.Length})", nameof(choicelist));
        if (condlist.Length == 0) throw new ArgumentException("select: condlist must not be empty", nameof(condlist));
        var result = defaultValue ?? 0;
        for (var i = condlist.Length - 1; i >= 0; i--) result = Where(condlist[i], choicelist[i], result);
        return result;
    }

    /// <summary>0 where x &lt; 0, 1 where x &gt; 0, h0 where x == 0.</summary>
    public static NDArray Heaviside(NDArray x, NDArray h0)
    {
        var p = PromoteInexact(x, h0);
        var b = BroadcastOperands("heaviside", p[0], p[1]);
        return Where(Less(b[0], 0), 0, Where(Greater(b[0], 0), 1, b[1]));
    }

    private static NDArray ToBool(NDArray x) => x.DType == DType.Bool ? x : Lax.Ne(x, Lax.ConvertElementType(Scalar(0), x.DType));

    private static NDArray InexactBinary(Func<NDArray, NDArray, NDArray> lax, NDArray x, NDArray y, string op)
    {
        var p = PromoteInexact(x, y);
        var b = BroadcastOperands(op, p[0], p[1]);
        return lax(b[0], b[1]);
    }
}
