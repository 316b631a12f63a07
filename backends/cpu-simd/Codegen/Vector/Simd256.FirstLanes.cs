using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// Partial vectors for a fold's last, short stretch of a row (fewer elements than lanes), and the lane swaps of a
/// fold's horizontal tree. Simd512.FirstLanes.cs at 256 bits (AVX's masked load, AVX2's permute): keep the two in step.
/// </summary>
internal static unsafe partial class Simd256
{
    /// <summary>The first <paramref name="count"/> (0..lanes) elements at <paramref name="p"/>, zero in the other
    /// lanes; memory past them is not touched (a masked load does not fault on masked-off lanes).</summary>
    [MethodImpl(Inline)]
    public static Vector256<T> LoadFirst<T>(nint p, long count) where T : unmanaged
    {
        if (!Avx.IsSupported) return GatherFirst<T>(p, sizeof(T), count);
        return sizeof(T) == 4
            ? Avx.MaskLoad((float*)p, FirstLanes<float>(count)).As<float, T>()
            : Avx.MaskLoad((double*)p, FirstLanes<double>(count)).As<double, T>();
    }

    /// <summary><see cref="LoadFirst{T}"/> for elements <paramref name="strideBytes"/> apart.</summary>
    [MethodImpl(Inline)]
    public static Vector256<T> GatherFirst<T>(nint p, nint strideBytes, long count) where T : unmanaged
    {
        var v = Vector256<T>.Zero;
        ref var lanes = ref Unsafe.As<Vector256<T>, T>(ref v);
        for (var i = 0; i < count; i++) Unsafe.Add(ref lanes, i) = *(T*)(p + i * strideBytes);
        return v;
    }

    /// <summary><paramref name="v"/> in its first <paramref name="count"/> lanes, <paramref name="fill"/> (a fold's
    /// identity) in the others.</summary>
    [MethodImpl(Inline)]
    public static Vector256<T> KeepFirst<T>(Vector256<T> v, long count, Vector256<T> fill) where T : unmanaged =>
        Vector256.ConditionalSelect(FirstLanes<T>(count), v, fill);

    /// <summary>All bits set in lanes below <paramref name="count"/>, clear above.</summary>
    [MethodImpl(Inline)]
    private static Vector256<T> FirstLanes<T>(long count) where T : unmanaged => sizeof(T) == 4
        ? Vector256.LessThan(Vector256<int>.Indices, Vector256.Create((int)count)).As<int, T>()
        : Vector256.LessThan(Vector256<long>.Indices, Vector256.Create(count)).As<long, T>();

    /// <summary>Lane i takes lane i ^ <paramref name="distance"/> (a power of two below the lane count): one level of
    /// a horizontal fold, which then combines <paramref name="v"/> with the result.</summary>
    [MethodImpl(Inline)]
    public static Vector256<T> SwapLanes<T>(Vector256<T> v, int distance) where T : unmanaged
    {
        // Swapping 8-byte lanes at distance d is swapping 4-byte lanes at distance 2d.
        var control = Vector256<int>.Indices ^ Vector256.Create(distance * sizeof(T) / 4);
        return Avx2.IsSupported
            ? Avx2.PermuteVar8x32(v.As<T, float>(), control).As<float, T>()
            : Vector256.Shuffle(v.As<T, float>(), control).As<float, T>();
    }
}
