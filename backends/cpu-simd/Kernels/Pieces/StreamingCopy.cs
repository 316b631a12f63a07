using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace JaxNet.Backends.CpuSimd.Kernels.Pieces;

/// <summary>
/// Block copies whose stores bypass the caches (non-temporal), for copies too large to stay cached. An ordinary store
/// first reads its destination line into the cache (a read for ownership), so a copy out of the caches moves three
/// bytes of memory traffic per byte copied and evicts the sources to make room for a result that will be evicted
/// before anyone reads it; streaming stores move two and leave the caches alone. Only whole 64-byte lines are
/// streamed (the head and tail up to a line boundary are copied as usual), and a thread that streamed must call
/// <see cref="Fence"/> before another thread may read what it wrote: streaming stores are not ordered with the
/// stores that follow them.
/// </summary>
internal static unsafe class StreamingCopy
{
    /// <summary>
    /// Output bytes from which a piecewise copy streams: with the inputs it reads (about as many bytes again), 48 MiB
    /// or more, past a 32 MiB last-level cache (Zen 4's per CCD), so that neither its result nor its inputs can
    /// still be cached at the next call. Smaller copies keep ordinary stores: on a quiet machine their 32 MiB stay in
    /// that cache from call to call (a concatenation of 2 x 8 MiB moves its 32 MiB at twice the memory's bandwidth),
    /// and their result is still cached for the kernel that reads it next.
    /// </summary>
    public const long OutputBytes = 24L << 20;

    /// <summary>Whether this machine has streaming vector stores (AVX2 or AVX-512 in use).</summary>
    public static bool Available => Vector512.IsHardwareAccelerated && Avx512F.IsSupported || Vector256.IsHardwareAccelerated && Avx.IsSupported;

    /// <summary>Copies <paramref name="bytes"/> bytes from <paramref name="src"/> to <paramref name="dst"/> (not
    /// overlapping), the whole destination lines with streaming stores.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Copy(nint src, nint dst, long bytes)
    {
        const long line = 64;
        var head = Math.Min(bytes, (line - (dst & (line - 1))) & (line - 1));
        var lines = (bytes - head) / line;
        if (!Available || lines == 0)
        {
            Buffer.MemoryCopy((void*)src, (void*)dst, bytes, bytes);
            return;
        }
        Buffer.MemoryCopy((void*)src, (void*)dst, head, head);
        var s = (byte*)(src + (nint)head);
        var d = (byte*)(dst + (nint)head);
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
        {
            for (var k = 0L; k < lines; k++, s += line, d += line) Avx512F.StoreAlignedNonTemporal(d, Vector512.Load(s));
        }
        else
        {
            for (var k = 0L; k < lines; k++, s += line, d += line)
            {
                Avx.StoreAlignedNonTemporal(d, Vector256.Load(s));
                Avx.StoreAlignedNonTemporal(d + 32, Vector256.Load(s + 32));
            }
        }
        var tail = bytes - head - lines * line;
        Buffer.MemoryCopy(s, d, tail, tail);
    }

    /// <summary>Orders this thread's streaming stores before its later stores (the signal that its part is done).</summary>
    public static void Fence()
    {
        if (Sse.IsSupported) Sse.StoreFence();
    }
}
