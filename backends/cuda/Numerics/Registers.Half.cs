using System.Runtime.CompilerServices;

namespace JaxNet.Backends.Cuda.Numerics;

/// <summary>
/// IEEE binary16 to and from float32 and double, with integer arithmetic only: no System.Half, which GPU code lacks,
/// and (from float32) no float64 instruction, so a float16 kernel stays in the single register class.
/// </summary>
internal static partial class Registers
{
    /// <summary>IEEE binary16 bits nearest a double, round to nearest even, with integer arithmetic only (no
    /// System.Half, which GPU code lacks).</summary>
    public static ushort DoubleToHalf(double value)
    {
        var bits = (ulong)Bits(value);
        var sign = (ushort)((bits >> 48) & 0x8000);
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFUL;
        if (exponent == 0x7FF)
        {
            // Infinity, or NaN with its sign and the top of its payload (bitcasts must round-trip).
            if (mantissa == 0) return (ushort)(sign | 0x7C00);
            var payload = (ushort)(mantissa >> 42);
            return (ushort)(sign | 0x7C00 | (payload == 0 ? 0x200 : payload));
        }
        var e = exponent - 1023 + 15;
        if (e >= 31) return (ushort)(sign | 0x7C00);
        if (e <= 0)
        {
            // Subnormal or zero: shift the full significand (with its implicit 1) into place, rounding.
            if (e < -10) return sign;
            var full = mantissa | (1UL << 52);
            var shift = 42 + 1 - e;
            var q = full >> shift;
            var rest = full & ((1UL << shift) - 1);
            var half = 1UL << (shift - 1);
            if (rest > half || (rest == half && (q & 1) != 0)) q++;
            return (ushort)(sign | (ushort)q);
        }
        var m = mantissa >> 42;
        var r = mantissa & ((1UL << 42) - 1);
        const ulong halfway = 1UL << 41;
        var result = (uint)((e << 10) | (int)m);
        if (r > halfway || (r == halfway && (m & 1) != 0)) result++;
        return (ushort)(sign | result);
    }

    /// <summary>IEEE binary16 bits nearest a float32, round to nearest even, with 32-bit integer arithmetic.</summary>
    public static ushort FloatToHalf(float value)
    {
        var bits = Bits32(value);
        var sign = (ushort)((bits >> 16) & 0x8000);
        var exponent = (int)((bits >> 23) & 0xFF);
        var mantissa = bits & 0x7FFFFFu;
        if (exponent == 0xFF)
        {
            if (mantissa == 0) return (ushort)(sign | 0x7C00);
            var payload = (ushort)(mantissa >> 13);
            return (ushort)(sign | 0x7C00 | (payload == 0 ? 0x200 : payload));
        }
        var e = exponent - 127 + 15;
        if (e >= 31) return (ushort)(sign | 0x7C00);
        if (e <= 0)
        {
            if (e < -10) return sign;
            var full = mantissa | 0x800000u;
            var shift = 13 + 1 - e;
            var q = full >> shift;
            var rest = full & ((1u << shift) - 1);
            var half = 1u << (shift - 1);
            if (rest > half || (rest == half && (q & 1) != 0)) q++;
            return (ushort)(sign | (ushort)q);
        }
        var m = mantissa >> 13;
        var r = mantissa & 0x1FFFu;
        var result = ((uint)e << 10) | m;
        // A carry out of the mantissa moves into the exponent, up to infinity, as it should.
        if (r > 0x1000u || (r == 0x1000u && (m & 1) != 0)) result++;
        return (ushort)(sign | result);
    }

    /// <summary>The float32 value of binary16 bits (exact; a NaN keeps its sign and payload).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float HalfToFloat(ushort h)
    {
        var sign = ((uint)h & 0x8000u) << 16;
        var exponent = (h >> 10) & 0x1F;
        var mantissa = (uint)h & 0x3FFu;
        if (exponent == 0x1F) return F32(sign | 0x7F800000u | (mantissa << 13));
        if (exponent == 0)
        {
            // Subnormal (or zero): mantissa 2^-24, exact in float32; the sign set afterwards keeps -0.
            var magnitude = (int)mantissa * 5.9604644775390625e-8f; // int, not uint: ILGPU converts uint through float64
            return F32(Bits32(magnitude) | sign);
        }
        return F32(sign | ((uint)(exponent - 15 + 127) << 23) | (mantissa << 13));
    }
}
