using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace JaxNet.Backends.CpuSimd.Kernels.Fft;

/// <summary>
/// Complex values between NumPy's interleaved layout (re, im, re, im, ...) and the separate parts the transform's
/// passes work on. Done inside the kernel, a row or block at a time while it is in cache, instead of by two copies
/// and a select around it. Two-source permutes on AVX-512, in-lane shuffles and a lane swap on AVX2, scalars
/// otherwise; each is an exact move of values, so every path gives the same bits.
/// </summary>
internal static unsafe class Interleaving
{
    /// <summary><paramref name="count"/> interleaved values at x into re[0, count) and im[0, count).</summary>
    public static void Split<T>(T* x, T* re, T* im, long count) where T : unmanaged
    {
        var done = 0L;
        if (typeof(T) == typeof(float)) done = SplitSingle((float*)x, (float*)re, (float*)im, count);
        else if (typeof(T) == typeof(double)) done = SplitDouble((double*)x, (double*)re, (double*)im, count);
        for (var t = done; t < count; t++) (re[t], im[t]) = (x[2 * t], x[2 * t + 1]);
    }

    /// <summary>re[0, count) and im[0, count) into <paramref name="count"/> interleaved values at y.</summary>
    public static void Join<T>(T* re, T* im, T* y, long count) where T : unmanaged
    {
        var done = 0L;
        if (typeof(T) == typeof(float)) done = JoinSingle((float*)re, (float*)im, (float*)y, count);
        else if (typeof(T) == typeof(double)) done = JoinDouble((double*)re, (double*)im, (double*)y, count);
        for (var t = done; t < count; t++) (y[2 * t], y[2 * t + 1]) = (re[t], im[t]);
    }

    /// <summary>
    /// <paramref name="rows"/> runs of <paramref name="count"/> values: run r reads x + r·<paramref name="xPitch"/>
    /// (in elements, interleaved) and writes re and im + r·<paramref name="pitch"/>.
    /// </summary>
    public static void Split<T>(T* x, long xPitch, T* re, T* im, long pitch, int rows, long count) where T : unmanaged
    {
        for (var r = 0; r < rows; r++) Split(x + r * xPitch, re + r * pitch, im + r * pitch, count);
    }

    /// <summary>The inverse of the strided <see cref="Split{T}(T*, long, T*, T*, long, int, long)"/>.</summary>
    public static void Join<T>(T* re, T* im, long pitch, T* y, long yPitch, int rows, long count) where T : unmanaged
    {
        for (var r = 0; r < rows; r++) Join(re + r * pitch, im + r * pitch, y + r * yPitch, count);
    }

    private static long SplitSingle(float* x, float* re, float* im, long count)
    {
        var t = 0L;
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
        {
            var (even, odd) = (Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30), Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31));
            for (; t + 16 <= count; t += 16)
            {
                var (a, b) = (Vector512.Load(x + 2 * t), Vector512.Load(x + 2 * t + 16));
                Avx512F.PermuteVar16x32x2(a, even, b).Store(re + t);
                Avx512F.PermuteVar16x32x2(a, odd, b).Store(im + t);
            }
        }
        else if (Avx2.IsSupported)
        {
            for (; t + 8 <= count; t += 8)
            {
                var (a, b) = (Vector256.Load(x + 2 * t), Vector256.Load(x + 2 * t + 8));
                // Per 128-bit half: (a0, a2, b0, b2); the 64-bit quarters then go back in order.
                Avx2.Permute4x64(Avx.Shuffle(a, b, 0b10_00_10_00).AsDouble(), 0b11_01_10_00).AsSingle().Store(re + t);
                Avx2.Permute4x64(Avx.Shuffle(a, b, 0b11_01_11_01).AsDouble(), 0b11_01_10_00).AsSingle().Store(im + t);
            }
        }
        return t;
    }

    private static long SplitDouble(double* x, double* re, double* im, long count)
    {
        var t = 0L;
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
        {
            var (even, odd) = (Vector512.Create(0L, 2, 4, 6, 8, 10, 12, 14), Vector512.Create(1L, 3, 5, 7, 9, 11, 13, 15));
            for (; t + 8 <= count; t += 8)
            {
                var (a, b) = (Vector512.Load(x + 2 * t), Vector512.Load(x + 2 * t + 8));
                Avx512F.PermuteVar8x64x2(a, even, b).Store(re + t);
                Avx512F.PermuteVar8x64x2(a, odd, b).Store(im + t);
            }
        }
        else if (Avx.IsSupported)
        {
            for (; t + 4 <= count; t += 4)
            {
                var (a, b) = (Vector256.Load(x + 2 * t), Vector256.Load(x + 2 * t + 4));
                var (low, high) = (Avx.Permute2x128(a, b, 0x20), Avx.Permute2x128(a, b, 0x31));
                Avx.UnpackLow(low, high).Store(re + t);
                Avx.UnpackHigh(low, high).Store(im + t);
            }
        }
        return t;
    }

    private static long JoinSingle(float* re, float* im, float* y, long count)
    {
        var t = 0L;
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
        {
            var low = Vector512.Create(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
            var high = Vector512.Create(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
            for (; t + 16 <= count; t += 16)
            {
                var (a, b) = (Vector512.Load(re + t), Vector512.Load(im + t));
                Avx512F.PermuteVar16x32x2(a, low, b).Store(y + 2 * t);
                Avx512F.PermuteVar16x32x2(a, high, b).Store(y + 2 * t + 16);
            }
        }
        else if (Avx.IsSupported)
        {
            for (; t + 8 <= count; t += 8)
            {
                var (a, b) = (Vector256.Load(re + t), Vector256.Load(im + t));
                var (low, high) = (Avx.UnpackLow(a, b), Avx.UnpackHigh(a, b));
                Avx.Permute2x128(low, high, 0x20).Store(y + 2 * t);
                Avx.Permute2x128(low, high, 0x31).Store(y + 2 * t + 8);
            }
        }
        return t;
    }

    private static long JoinDouble(double* re, double* im, double* y, long count)
    {
        var t = 0L;
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
        {
            var (low, high) = (Vector512.Create(0L, 8, 1, 9, 2, 10, 3, 11), Vector512.Create(4L, 12, 5, 13, 6, 14, 7, 15));
            for (; t + 8 <= count; t += 8)
            {
                var (a, b) = (Vector512.Load(re + t), Vector512.Load(im + t));
                Avx512F.PermuteVar8x64x2(a, low, b).Store(y + 2 * t);
                Avx512F.PermuteVar8x64x2(a, high, b).Store(y + 2 * t + 8);
            }
        }
        else if (Avx.IsSupported)
        {
            for (; t + 4 <= count; t += 4)
            {
                var (a, b) = (Vector256.Load(re + t), Vector256.Load(im + t));
                var (low, high) = (Avx.UnpackLow(a, b), Avx.UnpackHigh(a, b));
                Avx.Permute2x128(low, high, 0x20).Store(y + 2 * t);
                Avx.Permute2x128(low, high, 0x31).Store(y + 2 * t + 4);
            }
        }
        return t;
    }
}
