using System.Numerics;
using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Scalar;

/// <summary>
/// Bitwise ops on integers (logical on Bool). Shift amounts are read as unsigned: at or past the bit width a
/// shift gives 0 (arithmetic right shift: the sign fill); rotate amounts are taken modulo the width.
/// </summary>
internal static partial class ScalarMath
{
    [MethodImpl(Inline)] public static T And<T>(T a, T b) where T : IBinaryInteger<T> => a & b;
    [MethodImpl(Inline)] public static T Or<T>(T a, T b) where T : IBinaryInteger<T> => a | b;
    [MethodImpl(Inline)] public static T Xor<T>(T a, T b) where T : IBinaryInteger<T> => a ^ b;
    [MethodImpl(Inline)] public static T Not<T>(T x) where T : IBinaryInteger<T> => ~x;
    [MethodImpl(Inline)] public static bool And(bool a, bool b) => a & b;
    [MethodImpl(Inline)] public static bool Or(bool a, bool b) => a | b;
    [MethodImpl(Inline)] public static bool Xor(bool a, bool b) => a ^ b;
    [MethodImpl(Inline)] public static bool Not(bool x) => !x;

    [MethodImpl(Inline)] public static int ShiftLeft(int a, int b) => (uint)b >= 32 ? 0 : a << b;
    [MethodImpl(Inline)] public static long ShiftLeft(long a, long b) => (ulong)b >= 64 ? 0 : a << (int)b;
    [MethodImpl(Inline)] public static uint ShiftLeft(uint a, uint b) => b >= 32 ? 0 : a << (int)b;
    [MethodImpl(Inline)] public static byte ShiftLeft(byte a, byte b) => b >= 8 ? (byte)0 : (byte)(a << b);
    [MethodImpl(Inline)] public static bool ShiftLeft(bool a, bool b) => a & !b;

    [MethodImpl(Inline)] public static int ShiftRightLogical(int a, int b) => (uint)b >= 32 ? 0 : (int)((uint)a >> b);
    [MethodImpl(Inline)] public static long ShiftRightLogical(long a, long b) => (ulong)b >= 64 ? 0 : (long)((ulong)a >> (int)b);
    [MethodImpl(Inline)] public static uint ShiftRightLogical(uint a, uint b) => b >= 32 ? 0 : a >> (int)b;
    [MethodImpl(Inline)] public static byte ShiftRightLogical(byte a, byte b) => b >= 8 ? (byte)0 : (byte)(a >> b);
    [MethodImpl(Inline)] public static bool ShiftRightLogical(bool a, bool b) => a & !b;

    [MethodImpl(Inline)] public static int ShiftRightArithmetic(int a, int b) => a >> (int)Math.Min((uint)b, 31u);
    [MethodImpl(Inline)] public static long ShiftRightArithmetic(long a, long b) => a >> (int)Math.Min((ulong)b, 63ul);
    [MethodImpl(Inline)] public static uint ShiftRightArithmetic(uint a, uint b) => (uint)((int)a >> (int)Math.Min(b, 31u));
    [MethodImpl(Inline)] public static byte ShiftRightArithmetic(byte a, byte b) => (byte)((sbyte)a >> Math.Min((int)b, 7));
    [MethodImpl(Inline)] public static bool ShiftRightArithmetic(bool a, bool b) => a;

    [MethodImpl(Inline)] public static int RotateLeft(int a, int b) => (int)BitOperations.RotateLeft((uint)a, b & 31);
    [MethodImpl(Inline)] public static long RotateLeft(long a, long b) => (long)BitOperations.RotateLeft((ulong)a, (int)(b & 63));
    [MethodImpl(Inline)] public static uint RotateLeft(uint a, uint b) => BitOperations.RotateLeft(a, (int)(b & 31));
    [MethodImpl(Inline)] public static byte RotateLeft(byte a, byte b) => (byte)((a << (b & 7)) | (a >> ((8 - (b & 7)) & 7)));
    [MethodImpl(Inline)] public static bool RotateLeft(bool a, bool b) => a;

    [MethodImpl(Inline)] public static int RotateRight(int a, int b) => (int)BitOperations.RotateRight((uint)a, b & 31);
    [MethodImpl(Inline)] public static long RotateRight(long a, long b) => (long)BitOperations.RotateRight((ulong)a, (int)(b & 63));
    [MethodImpl(Inline)] public static uint RotateRight(uint a, uint b) => BitOperations.RotateRight(a, (int)(b & 31));
    [MethodImpl(Inline)] public static byte RotateRight(byte a, byte b) => (byte)((a >> (b & 7)) | (a << ((8 - (b & 7)) & 7)));
    [MethodImpl(Inline)] public static bool RotateRight(bool a, bool b) => a;

    [MethodImpl(Inline)] public static int PopCount(int x) => BitOperations.PopCount((uint)x);
    [MethodImpl(Inline)] public static long PopCount(long x) => BitOperations.PopCount((ulong)x);
    [MethodImpl(Inline)] public static uint PopCount(uint x) => (uint)BitOperations.PopCount(x);
    [MethodImpl(Inline)] public static byte PopCount(byte x) => (byte)BitOperations.PopCount(x);

    [MethodImpl(Inline)] public static int Clz(int x) => BitOperations.LeadingZeroCount((uint)x);
    [MethodImpl(Inline)] public static long Clz(long x) => BitOperations.LeadingZeroCount((ulong)x);
    [MethodImpl(Inline)] public static uint Clz(uint x) => (uint)BitOperations.LeadingZeroCount(x);
    [MethodImpl(Inline)] public static byte Clz(byte x) => (byte)(BitOperations.LeadingZeroCount((uint)x) - 24);
}
