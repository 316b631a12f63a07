using ILGPU;

namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>
/// Maps a row-major point of some dimensions to an offset through their strides, both read from a launch's
/// metadata at <c>at</c>: <c>[n, extents(n), strides(n)]</c> (a reduction's kept and reduced axes, a scatter's
/// parallel and sequential update dimensions).
/// </summary>
internal static class StridedOffset
{
    public static long Of(ArrayView<long> meta, int at, long point)
    {
        var n = (int)meta[at];
        long offset = 0;
        for (var d = n - 1; d >= 0; d--)
        {
            var extent = meta[at + 1 + d];
            var quotient = IndexMath.Divide(point, extent);
            offset += (point - quotient * extent) * meta[at + 1 + n + d];
            point = quotient;
        }
        return offset;
    }

    /// <summary>Where the next <c>[n, extents, strides]</c> block starts after the one at <paramref name="at"/>.</summary>
    public static int After(ArrayView<long> meta, int at) => at + 1 + 2 * (int)meta[at];
}
