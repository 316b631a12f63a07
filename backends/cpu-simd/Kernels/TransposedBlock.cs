namespace JaxNet.Backends.CpuSimd.Kernels;

/// <summary>
/// Moves a block read across its rows: <c>dst[r·dstRowStride + c] = src[r + c·srcColumnStride]</c> for r below
/// <c>rows</c> and c below <c>cols</c> (the source is contiguous down each column). Columns go in groups of 32,
/// whole 8 x 8 (4-byte) or 4 x 4 (8-byte) tiles through registers (<see cref="TransposeTiles"/>), the ragged edges,
/// 1- and 2-byte elements and CPUs without AVX element by element. Callers keep <c>rows</c> to a few dozen so that
/// the source lines a group of columns touches are still cached when the next rows come to them.
/// </summary>
internal static unsafe class TransposedBlock
{
    private const int Group = 32;

    public static void Move(nint src, long srcColumnStride, nint dst, long dstRowStride, int rows, long cols, int size)
    {
        switch (size)
        {
            case 1: Elements((byte*)src, srcColumnStride, (byte*)dst, dstRowStride, rows, cols); break;
            case 2: Elements((ushort*)src, srcColumnStride, (ushort*)dst, dstRowStride, rows, cols); break;
            case 4 when TransposeTiles.Supported: Tiled((float*)src, srcColumnStride, (float*)dst, dstRowStride, rows, cols, 8, &TransposeTiles.Tile8x8); break;
            case 4: Elements((uint*)src, srcColumnStride, (uint*)dst, dstRowStride, rows, cols); break;
            case 8 when TransposeTiles.Supported: Tiled((double*)src, srcColumnStride, (double*)dst, dstRowStride, rows, cols, 4, &TransposeTiles.Tile4x4); break;
            default: Elements((ulong*)src, srcColumnStride, (ulong*)dst, dstRowStride, rows, cols); break;
        }
    }

    /// <summary>Square tiles of <paramref name="edge"/> moved by <paramref name="tile"/>, the ragged right and bottom
    /// edges element by element. Floats here only carry bits: shuffles do not touch them.</summary>
    private static void Tiled<T>(T* src, long srcColumnStride, T* dst, long dstRowStride, int rows, long cols, int edge,
        delegate*<T*, long, T*, long, void> tile) where T : unmanaged
    {
        for (var c0 = 0L; c0 < cols; c0 += Group)
        {
            var c1 = Math.Min(cols, c0 + Group);
            var c = c0;
            for (; c + edge <= c1; c += edge)
            {
                var r = 0;
                for (; r + edge <= rows; r += edge) tile(src + c * srcColumnStride + r, srcColumnStride, dst + r * dstRowStride + c, dstRowStride);
                for (; r < rows; r++)
                    for (var k = c; k < c + edge; k++) dst[r * dstRowStride + k] = src[k * srcColumnStride + r];
            }
            for (; c < c1; c++) Column(src + c * srcColumnStride, dst + c, dstRowStride, rows);
        }
    }

    private static void Elements<T>(T* src, long srcColumnStride, T* dst, long dstRowStride, int rows, long cols) where T : unmanaged
    {
        for (var c = 0L; c < cols; c++) Column(src + c * srcColumnStride, dst + c, dstRowStride, rows);
    }

    /// <summary>One contiguous source column written down a column of the destination.</summary>
    private static void Column<T>(T* column, T* dst, long dstRowStride, int rows) where T : unmanaged
    {
        for (var r = 0; r < rows; r++) dst[r * dstRowStride] = column[r];
    }
}
