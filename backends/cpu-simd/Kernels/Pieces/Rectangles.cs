using JaxNet.Backends.CpuSimd.Codegen;

namespace JaxNet.Backends.CpuSimd.Kernels.Pieces;

/// <summary>
/// Rectangles of a piecewise copy's output: <c>rows</c> consecutive rows of a stretch of <c>width</c> positions,
/// the rows <c>dstRowStride</c> elements apart. The source decides the order of the walk: row by row (block copies)
/// when it is contiguous along the row, in transposed tiles when it is contiguous down the rows (a transposed input),
/// column by column when the stretch is one position wide (a member of a stack along a new last axis), which would
/// otherwise be one tiny copy per row.
/// </summary>
internal static unsafe class Rectangles
{
    public static void Fill(nint dst, long dstRowStride, long rows, long width, int size, ulong bits)
    {
        if (width <= 0) return;
        if (width == dstRowStride)
        {
            ElementRuns.Fill(dst, rows * width, size, bits);
            return;
        }
        for (var r = 0L; r < rows; r++) ElementRuns.Fill(dst + (nint)(r * dstRowStride * size), width, size, bits);
    }

    /// <summary>dst[r·dstRowStride + p] = src[r·srcRowStride + p·srcColumnStride] for r below <paramref name="rows"/>
    /// and p below <paramref name="width"/>. <paramref name="streaming"/>: block copies store with
    /// <see cref="StreamingCopy"/> (the caller fences).</summary>
    public static void Copy(nint src, long srcRowStride, long srcColumnStride, nint dst, long dstRowStride, long rows, long width, int size,
        bool streaming = false)
    {
        if (width <= 0 || rows <= 0) return;
        if (width == 1 && rows > 1)
        {
            Column(src, srcRowStride, dst, dstRowStride, rows, size);
            return;
        }
        if (srcColumnStride == 1 && srcRowStride == width && dstRowStride == width)
        {
            BlockCopy(src, dst, rows * width * size, streaming);
            return;
        }
        if (srcRowStride == 1 && srcColumnStride != 1 && rows > 1)
        {
            for (var r = 0L; r < rows; r += TransposeRows)
                TransposedBlock.Move(src + (nint)(r * size), srcColumnStride, dst + (nint)(r * dstRowStride * size), dstRowStride,
                    (int)Math.Min(TransposeRows, rows - r), width, size);
            return;
        }
        if (srcColumnStride == 1)
        {
            for (var r = 0L; r < rows; r++)
                BlockCopy(src + (nint)(r * srcRowStride * size), dst + (nint)(r * dstRowStride * size), width * size, streaming);
            return;
        }
        for (var r = 0L; r < rows; r++)
            ElementRuns.Copy(src + (nint)(r * srcRowStride * size), srcColumnStride, dst + (nint)(r * dstRowStride * size), width, size);
    }

    private static void BlockCopy(nint src, nint dst, long bytes, bool streaming)
    {
        if (streaming) StreamingCopy.Copy(src, dst, bytes);
        else Buffer.MemoryCopy((void*)src, (void*)dst, bytes, bytes);
    }

    /// <summary>Rows a transposed stretch is moved in at a time: as the blocked transpose copy does.</summary>
    private const int TransposeRows = 32;

    private static void Column(nint src, long srcStride, nint dst, long dstStride, long count, int size)
    {
        switch (size)
        {
            case 1: Column((byte*)src, srcStride, (byte*)dst, dstStride, count); break;
            case 2: Column((ushort*)src, srcStride, (ushort*)dst, dstStride, count); break;
            case 4: Column((uint*)src, srcStride, (uint*)dst, dstStride, count); break;
            default: Column((ulong*)src, srcStride, (ulong*)dst, dstStride, count); break;
        }
    }

    private static void Column<T>(T* src, long srcStride, T* dst, long dstStride, long count) where T : unmanaged
    {
        // Counted, not bounded by an end pointer: a broadcast source (stride 0) never moves.
        for (var k = 0L; k < count; k++, src += srcStride, dst += dstStride) *dst = *src;
    }
}
