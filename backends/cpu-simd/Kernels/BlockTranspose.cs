namespace JaxNet.Backends.CpuSimd.Kernels;

/// <summary>
/// Moves a block that the source holds column by column (contiguous down each column, columns
/// <c>colStride</c> elements apart) into row-major order: dst[r * dstStride + c] = src[c * colStride + r]. Square
/// register tiles (<see cref="TransposeTiles"/>) move 4- and 8-byte elements; the ragged edges and other sizes go
/// element by element, reading each column's run contiguously.
/// </summary>
internal static unsafe class BlockTranspose
{
    public static void Run(nint src, long colStride, nint dst, long dstStride, int rows, int cols, int elementSize)
    {
        switch (elementSize)
        {
            case 1: ByElement((byte*)src, colStride, (byte*)dst, dstStride, rows, cols); break;
            case 2: ByElement((ushort*)src, colStride, (ushort*)dst, dstStride, rows, cols); break;
            case 4 when TransposeTiles.Supported: Tiled((float*)src, colStride, (float*)dst, dstStride, rows, cols, 8, &TransposeTiles.Tile8x8); break;
            case 4: ByElement((uint*)src, colStride, (uint*)dst, dstStride, rows, cols); break;
            case 8 when TransposeTiles.Supported: Tiled((double*)src, colStride, (double*)dst, dstStride, rows, cols, 4, &TransposeTiles.Tile4x4); break;
            case 8: ByElement((ulong*)src, colStride, (ulong*)dst, dstStride, rows, cols); break;
            default: throw new ArgumentOutOfRangeException(nameof(elementSize), elementSize, "elements of 1, 2, 4 or 8 bytes");
        }
    }

    /// <summary>Square tiles of <paramref name="edge"/>; floats here only carry bits (shuffles do not touch them).</summary>
    private static void Tiled<T>(T* src, long colStride, T* dst, long dstStride, int rows, int cols, int edge,
        delegate*<T*, long, T*, long, void> tile) where T : unmanaged
    {
        var c = 0;
        for (; c + edge <= cols; c += edge)
        {
            var r = 0;
            for (; r + edge <= rows; r += edge) tile(src + c * colStride + r, colStride, dst + r * dstStride + c, dstStride);
            for (; r < rows; r++)
                for (var k = c; k < c + edge; k++) dst[r * dstStride + k] = src[k * colStride + r];
        }
        ByElement(src + c * colStride, colStride, dst + c, dstStride, rows, cols - c);
    }

    private static void ByElement<T>(T* src, long colStride, T* dst, long dstStride, int rows, int cols) where T : unmanaged
    {
        for (var c = 0; c < cols; c++)
        {
            var column = src + c * colStride;
            for (var r = 0; r < rows; r++) dst[r * dstStride + c] = column[r];
        }
    }
}
