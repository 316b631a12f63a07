using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace JaxNet.Backends.CpuSimd.Kernels.Fft;

/// <summary>
/// Lanes that can also interleave two vectors in chunks of a few elements, so that a pass whose sub-transforms are
/// narrower than a vector (the first passes of a Stockham plan) still runs on whole vectors: its butterflies are
/// computed lane by lane and their outputs, which belong next to each other in memory, are zipped before the store.
/// </summary>
internal unsafe interface IZipLanes<T, TV> : ILanes<T, TV> where T : unmanaged where TV : unmanaged
{
    /// <summary>Whether <see cref="Zip"/> is available for chunks of <paramref name="chunk"/> elements.</summary>
    static abstract bool CanZip(int chunk);

    /// <summary>
    /// a and b cut in chunks of <paramref name="chunk"/> elements and interleaved (a's first chunk, b's first, a's
    /// second, ...): the first vector's worth of that sequence and the second.
    /// </summary>
    static abstract (TV Lo, TV Hi) Zip(TV a, TV b, int chunk);
}

/// <summary>The zips of <see cref="IZipLanes{T, TV}"/> for each vector width, on x86 (SSE2, AVX, AVX-512F).</summary>
internal static class LaneZips
{
    public static bool CanZip128<T>(int chunk) => Sse2.IsSupported && chunk * Unsafe.SizeOf<T>() is 4 or 8;

    public static bool CanZip256<T>(int chunk) => Avx.IsSupported && chunk * Unsafe.SizeOf<T>() is 4 or 8 or 16;

    public static bool CanZip512<T>(int chunk) => Avx512F.IsSupported && chunk * Unsafe.SizeOf<T>() is 4 or 8 or 16 or 32;

    public static (Vector128<T> Lo, Vector128<T> Hi) Zip<T>(Vector128<T> a, Vector128<T> b, int chunk)
    {
        if (chunk * Unsafe.SizeOf<T>() == 4)
            return (Sse.UnpackLow(a.AsSingle(), b.AsSingle()).As<float, T>(), Sse.UnpackHigh(a.AsSingle(), b.AsSingle()).As<float, T>());
        return (Sse2.UnpackLow(a.AsDouble(), b.AsDouble()).As<double, T>(), Sse2.UnpackHigh(a.AsDouble(), b.AsDouble()).As<double, T>());
    }

    public static (Vector256<T> Lo, Vector256<T> Hi) Zip<T>(Vector256<T> a, Vector256<T> b, int chunk)
    {
        // The unpacks interleave within each 128-bit half; the halves are then put in order.
        Vector256<T> lo, hi;
        switch (chunk * Unsafe.SizeOf<T>())
        {
            case 4:
                (lo, hi) = (Avx.UnpackLow(a.AsSingle(), b.AsSingle()).As<float, T>(), Avx.UnpackHigh(a.AsSingle(), b.AsSingle()).As<float, T>());
                break;
            case 8:
                (lo, hi) = (Avx.UnpackLow(a.AsDouble(), b.AsDouble()).As<double, T>(), Avx.UnpackHigh(a.AsDouble(), b.AsDouble()).As<double, T>());
                break;
            default:
                (lo, hi) = (a, b);
                break;
        }
        return (Avx.Permute2x128(lo.AsDouble(), hi.AsDouble(), 0x20).As<double, T>(), Avx.Permute2x128(lo.AsDouble(), hi.AsDouble(), 0x31).As<double, T>());
    }

    public static (Vector512<T> Lo, Vector512<T> Hi) Zip<T>(Vector512<T> a, Vector512<T> b, int chunk)
    {
        var (lo, hi) = Zip512Indices.For(chunk * Unsafe.SizeOf<T>() / 4);
        var (x, y) = (a.AsSingle(), b.AsSingle());
        return (Avx512F.PermuteVar16x32x2(x, lo, y).As<float, T>(), Avx512F.PermuteVar16x32x2(x, hi, y).As<float, T>());
    }
}

/// <summary>The two-source permutes that zip 512-bit vectors in chunks of 1, 2, 4 or 8 single-precision words.</summary>
internal static class Zip512Indices
{
    private static readonly (Vector512<int> Lo, Vector512<int> Hi)[] ByChunk = [Make(1), Make(2), Make(4), Make(8)];

    public static (Vector512<int> Lo, Vector512<int> Hi) For(int words) => ByChunk[BitOperations.Log2((uint)words)];

    // Word p of the zipped pair: chunk p / words of a or b alternately (indices 16 and up name b's words), the
    // second vector starting half-way through both.
    private static (Vector512<int>, Vector512<int>) Make(int words)
    {
        var lo = new int[16];
        var hi = new int[16];
        for (var p = 0; p < 16; p++)
        {
            var (pair, within) = (p / (2 * words), p % (2 * words));
            var source = within < words ? pair * words + within : 16 + pair * words + within - words;
            lo[p] = source;
            hi[p] = source + 8;
        }
        return (Vector512.Create(lo), Vector512.Create(hi));
    }
}
