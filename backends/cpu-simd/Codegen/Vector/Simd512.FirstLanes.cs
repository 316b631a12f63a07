using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace JaxNet.Backends.CpuSimd.Codegen.Vector;

/// <summary>
/// Partial vectors for a fold's last, short stretch of a row (fewer elements than lanes), and the lane swaps of a
/// fold's horizontal tree. Simd256.FirstLanes.cs is this file with 512 replaced by 256: keep the two in step.
/// </summary>
internal static unsafe partial class Simd512
{
    /// <summary>The first <paramref name="count"/> (0..lanes) elements at <paramref name="p"/>, zero in the other
    /// lanes; memory past them is not touched (a masked load does not fault on masked-off lanes).</summary>
    [MethodImpl(Inline)]
    public static Vector512<T> LoadFirst<T>(nint p, long count) where T : unmanaged
    {
        if (!Avx512F.IsSupported) return GatherFirst<T>(p, sizeof(T), count);
        return sizeof(T) == 4
            ? Avx512F.MaskLoad((float*)p, FirstLanes<float>(count), Vector512<float>.Zero).As<float, T>()
            : Avx512F.MaskLoad((double*)p, FirstLanes<double>(count), Vector512<double>.Zero).As<double, T>();
    }

    /// <summary><see cref="LoadFirst{T}"/> for elements <paramref name="strideBytes"/> apart.</summary>
    [MethodImpl(Inline)]
    public static Vector512<T> GatherFirst<T>(nint p, nint strideBytes, long count) where T : unmanaged
    {
        var v = Vector512<T>.Zero;
        ref var lanes = ref Unsafe.As<Vector512<T>, T>(ref v);
        for (var i = 0; i < count; i++) Unsafe.Add(ref lanes, i) = *(T*)(p + i * strideBytes);
        return v;
    }

    /// <summary><paramref name="v"/> in its first <paramref name="count"/> lanes, <paramref name="fill"/> (a fold's
    /// identity) in the others.</summary>
    [MethodImpl(Inline)]
    public static Vector512<T> KeepFirst<T>(Vector512<T> v, long count, Vector512<T> fill) where T : unmanaged =>
        Vector512.ConditionalSelect(FirstLanes<T>(count), v, fill);

    /// <summary>All bits set in lanes below <paramref name="count"/>, clear above.</summary>
    [MethodImpl(Inline)]
    private static Vector512<T> FirstLanes<T>(long count) where T : unmanaged => sizeof(T) == 4
        ? Vector512.LessThan(Vector512<int>.Indices, Vector512.Create((int)count)).As<int, T>()
        : Vector512.LessThan(Vector512<long>.Indices, Vector512.Create(count)).As<long, T>();

    /// <summary>Lane i takes lane i ^ <paramref name="distance"/> (a power of two below the lane count): one level of
    /// a horizontal fold, which then combines <paramref name="v"/> with the result.</summary>
    [MethodImpl(Inline)]
    public static Vector512<T> SwapLanes<T>(Vector512<T> v, int distance) where T : unmanaged
    {
        // Swapping 8-byte lanes at distance d is swapping 4-byte lanes at distance 2d.
        var control = Vector512<int>.Indices ^ Vector512.Create(distance * sizeof(T) / 4);
        return Avx512F.IsSupported
            ? Avx512F.PermuteVar16x32(v.As<T, float>(), control).As<float, T>()
            : Vector512.Shuffle(v.As<T, float>(), control).As<float, T>();
    }
}
