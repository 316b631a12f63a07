using System.Numerics;
using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Scalar;

/// <summary>
/// The scalar ops of the integer dtypes ABI 1.4 added: int8 (sbyte), int16 (short), uint16 (ushort) and uint64
/// (ulong), with the rules of the older integers (ScalarMath.Arithmetic, .Bits, .Convert): wraparound, x / 0 all
/// bits set, INT_MIN / -1 = INT_MIN, x % 0 = x, shifts past the width 0 (or the sign fill). The narrow ones run as
/// compiled scalar code; uint64 shares int64's 8-byte vector lanes and comes here for the ops without a vector helper.
/// </summary>
internal static unsafe partial class ScalarMath
{
    [MethodImpl(Inline)] public static sbyte LoadInt8(nint p) => *(sbyte*)p;
    [MethodImpl(Inline)] public static short LoadInt16(nint p) => *(short*)p;
    [MethodImpl(Inline)] public static ushort LoadUInt16(nint p) => *(ushort*)p;
    [MethodImpl(Inline)] public static ulong LoadUInt64(nint p) => *(ulong*)p;
    [MethodImpl(Inline)] public static void StoreInt8(nint p, sbyte v) => *(sbyte*)p = v;
    [MethodImpl(Inline)] public static void StoreInt16(nint p, short v) => *(short*)p = v;
    [MethodImpl(Inline)] public static void StoreUInt16(nint p, ushort v) => *(ushort*)p = v;
    [MethodImpl(Inline)] public static void StoreUInt64(nint p, ulong v) => *(ulong*)p = v;

    [MethodImpl(Inline)] public static sbyte Neg(sbyte x) => unchecked((sbyte)-x);
    [MethodImpl(Inline)] public static short Neg(short x) => unchecked((short)-x);
    [MethodImpl(Inline)] public static ushort Neg(ushort x) => unchecked((ushort)-x);
    [MethodImpl(Inline)] public static ulong Neg(ulong x) => unchecked(0ul - x);

    [MethodImpl(Inline)] public static sbyte Abs(sbyte x) => x < 0 ? Neg(x) : x;
    [MethodImpl(Inline)] public static short Abs(short x) => x < 0 ? Neg(x) : x;
    [MethodImpl(Inline)] public static ushort Abs(ushort x) => x;
    [MethodImpl(Inline)] public static ulong Abs(ulong x) => x;

    [MethodImpl(Inline)] public static sbyte Sign(sbyte x) => (sbyte)Math.Sign(x);
    [MethodImpl(Inline)] public static short Sign(short x) => (short)Math.Sign(x);
    [MethodImpl(Inline)] public static ushort Sign(ushort x) => x == 0 ? (ushort)0 : (ushort)1;
    [MethodImpl(Inline)] public static ulong Sign(ulong x) => x == 0 ? 0ul : 1ul;

    [MethodImpl(Inline)] public static sbyte Div(sbyte a, sbyte b) => b == 0 ? (sbyte)-1 : b == -1 ? Neg(a) : (sbyte)(a / b);
    [MethodImpl(Inline)] public static short Div(short a, short b) => b == 0 ? (short)-1 : b == -1 ? Neg(a) : (short)(a / b);
    [MethodImpl(Inline)] public static ushort Div(ushort a, ushort b) => b == 0 ? ushort.MaxValue : (ushort)(a / b);
    [MethodImpl(Inline)] public static ulong Div(ulong a, ulong b) => b == 0 ? ulong.MaxValue : a / b;

    [MethodImpl(Inline)] public static sbyte Rem(sbyte a, sbyte b) => b == 0 ? a : b == -1 ? (sbyte)0 : (sbyte)(a % b);
    [MethodImpl(Inline)] public static short Rem(short a, short b) => b == 0 ? a : b == -1 ? (short)0 : (short)(a % b);
    [MethodImpl(Inline)] public static ushort Rem(ushort a, ushort b) => b == 0 ? a : (ushort)(a % b);
    [MethodImpl(Inline)] public static ulong Rem(ulong a, ulong b) => b == 0 ? a : a % b;

    // Shift amounts are read as unsigned of the operand's width, so a negative amount is a large one.
    [MethodImpl(Inline)] public static sbyte ShiftLeft(sbyte a, sbyte b) => (byte)b >= 8 ? (sbyte)0 : unchecked((sbyte)(a << b));
    [MethodImpl(Inline)] public static short ShiftLeft(short a, short b) => (ushort)b >= 16 ? (short)0 : unchecked((short)(a << b));
    [MethodImpl(Inline)] public static ushort ShiftLeft(ushort a, ushort b) => b >= 16 ? (ushort)0 : unchecked((ushort)(a << b));
    [MethodImpl(Inline)] public static ulong ShiftLeft(ulong a, ulong b) => b >= 64 ? 0 : a << (int)b;

    [MethodImpl(Inline)] public static sbyte ShiftRightLogical(sbyte a, sbyte b) => (byte)b >= 8 ? (sbyte)0 : (sbyte)((byte)a >> b);
    [MethodImpl(Inline)] public static short ShiftRightLogical(short a, short b) => (ushort)b >= 16 ? (short)0 : (short)((ushort)a >> b);
    [MethodImpl(Inline)] public static ushort ShiftRightLogical(ushort a, ushort b) => b >= 16 ? (ushort)0 : (ushort)(a >> b);
    [MethodImpl(Inline)] public static ulong ShiftRightLogical(ulong a, ulong b) => b >= 64 ? 0 : a >> (int)b;

    [MethodImpl(Inline)] public static sbyte ShiftRightArithmetic(sbyte a, sbyte b) => (sbyte)(a >> Math.Min((byte)b, (byte)7));
    [MethodImpl(Inline)] public static short ShiftRightArithmetic(short a, short b) => (short)(a >> Math.Min((ushort)b, (ushort)15));
    [MethodImpl(Inline)] public static ushort ShiftRightArithmetic(ushort a, ushort b) => (ushort)((short)a >> Math.Min(b, (ushort)15));
    [MethodImpl(Inline)] public static ulong ShiftRightArithmetic(ulong a, ulong b) => (ulong)((long)a >> (int)Math.Min(b, 63ul));

    [MethodImpl(Inline)] public static sbyte RotateLeft(sbyte a, sbyte b) => (sbyte)RotateLeft((byte)a, (byte)b);
    [MethodImpl(Inline)] public static short RotateLeft(short a, short b) => (short)RotateLeft((ushort)a, (ushort)b);
    [MethodImpl(Inline)] public static ushort RotateLeft(ushort a, ushort b) => ushort.RotateLeft(a, b & 15);
    [MethodImpl(Inline)] public static ulong RotateLeft(ulong a, ulong b) => BitOperations.RotateLeft(a, (int)(b & 63));

    [MethodImpl(Inline)] public static sbyte RotateRight(sbyte a, sbyte b) => (sbyte)RotateRight((byte)a, (byte)b);
    [MethodImpl(Inline)] public static short RotateRight(short a, short b) => (short)RotateRight((ushort)a, (ushort)b);
    [MethodImpl(Inline)] public static ushort RotateRight(ushort a, ushort b) => ushort.RotateRight(a, b & 15);
    [MethodImpl(Inline)] public static ulong RotateRight(ulong a, ulong b) => BitOperations.RotateRight(a, (int)(b & 63));

    [MethodImpl(Inline)] public static sbyte PopCount(sbyte x) => (sbyte)BitOperations.PopCount((byte)x);
    [MethodImpl(Inline)] public static short PopCount(short x) => (short)BitOperations.PopCount((ushort)x);
    [MethodImpl(Inline)] public static ushort PopCount(ushort x) => (ushort)BitOperations.PopCount(x);
    [MethodImpl(Inline)] public static ulong PopCount(ulong x) => (ulong)BitOperations.PopCount(x);

    [MethodImpl(Inline)] public static sbyte Clz(sbyte x) => (sbyte)(BitOperations.LeadingZeroCount((uint)(byte)x) - 24);
    [MethodImpl(Inline)] public static short Clz(short x) => (short)(BitOperations.LeadingZeroCount((uint)(ushort)x) - 16);
    [MethodImpl(Inline)] public static ushort Clz(ushort x) => (ushort)(BitOperations.LeadingZeroCount((uint)x) - 16);
    [MethodImpl(Inline)] public static ulong Clz(ulong x) => (ulong)BitOperations.LeadingZeroCount(x);

    // Conversions: from a float truncate and saturate (NaN gives 0), between integers wrap.
    [MethodImpl(Inline)] public static sbyte ToInt8<T>(T x) where T : INumberBase<T> => IsFloat<T>() ? sbyte.CreateSaturating(x) : sbyte.CreateTruncating(x);
    [MethodImpl(Inline)] public static short ToInt16<T>(T x) where T : INumberBase<T> => IsFloat<T>() ? short.CreateSaturating(x) : short.CreateTruncating(x);
    [MethodImpl(Inline)] public static ushort ToUInt16<T>(T x) where T : INumberBase<T> => IsFloat<T>() ? ushort.CreateSaturating(x) : ushort.CreateTruncating(x);
    [MethodImpl(Inline)] public static ulong ToUInt64<T>(T x) where T : INumberBase<T> => IsFloat<T>() ? ulong.CreateSaturating(x) : ulong.CreateTruncating(x);
    [MethodImpl(Inline)] public static sbyte ToInt8(bool x) => x ? (sbyte)1 : (sbyte)0;
    [MethodImpl(Inline)] public static short ToInt16(bool x) => x ? (short)1 : (short)0;
    [MethodImpl(Inline)] public static ushort ToUInt16(bool x) => x ? (ushort)1 : (ushort)0;
    [MethodImpl(Inline)] public static ulong ToUInt64(bool x) => x ? 1ul : 0ul;

    // Bit reinterpretations between equal widths. Float16 and BFloat16 are held as float32, so the 16-bit
    // integers read and write their storage bits.
    [MethodImpl(Inline)] public static sbyte BitcastToInt8(byte x) => unchecked((sbyte)x);
    [MethodImpl(Inline)] public static byte BitcastToUInt8(sbyte x) => unchecked((byte)x);
    [MethodImpl(Inline)] public static short BitcastToInt16(ushort x) => unchecked((short)x);
    [MethodImpl(Inline)] public static ushort BitcastToUInt16(short x) => unchecked((ushort)x);
    [MethodImpl(Inline)] public static float BitcastToFloat16(short x) => HalfPrecision.HalfBitsToSingle(unchecked((ushort)x));
    [MethodImpl(Inline)] public static float BitcastToFloat16(ushort x) => HalfPrecision.HalfBitsToSingle(x);
    [MethodImpl(Inline)] public static float BitcastToBFloat16(short x) => HalfPrecision.BFloat16BitsToSingle(unchecked((ushort)x));
    [MethodImpl(Inline)] public static float BitcastToBFloat16(ushort x) => HalfPrecision.BFloat16BitsToSingle(x);
    [MethodImpl(Inline)] public static short BitcastToInt16FromFloat16(float x) => unchecked((short)HalfPrecision.SingleToHalfBits(x));
    [MethodImpl(Inline)] public static ushort BitcastToUInt16FromFloat16(float x) => HalfPrecision.SingleToHalfBits(x);
    [MethodImpl(Inline)] public static short BitcastToInt16FromBFloat16(float x) => unchecked((short)HalfPrecision.SingleToBFloat16Bits(x));
    [MethodImpl(Inline)] public static ushort BitcastToUInt16FromBFloat16(float x) => HalfPrecision.SingleToBFloat16Bits(x);
    [MethodImpl(Inline)] public static ulong BitcastToUInt64(long x) => unchecked((ulong)x);
    [MethodImpl(Inline)] public static ulong BitcastToUInt64(double x) => BitConverter.DoubleToUInt64Bits(x);
    [MethodImpl(Inline)] public static long BitcastToInt64(ulong x) => unchecked((long)x);
    [MethodImpl(Inline)] public static double BitcastToFloat64(ulong x) => BitConverter.UInt64BitsToDouble(x);
}
