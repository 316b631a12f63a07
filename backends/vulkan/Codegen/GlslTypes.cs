using System.Globalization;

namespace JaxNet.Backends.Vulkan.Codegen;

/// <summary>
/// How each dtype lives in a shader: its register type (what arithmetic uses: bool, uint for u8 and u16, int for
/// i8 and i16, float for the 16-bit floats), its storage type in a buffer (uint8_t for bool and u8, int8_t for i8,
/// int16_t and uint16_t for i16 and u16, uint16_t for f16/bf16) and the conversions between them. 16-bit floats are
/// computed in float32 and rounded to nearest even on store. The narrow integers are computed in 32-bit registers
/// kept in their range (sign-extended or masked after every op, <see cref="IntegerOps"/>), so they need only 8- and
/// 16-bit storage, not the int8/int16 arithmetic features.
/// </summary>
internal static class GlslTypes
{
    public static string Reg(DType t) => t switch
    {
        DType.Bool => "bool",
        DType.UInt8 or DType.UInt16 or DType.UInt32 => "uint",
        DType.Int8 or DType.Int16 or DType.Int32 => "int",
        DType.Int64 => "int64_t",
        DType.UInt64 => "uint64_t",
        DType.Float16 or DType.BFloat16 or DType.Float32 => "float",
        DType.Float64 => "double",
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, null),
    };

    public static string Storage(DType t) => t switch
    {
        DType.Bool or DType.UInt8 => "uint8_t",
        DType.Int8 => "int8_t",
        DType.Int16 => "int16_t",
        DType.Float16 or DType.BFloat16 or DType.UInt16 => "uint16_t",
        _ => Reg(t),
    };

    /// <summary>A stored element (<paramref name="stored"/>, of <see cref="Storage"/> type) as a register value.</summary>
    public static string FromStorage(DType t, string stored) => t switch
    {
        DType.Bool => $"(uint({stored}) != 0u)",
        DType.UInt8 or DType.UInt16 => $"uint({stored})",
        DType.Int8 or DType.Int16 => $"int({stored})",
        DType.Float16 => $"unpackHalf2x16(uint({stored})).x",
        DType.BFloat16 => $"uintBitsToFloat(uint({stored}) << 16)",
        _ => stored,
    };

    /// <summary>A register value as the element to store.</summary>
    public static string ToStorage(DType t, string value) => t switch
    {
        DType.Bool => $"uint8_t(({value}) ? 1u : 0u)",
        DType.UInt8 => $"uint8_t({value})",
        DType.Int8 => $"int8_t({value})",
        DType.Int16 => $"int16_t({value})",
        DType.UInt16 => $"uint16_t({value})",
        DType.Float16 => $"uint16_t(packHalf2x16(vec2({value}, 0.0)) & 0xFFFFu)",
        DType.BFloat16 => $"uint16_t(jx_bf16_bits({value}))",
        _ => value,
    };

    /// <summary>A literal of the register type with an exactly representable value (small integers, 0.5, ...).</summary>
    public static string Lit(DType t, double value) => t switch
    {
        DType.Bool => value != 0 ? "true" : "false",
        DType.UInt8 or DType.UInt16 or DType.UInt32 => ((uint)(long)value).ToString(CultureInfo.InvariantCulture) + "u",
        DType.Int8 or DType.Int16 or DType.Int32 => ((long)value).ToString(CultureInfo.InvariantCulture),
        DType.Int64 => $"int64_t({((long)value).ToString(CultureInfo.InvariantCulture)})",
        DType.UInt64 => $"uint64_t({((ulong)(long)value).ToString(CultureInfo.InvariantCulture)}UL)",
        DType.Float64 => FloatLiteral(value, true),
        _ => FloatLiteral(value, false),
    };

    /// <summary>A float literal: exact decimal for finite values, bit patterns for NaN, infinities and -0.</summary>
    public static string FloatLiteral(double value, bool isDouble)
    {
        if (isDouble)
        {
            if (double.IsFinite(value) && !(value == 0 && double.IsNegative(value)))
                return value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e") + (HasPoint(value) ? "" : ".0") + "LF";
            var bits = (ulong)BitConverter.DoubleToInt64Bits(value);
            return $"packDouble2x32(uvec2(0x{(uint)bits:X8}u, 0x{(uint)(bits >> 32):X8}u))";
        }
        var f = (float)value;
        if (float.IsFinite(f) && !(f == 0 && float.IsNegative(f)))
            return $"uintBitsToFloat(0x{BitConverter.SingleToUInt32Bits(f):X8}u)";
        return $"uintBitsToFloat(0x{BitConverter.SingleToUInt32Bits(f):X8}u)";
    }

    private static bool HasPoint(double v)
    {
        var s = v.ToString("R", CultureInfo.InvariantCulture);
        return s.Contains('.') || s.Contains('E') || s.Contains('e');
    }

    /// <summary>Rounds a double to the value a dtype's register holds (f16/bf16 to their precision).</summary>
    public static double RoundTo(DType t, double value) => t switch
    {
        DType.Float16 => (double)(Half)value,
        DType.BFloat16 => BFloat16Bits.ToFloat(BFloat16Bits.FromFloat((float)value)),
        DType.Float32 => (float)value,
        _ => value,
    };

    /// <summary>The register literal of an integer or bool constant given by its bits.</summary>
    public static string IntLiteral(DType t, long bits) => t switch
    {
        DType.Bool => bits != 0 ? "true" : "false",
        DType.UInt8 => $"{bits & 0xFF}u",
        DType.UInt16 => $"{bits & 0xFFFF}u",
        // Narrow signed constants by their low bits, sign-extended as the register holds them.
        DType.Int8 => ((sbyte)bits).ToString(CultureInfo.InvariantCulture),
        DType.Int16 => ((short)bits).ToString(CultureInfo.InvariantCulture),
        DType.UInt32 => $"0x{(uint)bits:X8}u",
        DType.Int32 => $"int(0x{(uint)bits:X8}u)",
        DType.Int64 => $"int64_t(0x{(ulong)bits:X16}UL)",
        DType.UInt64 => $"uint64_t(0x{(ulong)bits:X16}UL)",
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, "not an integer type"),
    };

    /// <summary>Smallest and largest values (the identities of max and min).</summary>
    public static string Lowest(DType t) => t switch
    {
        DType.Bool => "false",
        DType.UInt8 or DType.UInt16 or DType.UInt32 => "0u",
        DType.Int8 => "-128",
        DType.Int16 => "-32768",
        DType.Int32 => "int(0x80000000u)",
        DType.Int64 => "int64_t(0x8000000000000000UL)",
        DType.UInt64 => "uint64_t(0UL)",
        DType.Float64 => FloatLiteral(double.NegativeInfinity, true),
        _ => FloatLiteral(double.NegativeInfinity, false),
    };

    public static string Highest(DType t) => t switch
    {
        DType.Bool => "true",
        DType.UInt8 => "255u",
        DType.UInt16 => "65535u",
        DType.Int8 => "127",
        DType.Int16 => "32767",
        DType.UInt32 => "0xFFFFFFFFu",
        DType.Int32 => "0x7FFFFFFF",
        DType.Int64 => "int64_t(0x7FFFFFFFFFFFFFFFUL)",
        DType.UInt64 => "uint64_t(0xFFFFFFFFFFFFFFFFUL)",
        DType.Float64 => FloatLiteral(double.PositiveInfinity, true),
        _ => FloatLiteral(double.PositiveInfinity, false),
    };
}

/// <summary>bfloat16 conversions on the host (round to nearest even; NaN stays NaN).</summary>
internal static class BFloat16Bits
{
    public static ushort FromFloat(float f)
    {
        var u = BitConverter.SingleToUInt32Bits(f);
        if (float.IsNaN(f)) return (ushort)((u >> 16) | 0x40);
        u += 0x7FFF + ((u >> 16) & 1);
        return (ushort)(u >> 16);
    }

    public static float ToFloat(ushort bits) => BitConverter.UInt32BitsToSingle((uint)bits << 16);
}
