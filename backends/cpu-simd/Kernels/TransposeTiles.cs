using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace JaxNet.Backends.CpuSimd.Kernels;

/// <summary>
/// In-register transposes of small square tiles with 256-bit AVX, used on AVX-512 machines as well: a tile goes
/// through eight (four) vector loads, three stages of shuffles and eight (four) stores, where the element-by-element
/// copy pays a load and a store per element. Used by the blocked transpose copy and the GEMM's packing of a
/// transposed operand; callers move what no whole tile covers element by element.
/// </summary>
internal static unsafe class TransposeTiles
{
    public static bool Supported => Avx.IsSupported;

    /// <summary>dst[j * dstStride + i] = src[i * srcStride + j] for i, j below 8 (4-byte elements).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tile8x8(float* src, long srcStride, float* dst, long dstStride)
    {
        Vector256<float> v0 = Avx.LoadVector256(src), v1 = Avx.LoadVector256(src + srcStride);
        Vector256<float> v2 = Avx.LoadVector256(src + 2 * srcStride), v3 = Avx.LoadVector256(src + 3 * srcStride);
        Vector256<float> v4 = Avx.LoadVector256(src + 4 * srcStride), v5 = Avx.LoadVector256(src + 5 * srcStride);
        Vector256<float> v6 = Avx.LoadVector256(src + 6 * srcStride), v7 = Avx.LoadVector256(src + 7 * srcStride);
        // Pairs of rows interleaved, then quads within each 128-bit lane, then the lanes exchanged.
        Vector256<float> t0 = Avx.UnpackLow(v0, v1), t1 = Avx.UnpackHigh(v0, v1), t2 = Avx.UnpackLow(v2, v3), t3 = Avx.UnpackHigh(v2, v3);
        Vector256<float> t4 = Avx.UnpackLow(v4, v5), t5 = Avx.UnpackHigh(v4, v5), t6 = Avx.UnpackLow(v6, v7), t7 = Avx.UnpackHigh(v6, v7);
        Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44), s1 = Avx.Shuffle(t0, t2, 0xEE), s2 = Avx.Shuffle(t1, t3, 0x44), s3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44), s5 = Avx.Shuffle(t4, t6, 0xEE), s6 = Avx.Shuffle(t5, t7, 0x44), s7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(dst + dstStride, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(dst + 2 * dstStride, Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(dst + 3 * dstStride, Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(dst + 4 * dstStride, Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(dst + 5 * dstStride, Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(dst + 6 * dstStride, Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(dst + 7 * dstStride, Avx.Permute2x128(s3, s7, 0x31));
    }

    /// <summary>dst[j * dstStride + i] = src[i * srcStride + j] for i, j below 4 (8-byte elements).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tile4x4(double* src, long srcStride, double* dst, long dstStride)
    {
        Vector256<double> v0 = Avx.LoadVector256(src), v1 = Avx.LoadVector256(src + srcStride);
        Vector256<double> v2 = Avx.LoadVector256(src + 2 * srcStride), v3 = Avx.LoadVector256(src + 3 * srcStride);
        Vector256<double> t0 = Avx.UnpackLow(v0, v1), t1 = Avx.UnpackHigh(v0, v1), t2 = Avx.UnpackLow(v2, v3), t3 = Avx.UnpackHigh(v2, v3);
        Avx.Store(dst, Avx.Permute2x128(t0, t2, 0x20));
        Avx.Store(dst + dstStride, Avx.Permute2x128(t1, t3, 0x20));
        Avx.Store(dst + 2 * dstStride, Avx.Permute2x128(t0, t2, 0x31));
        Avx.Store(dst + 3 * dstStride, Avx.Permute2x128(t1, t3, 0x31));
    }
}
