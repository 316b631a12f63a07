using System.Globalization;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Vulkan.Codegen;

/// <summary>
/// The kernel IR's integer ops at every width (i8, i16, i32, i64, u8, u16, u32, u64) as GLSL over register values.
/// The narrow types live in 32-bit registers held in their range: i8 and i16 sign-extended in an int, u8 and u16
/// masked in a uint, so an op that can leave the range (add, sub, mul, neg, abs, div, shifts) is followed by
/// <see cref="Wrap"/>, which is two's complement wraparound. Division by zero gives all bits set (-1), the quotient
/// INT_MIN / -1 wraps to INT_MIN, x % 0 = x; shift amounts are read as unsigned of the operand's width, so one past
/// the width (or negative) shifts everything out; rotates take the amount modulo the width.
/// </summary>
internal static class IntegerOps
{
    /// <summary>A register value (an expression of wider range) brought back into <paramref name="t"/>'s range.</summary>
    public static string Wrap(DType t, string x) => t switch
    {
        DType.Int8 => $"((({x}) << 24) >> 24)",
        DType.Int16 => $"((({x}) << 16) >> 16)",
        DType.UInt8 => $"(({x}) & 0xFFu)",
        DType.UInt16 => $"(({x}) & 0xFFFFu)",
        _ => x,
    };

    private static bool Wide(DType t) => t.BitWidth() == 64;

    /// <summary>The width as a literal of the type shift amounts are compared in (uint, or uint64_t for 64 bits).</summary>
    private static string Width(DType t, int minus = 0) =>
        (t.BitWidth() - minus).ToString(CultureInfo.InvariantCulture) + (Wide(t) ? "UL" : "u");

    /// <summary>The value's bit pattern as an unsigned register (uint, or uint64_t), zero-extended from its width.</summary>
    private static string Pattern(DType t, string x) => t switch
    {
        DType.Int8 => $"(uint({x}) & 0xFFu)",
        DType.Int16 => $"(uint({x}) & 0xFFFFu)",
        DType.Int32 => $"uint({x})",
        DType.Int64 => $"uint64_t({x})",
        _ => x,
    };

    /// <summary>An unsigned bit pattern of <paramref name="t"/>'s width back as the register value.</summary>
    private static string FromPattern(DType t, string u) => t switch
    {
        DType.Int8 or DType.Int16 => Wrap(t, $"int({u})"),
        DType.Int32 => $"int({u})",
        DType.Int64 => $"int64_t({u})",
        _ => u,
    };

    /// <summary>A count (popcount, clz: an int) as the register value.</summary>
    private static string FromCount(DType t, string count) => $"{GlslTypes.Reg(t)}({count})";

    public static string Unary(UnaryOp op, DType t, string x)
    {
        var zero = GlslTypes.Lit(t, 0);
        var signed = t.IsSignedInteger();
        return op switch
        {
            UnaryOp.Neg => signed ? Wrap(t, $"(-{x})") : Wrap(t, $"({zero} - {x})"),
            UnaryOp.Abs => signed ? Wrap(t, $"({x} < {zero} ? -{x} : {x})") : x,
            UnaryOp.Sign => signed
                ? $"({x} > {zero} ? {GlslTypes.Lit(t, 1)} : ({x} < {zero} ? {GlslTypes.Lit(t, -1)} : {zero}))"
                : $"({x} > {zero} ? {GlslTypes.Lit(t, 1)} : {zero})",
            // ~ keeps a sign-extended value sign-extended; unsigned narrow values lose their high ones to the mask.
            UnaryOp.Not => signed ? $"(~{x})" : Wrap(t, $"(~{x})"),
            UnaryOp.PopCount => Wide(t)
                ? FromCount(t, $"bitCount(uint(uint64_t({x}) & 0xFFFFFFFFUL)) + bitCount(uint(uint64_t({x}) >> 32))")
                : FromCount(t, $"bitCount({Pattern(t, x)})"),
            UnaryOp.Clz => Wide(t)
                ? FromCount(t, $"uint(uint64_t({x}) >> 32) != 0u ? 31 - findMSB(uint(uint64_t({x}) >> 32)) : 63 - findMSB(uint(uint64_t({x}) & 0xFFFFFFFFUL))")
                // findMSB(0) is -1, so zero counts the whole width.
                : FromCount(t, $"{t.BitWidth() - 1} - findMSB({Pattern(t, x)})"),
            _ => throw new NotSupportedException($"{op} on {t.ShortName()}"),
        };
    }

    public static string Binary(ShaderWriter w, BinaryOp op, DType t, string a, string b)
    {
        var zero = GlslTypes.Lit(t, 0);
        var amount = Pattern(t, b);
        return op switch
        {
            BinaryOp.Add => Wrap(t, $"({a} + {b})"),
            BinaryOp.Sub => Wrap(t, $"({a} - {b})"),
            BinaryOp.Mul => Wrap(t, $"({a} * {b})"),
            BinaryOp.Div => Div(w, t, a, b),
            BinaryOp.Rem => Rem(w, t, a, b),
            BinaryOp.Max => $"max({a}, {b})",
            BinaryOp.Min => $"min({a}, {b})",
            BinaryOp.And => $"({a} & {b})",
            BinaryOp.Or => $"({a} | {b})",
            BinaryOp.Xor => $"({a} ^ {b})",
            BinaryOp.ShiftLeft => $"({amount} >= {Width(t)} ? {zero} : {Wrap(t, $"({a} << {amount})")})",
            BinaryOp.ShiftRightLogical => $"({amount} >= {Width(t)} ? {zero} : {FromPattern(t, $"({Pattern(t, a)} >> {amount})")})",
            BinaryOp.ShiftRightArithmetic => ShiftRightArithmetic(t, a, $"min({amount}, {Width(t, 1)})"),
            BinaryOp.RotateLeft or BinaryOp.RotateRight => Rotate(op == BinaryOp.RotateLeft, t, a, amount),
            _ => throw new NotSupportedException($"{op} on {t.ShortName()}"),
        };
    }

    // Shifting in the sign: signed registers are already sign-extended; unsigned ones are read as their signed twin.
    private static string ShiftRightArithmetic(DType t, string a, string n) => t switch
    {
        DType.Int8 or DType.Int16 or DType.Int32 or DType.Int64 => $"({a} >> {n})",
        DType.UInt8 => $"(uint(((int({a}) << 24) >> 24) >> {n}) & 0xFFu)",
        DType.UInt16 => $"(uint(((int({a}) << 16) >> 16) >> {n}) & 0xFFFFu)",
        DType.UInt32 => $"uint(int({a}) >> {n})",
        DType.UInt64 => $"uint64_t(int64_t({a}) >> {n})",
        _ => throw new NotSupportedException($"shift_right_arithmetic on {t.ShortName()}"),
    };

    private static string Rotate(bool left, DType t, string a, string amount)
    {
        var width = Width(t);
        var u = Pattern(t, a);
        var n = $"({amount} % {width})";
        var back = $"(({width} - {n}) % {width})";
        var rotated = left ? $"(({u} << {n}) | ({u} >> {back}))" : $"(({u} >> {n}) | ({u} << {back}))";
        // The narrow patterns' bits shifted past their width are masked off before the value returns.
        var masked = t.BitWidth() < 32 ? $"({rotated} & {GlslTypes.IntLiteral(t.IsSignedInteger() ? Unsigned(t) : t, -1)})" : rotated;
        return FromPattern(t, masked);
    }

    private static DType Unsigned(DType t) => t switch
    {
        DType.Int8 => DType.UInt8,
        DType.Int16 => DType.UInt16,
        DType.Int32 => DType.UInt32,
        DType.Int64 => DType.UInt64,
        _ => t,
    };

    private static string Div(ShaderWriter w, DType t, string a, string b)
    {
        if (t.IsUnsignedInteger()) return $"({b} == {GlslTypes.Lit(t, 0)} ? {GlslTypes.IntLiteral(t, -1)} : {a} / {b})";
        if (Wide(t))
            return $"{w.Helper("jx_div_i64", () => "int64_t jx_div_i64(int64_t a, int64_t b) { if (b == int64_t(0)) return int64_t(-1); if (b == int64_t(-1)) return -a; return a / b; }")}({a}, {b})";
        // -INT_MIN wraps to INT_MIN at 32 bits; the narrow widths wrap their 32-bit quotient (-(-128) = 128 -> -128).
        return Wrap(t, $"{w.Helper("jx_div_i32", () => "int jx_div_i32(int a, int b) { if (b == 0) return -1; if (b == -1) return -a; return a / b; }")}({a}, {b})");
    }

    // Truncating remainder (sign of the dividend), computed from the quotient: GLSL's % is undefined for negatives.
    private static string Rem(ShaderWriter w, DType t, string a, string b)
    {
        if (t.IsUnsignedInteger()) return $"({b} == {GlslTypes.Lit(t, 0)} ? {a} : {a} % {b})";
        if (Wide(t))
            return $"{w.Helper("jx_rem_i64", () => "int64_t jx_rem_i64(int64_t a, int64_t b) { if (b == int64_t(0)) return a; if (b == int64_t(-1)) return int64_t(0); return a - (a / b) * b; }")}({a}, {b})";
        return $"{w.Helper("jx_rem_i32", () => "int jx_rem_i32(int a, int b) { if (b == 0) return a; if (b == -1) return 0; return a - (a / b) * b; }")}({a}, {b})";
    }

    /// <summary>Integer to integer: the low bits of the source's two's complement value (wraparound).</summary>
    public static string Convert(DType from, DType to, string x)
    {
        if (Wide(to))
        {
            // Widening: sign-extend the signed registers (all of i8, i16 and i32 live sign-extended in an int).
            var wide = Wide(from) ? x : from.IsSignedInteger() ? OpRenderer.SignExtend(x) : $"uint64_t({x})";
            return $"{GlslTypes.Reg(to)}({wide})";
        }
        // Narrowing from 64 bits keeps the low word; between 32-bit registers int() and uint() keep the bits.
        var low = Wide(from) ? $"uint(uint64_t({x}) & 0xFFFFFFFFUL)" : x;
        return Wrap(to, $"{GlslTypes.Reg(to)}({low})");
    }

    /// <summary>
    /// Float to integer: truncate toward zero, saturate at the target's range, NaN to 0 (cpu-simd's
    /// CreateSaturating). The bounds are powers of two, exact in every float type.
    /// </summary>
    public static string FromFloat(ShaderWriter w, DType from, DType to, string x)
    {
        var ft = GlslTypes.Reg(from);
        var name = $"jx_{ft}_to_{to.ShortName()}";
        var (lo, hi) = to switch
        {
            DType.Int8 => ("-128.0", "128.0"),
            DType.Int16 => ("-32768.0", "32768.0"),
            DType.Int32 => ("-2147483648.0", "2147483648.0"),
            DType.Int64 => ("-9223372036854775808.0", "9223372036854775808.0"),
            DType.UInt8 => ("0.0", "256.0"),
            DType.UInt16 => ("0.0", "65536.0"),
            DType.UInt32 => ("0.0", "4294967296.0"),
            DType.UInt64 => ("0.0", "18446744073709551616.0"),
            _ => throw new NotSupportedException($"convert {from.ShortName()} to {to.ShortName()}"),
        };
        var suffix = ft == "double" ? "LF" : "";
        var rt = GlslTypes.Reg(to);
        w.Helper(name, () =>
            $"{rt} {name}({ft} x) {{ if (isnan(x)) return {GlslTypes.Lit(to, 0)}; {ft} t = trunc(x); " +
            $"if (t <= {lo}{suffix}) return {GlslTypes.Lowest(to)}; if (t >= {hi}{suffix}) return {GlslTypes.Highest(to)}; return {rt}(t); }}");
        return $"{name}({x})";
    }
}
