using System.Runtime.CompilerServices;

namespace JaxNet.Backends.Cuda.Numerics;

/// <summary>
/// The register representation every fused kernel computes in: a 64-bit slot per value. Float64 holds the bits of
/// a double. Float32, Float16 and BFloat16 (the "single" class) hold the bits of a float32, zero-extended, already
/// rounded to the dtype: their arithmetic runs in float32, so a float32 kernel has no float64 instruction on its
/// common path (a GPU without fast float64 runs it at full speed), and float16/bfloat16 results are those of the
/// float32 operation rounded once more (for + - * / sqrt the same as rounding the exact result: float32 has more
/// than twice their precision plus two bits). Integer dtypes and Bool hold a long normalised to the dtype
/// (sign-extended for signed, zero-extended for unsigned, 0 or 1 for Bool); their arithmetic runs in the wide type
/// and is re-normalised, which gives the IR's wraparound semantics with one code path per op.
/// </summary>
internal static partial class Registers
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F(long bits) => ILGPU.Interop.IntAsFloat((ulong)bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Bits(double value) => (long)ILGPU.Interop.FloatAsInt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32(uint bits) => ILGPU.Interop.IntAsFloat(bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Bits32(float value) => ILGPU.Interop.FloatAsInt(value);

    /// <summary>Float32, Float16 and BFloat16: the dtypes whose registers hold float32 bits.</summary>
    public static bool IsSingle(DType dtype) => dtype is DType.Float32 or DType.Float16 or DType.BFloat16;

    /// <summary>The float32 value of a single-class register.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float S(long bits) => ILGPU.Interop.IntAsFloat((uint)bits);

    /// <summary>A float32 as a single-class register (its bits, zero-extended).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long OfSingle(float value) => ILGPU.Interop.FloatAsInt(value);

    /// <summary>A float32 rounded to a single-class dtype (nearest even); Float32 itself is unchanged.</summary>
    public static float RoundSingle(float value, DType dtype) => dtype switch
    {
        DType.BFloat16 => BFloat16ToFloat(FloatToBFloat16(value)),
        DType.Float16 => HalfToFloat(FloatToHalf(value)),
        _ => value,
    };

    // Float constants as register bits, written out: ILGPU 1.5.3's PTX generator fails (NullReferenceException in
    // FloatAsIntCast) on FromDouble of a constant when the dtype is known only at run time.

    /// <summary>1.0 as a register of a float dtype.</summary>
    public static long One(DType dtype) => IsSingle(dtype) ? 0x3F800000L : 0x3FF0000000000000L;

    /// <summary>An infinity as a register of a float dtype.</summary>
    public static long Infinity(DType dtype, bool negative) => IsSingle(dtype)
        ? (negative ? 0xFF800000L : 0x7F800000L)
        : (negative ? unchecked((long)0xFFF0000000000000UL) : 0x7FF0000000000000L);

    /// <summary>The quiet NaN as a register of a float dtype.</summary>
    public static long NaN(DType dtype) => IsSingle(dtype) ? 0x7FC00000L : 0x7FF8000000000000L;

    /// <summary>The value of a float register as a double (exact for every float dtype).</summary>
    public static double FloatValue(long x, DType dtype) => IsSingle(dtype) ? S(x) : F(x);

    /// <summary>Bits of an integer dtype (Bool counts as 1), without DTypeInfo's throwing switch (kernels cannot throw).</summary>
    public static int Width(DType dtype) => dtype switch
    {
        DType.Bool => 1,
        DType.UInt8 or DType.Int8 => 8,
        DType.Int16 or DType.UInt16 => 16,
        DType.Int32 or DType.UInt32 => 32,
        _ => 64,
    };

    /// <summary>Wraps an integer to the width and signedness of an integer dtype (Bool: nonzero is 1).</summary>
    public static long Normalize(long value, DType dtype) => dtype switch
    {
        DType.Int32 => (int)value,
        DType.UInt32 => (uint)value,
        DType.UInt8 => (byte)value,
        DType.Int8 => (sbyte)value,
        DType.Int16 => (short)value,
        DType.UInt16 => (ushort)value,
        DType.Bool => value != 0 ? 1 : 0,
        _ => value,
    };

    /// <summary>UInt64, the one dtype whose register (its 64 bits as a long) does not order, divide or convert as a
    /// long: the narrower unsigned dtypes are zero-extended, so a long's order is theirs.</summary>
    public static bool IsUnsigned64(DType dtype) => dtype == DType.UInt64;

    /// <summary>An integer register as a double (UInt64's bits read unsigned).</summary>
    public static double IntegerValue(long x, DType dtype) => IsUnsigned64(dtype) ? (ulong)x : (double)x;

    /// <summary>An integer register as a float32, rounded once (UInt64's bits read unsigned).</summary>
    public static float IntegerValueSingle(long x, DType dtype) => IsUnsigned64(dtype) ? (ulong)x : (float)x;

    /// <summary>The bf16 bits nearest a double (via float32; round to nearest even; NaN stays quiet NaN).</summary>
    public static ushort DoubleToBFloat16(double value) => FloatToBFloat16((float)value);

    /// <summary>The bf16 bits nearest a float32 (round to nearest even; NaN stays quiet NaN).</summary>
    public static ushort FloatToBFloat16(float value)
    {
        var bits = Bits32(value);
        if ((bits & 0x7FFFFFFFu) > 0x7F800000u) return (ushort)((bits >> 16) | 0x0040);
        var bias = 0x7FFFu + ((bits >> 16) & 1);
        return (ushort)((bits + bias) >> 16);
    }

    public static float BFloat16ToFloat(ushort bits) => F32((uint)bits << 16);

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
            DType.Int8 => (long)Math.Min(Math.Max(t, sbyte.MinValue), sbyte.MaxValue),
            DType.Int16 => (long)Math.Min(Math.Max(t, short.MinValue), short.MaxValue),
            DType.UInt16 => (long)Math.Min(Math.Max(t, 0), ushort.MaxValue),
            // 2^64 is not a ulong: saturate explicitly (its bits, as a long, are -1).
            DType.UInt64 => t <= 0 ? 0 : t >= 1.8446744073709552e19 ? -1 : (long)(ulong)t,
            // 2^63 is not a long: saturate explicitly.
            _ => t >= 9.2233720368547758e18 ? long.MaxValue : t <= -9.2233720368547758e18 ? long.MinValue : (long)t,
        };
    }

    /// <summary>The register value of <paramref name="from"/> converted to <paramref name="to"/> (IR convert).</summary>
    public static long Convert(long x, DType from, DType to)
    {
        if (to.IsFloat())
        {
            if (!from.IsFloat()) return to == DType.Float32 ? OfSingle(IntegerValueSingle(x, from)) : FromDouble(IntegerValue(x, from), to);
            if (to == DType.Float64) return Bits(FloatValue(x, from));
            return IsSingle(from) ? OfSingle(RoundSingle(S(x), to)) : FromDouble(F(x), to);
        }
        return from.IsFloat() ? Normalize(FloatToInt(FloatValue(x, from), to), to) : Normalize(x, to);
    }

    /// <summary>The raw bits of a register value in the dtype's storage width.</summary>
    public static ulong StorageBits(long x, DType dtype) => dtype switch
    {
        DType.Float64 => (ulong)x,
        DType.Float32 => (uint)x,
        DType.BFloat16 => FloatToBFloat16(S(x)),
        DType.Float16 => FloatToHalf(S(x)),
        DType.Int64 or DType.UInt64 => (ulong)x,
        DType.Int32 or DType.UInt32 => (uint)x,
        DType.Int16 or DType.UInt16 => (ushort)x,
        _ => (byte)x,
    };

    /// <summary>The register value of raw storage bits of a dtype.</summary>
    public static long FromStorageBits(ulong bits, DType dtype) => dtype switch
    {
        DType.Float64 => (long)bits,
        DType.Float32 => (uint)bits,
        DType.BFloat16 => ((uint)bits & 0xFFFFu) << 16,
        DType.Float16 => OfSingle(HalfToFloat((ushort)bits)),
        _ => Normalize((long)bits, dtype),
    };

    /// <summary>A double (a host constant, a pad value, a float64 result) as a register value of the dtype, rounded
    /// once to a float dtype (bf16 through float32, as <see cref="DoubleToBFloat16"/>).</summary>
    public static long FromDouble(double value, DType dtype) => dtype switch
    {
        DType.Float64 => Bits(value),
        DType.Float32 => OfSingle((float)value),
        DType.BFloat16 => OfSingle(BFloat16ToFloat(DoubleToBFloat16(value))),
        DType.Float16 => OfSingle(HalfToFloat(DoubleToHalf(value))),
        DType.UInt64 => FloatToInt(value, DType.UInt64),
        _ => Normalize(FloatToInt(value, dtype == DType.Bool ? DType.Bool : DType.Int64), dtype),
    };
}
