using ILGPU;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.Cuda.Kernels;
using JaxNet.Backends.Cuda.Numerics;

namespace JaxNet.Backends.Cuda.Fusion;

/// <summary>
/// Index maps as a launch's metadata (one array of longs per kernel), so that one compiled kernel serves every
/// view: layout at <c>at</c> is <c>[Q, dims(Q), offset, strides(Q), padded, lo(Q), hi(Q), pad]</c>, where dims
/// is <see cref="IndexMap.ReshapeTo"/> or the kernel's shape and pad is a register value of the input's dtype.
/// </summary>
internal static class MapCodec
{
    /// <summary>Appends a map to <paramref name="meta"/> and returns its position.</summary>
    public static int Append(List<long> meta, IndexMap map, IReadOnlyList<int> kernelShape, DType dtype)
    {
        var at = meta.Count;
        var dims = map.ReshapeTo ?? kernelShape.ToArray();
        if (dims.Length != map.Strides.Length)
            throw new ArgumentException($"index map of rank {map.Strides.Length} over a shape of rank {dims.Length}");
        meta.Add(dims.Length);
        foreach (var d in dims) meta.Add(d);
        meta.Add(map.Offset);
        meta.AddRange(map.Strides);
        meta.Add(map.IsPadded ? 1 : 0);
        if (map.IsPadded)
        {
            meta.AddRange(map.ValidLo!);
            meta.AddRange(map.ValidHi!);
        }
        meta.Add(Registers.FromDouble(map.PadValue, dtype));
        return at;
    }

    /// <summary>
    /// The offset when <paramref name="map"/> reads its input in the kernel's own row-major order (element =
    /// offset + linear index: an identity map, a contiguous slice, a reshape of one), else -1. Such loads skip the
    /// per-point index arithmetic, which on a GPU costs more than the load (64-bit division per dimension).
    /// </summary>
    public static long ContiguousOffset(IndexMap map, IReadOnlyList<int> kernelShape)
    {
        if (map.IsPadded) return -1;
        var dims = map.ReshapeTo ?? kernelShape.ToArray();
        if (dims.Length != map.Strides.Length) return -1;
        var dense = IndexMap.RowMajorStrides(dims);
        for (var d = 0; d < dims.Length; d++)
            if (dims[d] > 1 && map.Strides[d] != dense[d]) return -1;
        return map.Offset;
    }

    /// <summary>Appends a shape (for iota) and returns its position: <c>[rank, dims]</c>.</summary>
    public static int AppendShape(List<long> meta, IReadOnlyList<int> shape)
    {
        var at = meta.Count;
        meta.Add(shape.Count);
        foreach (var d in shape) meta.Add(d);
        return at;
    }

    /// <summary>The element a kernel point (row-major linear index) reads, or -1 when the point lies in the padding
    /// (a valid element indexes a buffer, so it is never negative). Not an <c>out bool</c>: ILGPU keeps an out
    /// parameter in local memory.</summary>
    public static long Resolve(ArrayView<long> meta, int at, long linear)
    {
        var q = (int)meta[at];
        var offsetAt = at + 1 + q;
        var padded = meta[offsetAt + 1 + q] != 0;
        var loAt = offsetAt + 2 + q;
        var element = meta[offsetAt];
        var valid = true;
        var rest = linear;
        for (var d = q - 1; d >= 0; d--)
        {
            var extent = meta[at + 1 + d];
            var quotient = IndexMath.Divide(rest, extent);
            var v = rest - quotient * extent;
            rest = quotient;
            element += meta[offsetAt + 1 + d] * v;
            if (padded && (v < meta[loAt + d] || v >= meta[loAt + q + d])) valid = false;
        }
        return valid ? element : -1;
    }

    public static long PadValue(ArrayView<long> meta, int at)
    {
        var q = (int)meta[at];
        var flagAt = at + 2 + 2 * q;
        return meta[flagAt] != 0 ? meta[flagAt + 1 + 2 * q] : meta[flagAt + 1];
    }
}
