using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Vulkan.Codegen;

/// <summary>
/// Renders scalar ops, conversions and bitcasts of the kernel IR to GLSL expressions over register values,
/// with the IR's semantics: NaN-propagating max/min, C's fmod, integer division by zero giving -1, shifts past
/// the width giving 0 or the sign fill, saturating float-to-integer conversion. uint8 lives in a uint register
/// and is masked after every op that can leave [0, 255].
/// </summary>
internal static class OpRenderer
{
    public static string Unary(ShaderWriter w, UnaryOp op, DType t, string x)
    {
        if (t.IsFloat()) return t == DType.Float64 ? UnaryDouble(w, op, x) : UnaryFloat(w, op, x);
        var bits = t.BitWidth();
        return op switch
        {
            UnaryOp.Neg => t switch
            {
                DType.UInt8 => $"((0u - {x}) & 0xFFu)",
                DType.Bool => x,
                _ => $"(-{x})",
            },
            UnaryOp.Abs => t is DType.Int32 or DType.Int64 ? $"({x} < {GlslTypes.Lit(t, 0)} ? -{x} : {x})" : x,
            UnaryOp.Sign => t switch
            {
                DType.Bool => x,
                DType.Int32 or DType.Int64 => $"({x} > {GlslTypes.Lit(t, 0)} ? {GlslTypes.Lit(t, 1)} : ({x} < {GlslTypes.Lit(t, 0)} ? {GlslTypes.Lit(t, -1)} : {GlslTypes.Lit(t, 0)}))",
                _ => $"({x} > 0u ? 1u : 0u)",
            },
            UnaryOp.Not => t switch
            {
                DType.Bool => $"(!{x})",
                DType.UInt8 => $"(~{x} & 0xFFu)",
                _ => $"(~{x})",
            },
            UnaryOp.PopCount => t switch
            {
                DType.Int32 => $"bitCount({x})",
                DType.Int64 => $"int64_t(bitCount(uint(uint64_t({x}) & 0xFFFFFFFFUL)) + bitCount(uint(uint64_t({x}) >> 32)))",
                _ => $"uint(bitCount({x}))",
            },
            UnaryOp.Clz => t switch
            {
                DType.Int32 => $"(31 - findMSB(uint({x})))",
                DType.UInt32 => $"uint(31 - findMSB({x}))",
                DType.UInt8 => $"uint(7 - findMSB({x}))",
                DType.Int64 => $"int64_t(uint(uint64_t({x}) >> 32) != 0u ? 31 - findMSB(uint(uint64_t({x}) >> 32)) : 63 - findMSB(uint(uint64_t({x}) & 0xFFFFFFFFUL)))",
                _ => throw Unsupported(op, t),
            },
            _ => throw Unsupported(op, t, bits),
        };
    }

    private static string UnaryFloat(ShaderWriter w, UnaryOp op, string x) => op switch
    {
        UnaryOp.Neg => $"(-{x})",
        UnaryOp.Abs => $"abs({x})",
        // Zero (and a subnormal a flushing driver compares as zero) gives zero of its sign; NaN stays NaN.
        UnaryOp.Sign => $"({x} > 0.0 ? 1.0 : ({x} < 0.0 ? -1.0 : (isnan({x}) ? {x} : uintBitsToFloat(floatBitsToUint({x}) & 0x80000000u))))",
        UnaryOp.Floor => $"floor({x})",
        UnaryOp.Ceil => $"ceil({x})",
        UnaryOp.Round => $"{FloatHelpers.Round(w, "float")}({x})",
        UnaryOp.RoundEven => $"roundEven({x})",
        UnaryOp.Sqrt => $"sqrt({x})",
        UnaryOp.Rsqrt => $"(1.0 / sqrt({x}))",
        UnaryOp.Cbrt => $"{FloatHelpers.Cbrt(w)}({x})",
        UnaryOp.Exp => $"exp({x})",
        UnaryOp.Exp2 => $"exp2({x})",
        UnaryOp.Log => $"{FloatHelpers.Log(w)}({x})",
        UnaryOp.Log1p => $"{FloatHelpers.Log1p(w)}({x})",
        UnaryOp.Expm1 => $"{FloatHelpers.Expm1(w)}({x})",
        UnaryOp.Sin => $"{TrigHelpers.Sin(w)}({x})",
        UnaryOp.Cos => $"{TrigHelpers.Cos(w)}({x})",
        UnaryOp.Tan => $"{TrigHelpers.Tan(w)}({x})",
        UnaryOp.Asin => $"{FloatHelpers.Asin(w)}({x})",
        UnaryOp.Acos => $"{FloatHelpers.Acos(w)}({x})",
        UnaryOp.Atan => $"{FloatHelpers.Atan(w)}({x})",
        UnaryOp.Sinh => $"{FloatHelpers.Sinh(w)}({x})",
        UnaryOp.Cosh => $"{FloatHelpers.Cosh(w)}({x})",
        UnaryOp.Tanh => $"{FloatHelpers.Tanh(w)}({x})",
        UnaryOp.Asinh => $"{FloatHelpers.Asinh(w)}({x})",
        UnaryOp.Acosh => $"{FloatHelpers.Acosh(w)}({x})",
        UnaryOp.Atanh => $"{FloatHelpers.Atanh(w)}({x})",
        UnaryOp.Logistic => $"(1.0 / (1.0 + exp(-{x})))",
        UnaryOp.Erf => $"{FloatHelpers.Erf(w)}({x})",
        UnaryOp.ErfInv => $"{FloatHelpers.ErfInv(w)}({x})",
        UnaryOp.Lgamma => $"{FloatHelpers.Lgamma(w)}({x})",
        UnaryOp.Digamma => $"{FloatHelpers.Digamma(w)}({x})",
        UnaryOp.IsFinite => $"(!(isnan({x}) || isinf({x})))",
        _ => throw Unsupported(op, DType.Float32),
    };

    /// <summary>
    /// float64 ops: GLSL has double arithmetic, sqrt and rounding but no double transcendentals, so those are
    /// software helpers (DoubleCoreHelpers and its siblings) emitted into the shader on first use.
    /// </summary>
    private static string UnaryDouble(ShaderWriter w, UnaryOp op, string x) => op switch
    {
        UnaryOp.Neg => $"(-{x})",
        UnaryOp.Abs => $"abs({x})",
        UnaryOp.Sign => $"({x} > 0.0LF ? 1.0LF : ({x} < 0.0LF ? -1.0LF : {x}))",
        UnaryOp.Floor => $"floor({x})",
        UnaryOp.Ceil => $"ceil({x})",
        UnaryOp.Round => $"{FloatHelpers.Round(w, "double")}({x})",
        UnaryOp.RoundEven => $"roundEven({x})",
        UnaryOp.Sqrt => $"sqrt({x})",
        UnaryOp.Rsqrt => $"(1.0LF / sqrt({x}))",
        UnaryOp.IsFinite => $"(!(isnan({x}) || isinf({x})))",
        UnaryOp.Cbrt => $"{DoubleHyperbolicHelpers.Cbrt(w)}({x})",
        UnaryOp.Exp => $"{DoubleCoreHelpers.Exp(w)}({x})",
        UnaryOp.Exp2 => $"{DoubleCoreHelpers.Exp2(w)}({x})",
        UnaryOp.Log => $"{DoubleCoreHelpers.Log(w)}({x})",
        UnaryOp.Log1p => $"{DoubleCoreHelpers.Log1p(w)}({x})",
        UnaryOp.Expm1 => $"{DoubleCoreHelpers.Expm1(w)}({x})",
        UnaryOp.Logistic => $"{DoubleCoreHelpers.Logistic(w)}({x})",
        UnaryOp.Sin => $"{DoubleTrigHelpers.Sin(w)}({x})",
        UnaryOp.Cos => $"{DoubleTrigHelpers.Cos(w)}({x})",
        UnaryOp.Tan => $"{DoubleTrigHelpers.Tan(w)}({x})",
        UnaryOp.Asin => $"{DoubleTrigHelpers.Asin(w)}({x})",
        UnaryOp.Acos => $"{DoubleTrigHelpers.Acos(w)}({x})",
        UnaryOp.Atan => $"{DoubleTrigHelpers.Atan(w)}({x})",
        UnaryOp.Sinh => $"{DoubleHyperbolicHelpers.Sinh(w)}({x})",
        UnaryOp.Cosh => $"{DoubleHyperbolicHelpers.Cosh(w)}({x})",
        UnaryOp.Tanh => $"{DoubleHyperbolicHelpers.Tanh(w)}({x})",
        UnaryOp.Asinh => $"{DoubleHyperbolicHelpers.Asinh(w)}({x})",
        UnaryOp.Acosh => $"{DoubleHyperbolicHelpers.Acosh(w)}({x})",
        UnaryOp.Atanh => $"{DoubleHyperbolicHelpers.Atanh(w)}({x})",
        UnaryOp.Erf => $"{DoubleSpecialHelpers.Erf(w)}({x})",
        UnaryOp.ErfInv => $"{DoubleSpecialHelpers.ErfInv(w)}({x})",
        UnaryOp.Lgamma => $"{DoubleSpecialHelpers.Lgamma(w)}({x})",
        UnaryOp.Digamma => $"{DoubleSpecialHelpers.Digamma(w)}({x})",
        _ => throw Unsupported(op, DType.Float64),
    };

    public static string Binary(ShaderWriter w, BinaryOp op, DType t, string a, string b)
    {
        if (op.IsComparison()) return Compare(op, t, a, b);
        if (t.IsFloat()) return BinaryFloat(w, op, t, a, b);
        if (t == DType.Bool) return BinaryBool(op, a, b);
        var mask = t == DType.UInt8 ? " & 0xFFu" : "";
        var width = t.BitWidth();
        return op switch
        {
            BinaryOp.Add => $"(({a} + {b}){mask})",
            BinaryOp.Sub => $"(({a} - {b}){mask})",
            BinaryOp.Mul => $"(({a} * {b}){mask})",
            BinaryOp.Div => IntDiv(w, t, a, b),
            BinaryOp.Rem => IntRem(w, t, a, b),
            BinaryOp.Max => $"max({a}, {b})",
            BinaryOp.Min => $"min({a}, {b})",
            BinaryOp.And => $"({a} & {b})",
            BinaryOp.Or => $"({a} | {b})",
            BinaryOp.Xor => $"({a} ^ {b})",
            BinaryOp.ShiftLeft => $"({Amount(t, b)} >= {width}u ? {GlslTypes.Lit(t, 0)} : (({a} << {b}){mask}))",
            BinaryOp.ShiftRightLogical => t switch
            {
                DType.Int32 => $"(uint({b}) >= 32u ? 0 : int(uint({a}) >> uint({b})))",
                DType.Int64 => $"(uint64_t({b}) >= 64UL ? int64_t(0) : int64_t(uint64_t({a}) >> uint64_t({b})))",
                _ => $"({b} >= {width}u ? 0u : ({a} >> {b}))",
            },
            BinaryOp.ShiftRightArithmetic => t switch
            {
                DType.Int32 => $"({a} >> min(uint({b}), 31u))",
                DType.Int64 => $"({a} >> min(uint64_t({b}), 63UL))",
                DType.UInt32 => $"uint(int({a}) >> min({b}, 31u))",
                _ => $"(uint((int({a} << 24) >> 24) >> min({b}, 7u)) & 0xFFu)",
            },
            BinaryOp.RotateLeft or BinaryOp.RotateRight => Rotate(op == BinaryOp.RotateLeft, t, a, b),
            _ => throw Unsupported(op, t),
        };
    }

    private static string Amount(DType t, string b) => t switch
    {
        DType.Int32 => $"uint({b})",
        DType.Int64 => $"uint64_t({b})",
        _ => b,
    };

    private static string Rotate(bool left, DType t, string a, string b)
    {
        // Rotate the unsigned bit pattern; the amount is taken modulo the width.
        var (u, width, back, mask) = t switch
        {
            DType.Int32 => ($"uint({a})", "32u", "int", ""),
            DType.UInt32 => (a, "32u", "", ""),
            DType.UInt8 => (a, "8u", "", " & 0xFFu"),
            DType.Int64 => ($"uint64_t({a})", "64UL", "int64_t", ""),
            _ => throw Unsupported(left ? BinaryOp.RotateLeft : BinaryOp.RotateRight, t),
        };
        var n = t == DType.Int64 ? $"(uint64_t({b}) % {width})" : $"(uint({b}) % {width})";
        var back1 = t == DType.Int64 ? $"(({width} - {n}) % {width})" : $"(({width} - {n}) % {width})";
        var expr = left ? $"((({u} << {n}) | ({u} >> {back1})){mask})" : $"((({u} >> {n}) | ({u} << {back1})){mask})";
        return back.Length == 0 ? expr : $"{back}{expr}";
    }

    private static string IntDiv(ShaderWriter w, DType t, string a, string b) => t switch
    {
        DType.Int32 => $"{w.Helper("jx_div_i32", () => "int jx_div_i32(int a, int b) { if (b == 0) return -1; if (b == -1) return -a; return a / b; }")}({a}, {b})",
        DType.Int64 => $"{w.Helper("jx_div_i64", () => "int64_t jx_div_i64(int64_t a, int64_t b) { if (b == int64_t(0)) return int64_t(-1); if (b == int64_t(-1)) return -a; return a / b; }")}({a}, {b})",
        DType.UInt8 => $"({b} == 0u ? 0xFFu : {a} / {b})",
        _ => $"({b} == 0u ? 0xFFFFFFFFu : {a} / {b})",
    };

    // Truncating remainder (sign of the dividend), computed from the quotient: GLSL's % is undefined for negatives.
    private static string IntRem(ShaderWriter w, DType t, string a, string b) => t switch
    {
        DType.Int32 => $"{w.Helper("jx_rem_i32", () => "int jx_rem_i32(int a, int b) { if (b == 0) return a; if (b == -1) return 0; return a - (a / b) * b; }")}({a}, {b})",
        DType.Int64 => $"{w.Helper("jx_rem_i64", () => "int64_t jx_rem_i64(int64_t a, int64_t b) { if (b == int64_t(0)) return a; if (b == int64_t(-1)) return int64_t(0); return a - (a / b) * b; }")}({a}, {b})",
        _ => $"({b} == 0u ? {a} : {a} % {b})",
    };

    private static string BinaryBool(BinaryOp op, string a, string b) => op switch
    {
        BinaryOp.And or BinaryOp.Mul or BinaryOp.Min => $"({a} && {b})",
        BinaryOp.Or or BinaryOp.Add or BinaryOp.Max => $"({a} || {b})",
        BinaryOp.Xor or BinaryOp.Sub => $"({a} != {b})",
        _ => throw Unsupported(op, DType.Bool),
    };

    private static string BinaryFloat(ShaderWriter w, BinaryOp op, DType t, string a, string b)
    {
        var type = GlslTypes.Reg(t);
        var isDouble = t == DType.Float64;
        return op switch
        {
            BinaryOp.Add => $"({a} + {b})",
            BinaryOp.Sub => $"({a} - {b})",
            BinaryOp.Mul => $"({a} * {b})",
            BinaryOp.Div => t is DType.Float32 or DType.BFloat16 ? $"{FloatHelpers.Div(w)}({a}, {b})" : $"({a} / {b})",
            BinaryOp.Rem => $"{FmodHelpers.Fmod(w, type)}({a}, {b})",
            BinaryOp.Max => $"{FloatHelpers.Max(w, type)}({a}, {b})",
            BinaryOp.Min => $"{FloatHelpers.Min(w, type)}({a}, {b})",
            BinaryOp.Pow => isDouble ? $"{DoublePowHelpers.Pow(w)}({a}, {b})" : $"{PowHelpers.Pow(w)}({a}, {b})",
            BinaryOp.Atan2 => isDouble ? $"{DoubleTrigHelpers.Atan2(w)}({a}, {b})" : $"{FloatHelpers.Atan2(w)}({a}, {b})",
            BinaryOp.NextAfter => t switch
            {
                DType.Float64 => $"{FloatHelpers.NextAfterDouble(w)}({a}, {b})",
                DType.Float16 or DType.BFloat16 => $"{FloatHelpers.NextAfter16(w, t == DType.BFloat16)}({a}, {b})",
                _ => $"{FloatHelpers.NextAfter(w)}({a}, {b})",
            },
            _ => throw Unsupported(op, t),
        };
    }

    private static string Compare(BinaryOp op, DType t, string a, string b)
    {
        if (t == DType.Bool) (a, b) = ($"int({a})", $"int({b})");
        return op switch
        {
            BinaryOp.Eq => $"({a} == {b})",
            // !(a == b) so that NaN != x is true whatever glslang picks for !=.
            BinaryOp.Ne => $"(!({a} == {b}))",
            BinaryOp.Lt => $"({a} < {b})",
            BinaryOp.Le => $"({a} <= {b})",
            BinaryOp.Gt => $"({a} > {b})",
            BinaryOp.Ge => $"({a} >= {b})",
            _ => throw Unsupported(op, t),
        };
    }

    /// <summary>
    /// int32 to int64 from its two words. lavapipe miscompiles <c>int64_t(x) &lt; c</c> for a constant c (every
    /// value compared false; <c>&gt; c</c> true), so a plain sign extension feeding a comparison gave wrong masks
    /// (concatenate's pieces, int64 comparisons of converted int32 data); packing the words keeps the extension
    /// out of the pattern it folds.
    /// </summary>
    public static string SignExtend(string x) => $"packInt2x32(ivec2({x}, {x} >> 31))";

    /// <summary>Numeric conversion with the IR's rules (saturating float to integer, NaN to 0, x != 0 to bool).</summary>
    public static string Convert(ShaderWriter w, DType from, DType to, string x)
    {
        if (from == to) return x;
        if (to == DType.Bool) return from.IsFloat() ? $"(!({x} == {GlslTypes.Lit(from, 0)}))" : $"({x} != {GlslTypes.Lit(from, 0)})";
        if (from == DType.Bool) return $"({x} ? {GlslTypes.Lit(to, 1)} : {GlslTypes.Lit(to, 0)})";
        if (to.IsFloat())
        {
            var value = from.IsFloat() || to == DType.Float64 || from == DType.Float64
                ? $"{GlslTypes.Reg(to)}({x})"
                : $"float({x})";
            return to switch
            {
                DType.Float16 => $"unpackHalf2x16(packHalf2x16(vec2({value}, 0.0))).x",
                DType.BFloat16 => $"uintBitsToFloat({FloatHelpers.Bf16Bits(w)}({value}) << 16)",
                _ => value,
            };
        }
        if (from.IsFloat()) return FloatToInt(w, from, to, x);
        return to switch
        {
            DType.UInt8 => from == DType.Int64 ? $"(uint(uint64_t({x}) & 0xFFUL))" : $"(uint({x}) & 0xFFu)",
            DType.Int32 => from == DType.Int64 ? $"int(uint(uint64_t({x}) & 0xFFFFFFFFUL))" : $"int({x})",
            DType.UInt32 => from == DType.Int64 ? $"uint(uint64_t({x}) & 0xFFFFFFFFUL)" : $"uint({x})",
            DType.Int64 => from == DType.Int32 ? SignExtend(x) : $"int64_t({x})",
            _ => throw new NotSupportedException($"convert {from.ShortName()} to {to.ShortName()}"),
        };
    }

    private static string FloatToInt(ShaderWriter w, DType from, DType to, string x)
    {
        var ft = GlslTypes.Reg(from);
        var name = $"jx_{ft}_to_{to.ShortName()}";
        var (lo, hi, loLit, hiLit) = to switch
        {
            DType.Int32 => ("-2147483648.0", "2147483648.0", "int(0x80000000u)", "0x7FFFFFFF"),
            DType.UInt32 => ("0.0", "4294967296.0", "0u", "0xFFFFFFFFu"),
            DType.UInt8 => ("0.0", "256.0", "0u", "255u"),
            DType.Int64 => ("-9223372036854775808.0", "9223372036854775808.0", "int64_t(0x8000000000000000UL)", "int64_t(0x7FFFFFFFFFFFFFFFUL)"),
            _ => throw new NotSupportedException($"convert {from.ShortName()} to {to.ShortName()}"),
        };
        var suffix = ft == "double" ? "LF" : "";
        var rt = GlslTypes.Reg(to);
        // Truncate first, then saturate: the bounds are powers of two, exact in every float type.
        w.Helper(name, () =>
            $"{rt} {name}({ft} x) {{ if (isnan(x)) return {GlslTypes.Lit(to, 0)}; {ft} t = trunc(x); " +
            $"if (t <= {lo}{suffix}) return {loLit}; if (t >= {hi}{suffix}) return {hiLit}; return {rt}(t); }}");
        return $"{name}({x})";
    }

    /// <summary>Same-width reinterpretation.</summary>
    public static string Bitcast(DType from, DType to, string x)
    {
        if (from == to) return x;
        return (from, to) switch
        {
            (DType.Float32, DType.Int32) => $"floatBitsToInt({x})",
            (DType.Float32, DType.UInt32) => $"floatBitsToUint({x})",
            (DType.Int32, DType.Float32) => $"intBitsToFloat({x})",
            (DType.UInt32, DType.Float32) => $"uintBitsToFloat({x})",
            (DType.Int32, DType.UInt32) => $"uint({x})",
            (DType.UInt32, DType.Int32) => $"int({x})",
            (DType.Float64, DType.Int64) => $"doubleBitsToInt64({x})",
            (DType.Int64, DType.Float64) => $"int64BitsToDouble({x})",
            (DType.UInt8, DType.Bool) => $"({x} != 0u)",
            (DType.Bool, DType.UInt8) => $"({x} ? 1u : 0u)",
            // 16-bit floats live in float registers holding their exact values: move the 16 bits across formats.
            (DType.Float16, DType.BFloat16) => $"uintBitsToFloat((packHalf2x16(vec2({x}, 0.0)) & 0xFFFFu) << 16)",
            (DType.BFloat16, DType.Float16) => $"unpackHalf2x16(floatBitsToUint({x}) >> 16).x",
            _ => throw new NotSupportedException($"bitcast {from.ShortName()} to {to.ShortName()}"),
        };
    }

    /// <summary>A constant node's register value.</summary>
    public static string Constant(ConstNode c) =>
        c.DType.IsFloat()
            ? GlslTypes.FloatLiteral(GlslTypes.RoundTo(c.DType, c.Value), c.DType == DType.Float64)
            : GlslTypes.IntLiteral(c.DType, c.Bits);

    private static NotSupportedException Unsupported(object op, DType t, int bits = 0) =>
        new($"{op} on {t.ShortName()}{(bits > 0 ? "" : "")}");
}
