using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Codegen.Scalar;

/// <summary>
/// Loads and stores of one element, named Load/Store + the dtype's name. Bool is a byte holding 0 or 1;
/// Float16 and BFloat16 load to and store from float32.
/// </summary>
internal static unsafe partial class ScalarMath
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool LoadBool(nint p) => *(byte*)p != 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static byte LoadUInt8(nint p) => *(byte*)p;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int LoadInt32(nint p) => *(int*)p;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static long LoadInt64(nint p) => *(long*)p;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static uint LoadUInt32(nint p) => *(uint*)p;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float LoadFloat32(nint p) => *(float*)p;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double LoadFloat64(nint p) => *(double*)p;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float LoadFloat16(nint p) => HalfPrecision.HalfBitsToSingle(*(ushort*)p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float LoadBFloat16(nint p) => HalfPrecision.BFloat16BitsToSingle(*(ushort*)p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreBool(nint p, bool v) => *(byte*)p = v ? (byte)1 : (byte)0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreUInt8(nint p, byte v) => *(byte*)p = v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreInt32(nint p, int v) => *(int*)p = v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreInt64(nint p, long v) => *(long*)p = v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreUInt32(nint p, uint v) => *(uint*)p = v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreFloat32(nint p, float v) => *(float*)p = v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreFloat64(nint p, double v) => *(double*)p = v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreFloat16(nint p, float v) => *(ushort*)p = HalfPrecision.SingleToHalfBits(v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreBFloat16(nint p, float v) => *(ushort*)p = HalfPrecision.SingleToBFloat16Bits(v);
}
