using System.Numerics;
using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Scalar;

/// <summary>
/// Conversions, named To + the target dtype's name (ConvertNode), and bit reinterpretations, named
/// BitcastTo + the target (BitcastNode). Float to integer truncates and saturates, NaN gives 0; integer to
/// integer wraps; to Bool is "!= 0"; Float16/BFloat16 targets round to nearest even (kept as float32).
/// </summary>
internal static partial class ScalarMath
{
    [MethodImpl(Inline)]
    private static bool IsFloat<T>() => typeof(T) == typeof(float) || typeof(T) == typeof(double);

    [MethodImpl(Inline)] public static bool ToBool<T>(T x) where T : INumberBase<T> => x != T.Zero;
    [MethodImpl(Inline)] public static byte ToUInt8<T>(T x) where T : INumberBase<T> => IsFloat<T>() ? byte.CreateSaturating(x) : byte.CreateTruncating(x);
    [MethodImpl(Inline)] public static int ToInt32<T>(T x) where T : INumberBase<T> => IsFloat<T>() ? int.CreateSaturating(x) : int.CreateTruncating(x);
    [MethodImpl(Inline)] public static long ToInt64<T>(T x) where T : INumberBase<T> => IsFloat<T>() ? long.CreateSaturating(x) : long.CreateTruncating(x);
    [MethodImpl(Inline)] public static uint ToUInt32<T>(T x) where T : INumberBase<T> => IsFloat<T>() ? uint.CreateSaturating(x) : uint.CreateTruncating(x);
    [MethodImpl(Inline)] public static float ToFloat32<T>(T x) where T : INumberBase<T> => float.CreateTruncating(x);
    [MethodImpl(Inline)] public static double ToFloat64<T>(T x) where T : INumberBase<T> => double.CreateTruncating(x);

    /// <summary>Rounds once, from float64 (exact for every source but int64 beyond 2^53, which overflows half anyway).</summary>
    [MethodImpl(Inline)] public static float ToFloat16<T>(T x) where T : INumberBase<T> => (float)(Half)double.CreateTruncating(x);

    /// <summary>Rounds via float32: a float64 or large-integer source may be rounded twice.</summary>
    [MethodImpl(Inline)] public static float ToBFloat16<T>(T x) where T : INumberBase<T> => HalfPrecision.RoundToBFloat16(float.CreateTruncating(x));

    [MethodImpl(Inline)] public static bool ToBool(bool x) => x;
    [MethodImpl(Inline)] public static byte ToUInt8(bool x) => x ? (byte)1 : (byte)0;
    [MethodImpl(Inline)] public static int ToInt32(bool x) => x ? 1 : 0;
    [MethodImpl(Inline)] public static long ToInt64(bool x) => x ? 1 : 0;
    [MethodImpl(Inline)] public static uint ToUInt32(bool x) => x ? 1u : 0u;
    [MethodImpl(Inline)] public static float ToFloat16(bool x) => x ? 1f : 0f;
    [MethodImpl(Inline)] public static float ToBFloat16(bool x) => x ? 1f : 0f;
    [MethodImpl(Inline)] public static float ToFloat32(bool x) => x ? 1f : 0f;
    [MethodImpl(Inline)] public static double ToFloat64(bool x) => x ? 1d : 0d;

    [MethodImpl(Inline)] public static int BitcastToInt32(float x) => BitConverter.SingleToInt32Bits(x);
    [MethodImpl(Inline)] public static int BitcastToInt32(uint x) => (int)x;
    [MethodImpl(Inline)] public static uint BitcastToUInt32(float x) => BitConverter.SingleToUInt32Bits(x);
    [MethodImpl(Inline)] public static uint BitcastToUInt32(int x) => (uint)x;
    [MethodImpl(Inline)] public static float BitcastToFloat32(int x) => BitConverter.Int32BitsToSingle(x);
    [MethodImpl(Inline)] public static float BitcastToFloat32(uint x) => BitConverter.UInt32BitsToSingle(x);
    [MethodImpl(Inline)] public static long BitcastToInt64(double x) => BitConverter.DoubleToInt64Bits(x);
    [MethodImpl(Inline)] public static double BitcastToFloat64(long x) => BitConverter.Int64BitsToDouble(x);
    [MethodImpl(Inline)] public static byte BitcastToUInt8(bool x) => x ? (byte)1 : (byte)0;
    [MethodImpl(Inline)] public static bool BitcastToBool(byte x) => x != 0;

    /// <summary>The operand is a bfloat16 (the only other 2-byte type): its bits read as a float16.</summary>
    [MethodImpl(Inline)]
    public static float BitcastToFloat16(float bfloat16) =>
        HalfPrecision.HalfBitsToSingle(HalfPrecision.SingleToBFloat16Bits(bfloat16));

    /// <summary>The operand is a float16: its bits read as a bfloat16.</summary>
    [MethodImpl(Inline)]
    public static float BitcastToBFloat16(float half) =>
        HalfPrecision.BFloat16BitsToSingle(HalfPrecision.SingleToHalfBits(half));
}
