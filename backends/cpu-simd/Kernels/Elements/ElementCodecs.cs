using System.Numerics;
using System.Runtime.CompilerServices;

namespace JaxNet.Backends.CpuSimd.Kernels.Elements;

/// <summary>
/// How an element is stored in a buffer (<typeparamref name="TStored"/>) and the type its arithmetic is done in
/// (<typeparamref name="TValue"/>). Kernels are generic over a codec, so each dtype gets its own compiled code and
/// f16/bf16 are computed in f32 without a per-element switch. <c>Store</c> rounds or normalises (Bool to 0/1).
/// </summary>
internal interface IElementCodec<TStored, TValue>
    where TStored : unmanaged
    where TValue : unmanaged, INumber<TValue>
{
    static abstract TValue Load(TStored stored);

    static abstract TStored Store(TValue value);
}

/// <summary>Types stored as they are computed (f32, f64, i32, i64, u32, u8).</summary>
internal readonly struct SameCodec<T> : IElementCodec<T, T> where T : unmanaged, INumber<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Load(T stored) => stored;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Store(T value) => value;
}

/// <summary>Bool: one byte holding 0 or 1; arithmetic in byte, normalised to 0/1 when stored (so add is or).</summary>
internal readonly struct BoolCodec : IElementCodec<byte, byte>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Load(byte stored) => stored != 0 ? (byte)1 : (byte)0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Store(byte value) => value != 0 ? (byte)1 : (byte)0;
}

/// <summary>IEEE half precision, computed in f32, rounded to nearest even when stored.</summary>
internal readonly struct HalfCodec : IElementCodec<Half, float>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(Half stored) => (float)stored;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Half Store(float value) => (Half)value;
}

/// <summary>bfloat16 (the upper half of an f32), computed in f32, rounded to nearest even when stored.</summary>
internal readonly struct BFloat16Codec : IElementCodec<ushort, float>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(ushort stored) => BitConverter.Int32BitsToSingle(stored << 16);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort Store(float value)
    {
        if (float.IsNaN(value)) return (ushort)((BitConverter.SingleToUInt32Bits(value) >> 16) | 0x0040);
        var bits = BitConverter.SingleToUInt32Bits(value);
        bits += 0x7FFFu + ((bits >> 16) & 1u);
        return (ushort)(bits >> 16);
    }
}
