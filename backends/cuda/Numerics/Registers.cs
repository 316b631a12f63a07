using System.Runtime.CompilerServices;

namespace JaxNet.Backends.Cuda.Numerics;

/// <summary>
/// The register representation every fused kernel computes in: a 64-bit slot per value. Float dtypes hold the
/// bits of a double already rounded to the dtype; integer dtypes and Bool a long normalised to the dtype
/// (sign-extended for signed, zero-extended for unsigned, 0 or 1 for Bool). Arithmetic runs in the wide type and
/// is re-normalised, which gives the IR's wraparound and round-on-store semantics with one code path per op.
/// </summary>
internal static class Registers
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F(long bits) => ILGPU.Interop.IntAsFloat((ulong)bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Bits(double value) => (long)ILGPU.Interop.FloatAsInt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32(uint bits) => ILGPU.Interop.IntAsFloat(bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Bits32(float value) => ILGPU.Interop.FloatAsInt(value);

    /// <summary>Rounds a double to a float dtype (nearest even).</summary>
    public static double Round(double value, DType dtype) => dtype switch
    {
        DType.Float32 => (float)value,
        DType.BFloat16 => BFloat16ToDouble(DoubleToBFloat16(value)),
        DType.Float16 => HalfToDouble(DoubleToHalf(value)),
        _ => value,
    };

    /// <summary>Bits of an integer dtype (Bool counts as 1), without DTypeInfo's throwing switch (kernels cannot throw).</summary>
    public static int Width(DType dtype) => dtype switch
    {
        DType.Bool => 1,
        DType.UInt8 => 8,
        DType.Int32 or DType.UInt32 => 32,
        _ => 64,
    };

    /// <summary>Wraps an integer to the width and signedness of an integer dtype (Bool: nonzero is 1).</summary>
    public static long Normalize(long value, DType dtype) => dtype switch
    {
        DType.Int32 => (int)value,
        DType.UInt32 => (uint)value,
        DType.UInt8 => (byte)value,
        DType.Bool => value != 0 ? 1 : 0,
        _ => value,
    };

    /// <summary>The bf16 bits nearest a double (via float32; round to nearest even; NaN stays quiet NaN).</summary>
    public static ushort DoubleToBFloat16(double value)
    {
        var f = (float)value;
        var bits = Bits32(f);
        if (double.IsNaN(f)) return (ushort)((bits >> 16) | 0x0040);
        var bias = 0x7FFFu + ((bits >> 16) & 1);
        return (ushort)((bits + bias) >> 16);
    }

    public static double BFloat16ToDouble(ushort bits) => F32((uint)bits << 16);

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

    public static double HalfToDouble(ushort h)
    {
        var sign = (h & 0x8000) != 0 ? -1.0 : 1.0;
        var exponent = (h >> 10) & 0x1F;
        var mantissa = h & 0x3FF;
        if (exponent == 0x1F)
        {
            // Keep a NaN's sign and payload (a bare double.NaN has the sign bit set on x86).
            if (mantissa == 0) return sign * double.PositiveInfinity;
            return F((long)((((ulong)h & 0x8000) << 48) | (0x7FFUL << 52) | ((ulong)mantissa << 42)));
        }
        if (exponent == 0) return sign * mantissa * (1.0 / 16777216.0);
        return sign * (1024 + mantissa) * Pow2(exponent - 25);
    }

    private static double Pow2(int e) => F((long)(e + 1023) << 52);

    /// <summary>Float to integer: truncation toward zero, saturating at the target's range, NaN to 0.</summary>
    public static long FloatToInt(double value, DType target)
    {
        if (target == DType.Bool) return value != 0 ? 1 : 0;
        if (double.IsNaN(value)) return 0;
        var t = DeviceMath.Truncate(value);
        return target switch
        {
            DType.Int32 => (long)Math.Min(Math.Max(t, int.MinValue), int.MaxValue),
            DType.UInt32 => (long)Math.Min(Math.Max(t, 0), uint.MaxValue),
            DType.UInt8 => (long)Math.Min(Math.Max(t, 0), byte.MaxValue),
            // 2^63 is not a long: saturate explicitly.
            _ => t >= 9.2233720368547758e18 ? long.MaxValue : t <= -9.2233720368547758e18 ? long.MinValue : (long)t,
        };
    }

    /// <summary>The register value of <paramref name="from"/> converted to <paramref name="to"/> (IR convert).</summary>
    public static long Convert(long x, DType from, DType to)
    {
        if (to.IsFloat())
        {
            var value = from.IsFloat() ? F(x) : from == DType.UInt32 || from == DType.UInt8 ? (double)(ulong)x : (double)x;
            return Bits(Round(value, to));
        }
        return from.IsFloat() ? Normalize(FloatToInt(F(x), to), to) : Normalize(x, to);
    }

    /// <summary>The raw bits of a register value in the dtype's storage width.</summary>
    public static ulong StorageBits(long x, DType dtype) => dtype switch
    {
        DType.Float64 => (ulong)x,
        DType.Float32 => Bits32((float)F(x)),
        DType.BFloat16 => DoubleToBFloat16(F(x)),
        DType.Float16 => DoubleToHalf(F(x)),
        DType.Int64 => (ulong)x,
        DType.Int32 or DType.UInt32 => (uint)x,
        _ => (byte)x,
    };

    /// <summary>The register value of raw storage bits of a dtype.</summary>
    public static long FromStorageBits(ulong bits, DType dtype) => dtype switch
    {
        DType.Float64 => (long)bits,
        DType.Float32 => Bits(F32((uint)bits)),
        DType.BFloat16 => Bits(BFloat16ToDouble((ushort)bits)),
        DType.Float16 => Bits(HalfToDouble((ushort)bits)),
        _ => Normalize((long)bits, dtype),
    };

    /// <summary>A host-side double (a constant or pad value) as a register value of the dtype.</summary>
    public static long FromDouble(double value, DType dtype) =>
        dtype.IsFloat() ? Bits(Round(value, dtype)) : Normalize(FloatToInt(value, dtype == DType.Bool ? DType.Bool : DType.Int64), dtype);
}
