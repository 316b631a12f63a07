using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Vulkan.Codegen;

/// <summary>
/// Renders scalar ops, conversions and bitcasts of the kernel IR to GLSL expressions over register values,
/// with the IR's semantics: NaN-propagating max/min, C's fmod, integer division by zero giving -1, shifts past
/// the width giving 0 or the sign fill, saturating float-to-integer conversion. The integer ops and conversions
/// of every width are <see cref="IntegerOps"/>.
/// </summary>
internal static class OpRenderer
{
    public static string Unary(ShaderWriter w, UnaryOp op, DType t, string x)
    {
        if (t.IsFloat()) return t == DType.Float64 ? UnaryDouble(w, op, x) : UnaryFloat(w, op, x);
        if (t != DType.Bool) return IntegerOps.Unary(op, t, x);
        return op switch
        {
            UnaryOp.Neg or UnaryOp.Sign => x,
            UnaryOp.Not => $"(!{x})",
            _ => throw Unsupported(op, t),
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
        return IntegerOps.Binary(w, op, t, a, b);
    }

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
        if (from.IsFloat()) return IntegerOps.FromFloat(w, from, to, x);
        return IntegerOps.Convert(from, to, x);
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
            (DType.Int8, DType.UInt8) or (DType.Int16, DType.UInt16) or (DType.Int64, DType.UInt64)
                or (DType.UInt8, DType.Int8) or (DType.UInt16, DType.Int16) or (DType.UInt64, DType.Int64) => IntegerOps.Convert(from, to, x),
            (DType.Float64, DType.UInt64) => $"doubleBitsToUint64({x})",
            (DType.UInt64, DType.Float64) => $"uint64BitsToDouble({x})",
            // The 16-bit integers carry the storage bits of the 16-bit floats, which live in float registers.
            (DType.Float16, DType.UInt16 or DType.Int16) => IntegerOps.Convert(DType.UInt32, to, $"(packHalf2x16(vec2({x}, 0.0)) & 0xFFFFu)"),
            (DType.BFloat16, DType.UInt16 or DType.Int16) => IntegerOps.Convert(DType.UInt32, to, $"(floatBitsToUint({x}) >> 16)"),
            (DType.UInt16 or DType.Int16, DType.Float16) => $"unpackHalf2x16(uint({x}) & 0xFFFFu).x",
            (DType.UInt16 or DType.Int16, DType.BFloat16) => $"uintBitsToFloat((uint({x}) & 0xFFFFu) << 16)",
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
