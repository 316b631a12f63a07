using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace JaxNet.Backends.CpuSimd.Kernels;

/// <summary>
/// Copies of the short runs im2col moves (a 14-element row of an input channel): a few vector moves, the last one
/// overlapping the one before it, inlined where they are used. Span.CopyTo paid a call and its checks for each run,
/// as long as the copy itself for runs under a cache line.
/// </summary>
internal static unsafe class ConvolutionRunCopy
{
    /// <summary>Copies <paramref name="bytes"/> bytes; source and destination do not overlap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Copy(byte* src, byte* dst, nint bytes)
    {
        if (bytes >= 64 && Vector512.IsHardwareAccelerated)
        {
            nint i = 0;
            for (; i + 64 < bytes; i += 64) Vector512.Load(src + i).Store(dst + i);
            Vector512.Load(src + bytes - 64).Store(dst + bytes - 64);
        }
        else if (bytes >= 32 && Vector256.IsHardwareAccelerated)
        {
            nint i = 0;
            for (; i + 32 < bytes; i += 32) Vector256.Load(src + i).Store(dst + i);
            Vector256.Load(src + bytes - 32).Store(dst + bytes - 32);
        }
        else if (bytes >= 16 && Vector128.IsHardwareAccelerated)
        {
            var head = Vector128.Load(src);
            var tail = Vector128.Load(src + bytes - 16);
            head.Store(dst);
            tail.Store(dst + bytes - 16);
        }
        else if (bytes >= 8)
        {
            nint i = 0;
            for (; i + 8 < bytes; i += 8) Unsafe.WriteUnaligned(dst + i, Unsafe.ReadUnaligned<ulong>(src + i));
            Unsafe.WriteUnaligned(dst + bytes - 8, Unsafe.ReadUnaligned<ulong>(src + bytes - 8));
        }
        else
        {
            for (nint i = 0; i < bytes; i++) dst[i] = src[i];
        }
    }
}
