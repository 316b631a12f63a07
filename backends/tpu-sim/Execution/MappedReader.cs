using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.TpuSim.Numerics;

namespace JaxNet.Backends.TpuSim.Execution;

/// <summary>
/// Reads a <see cref="MappedInput"/> at a run of consecutive points (row-major linear indices) of a kernel's
/// index space: reshape, valid region with its pad value, then offset + strides, as docs/kernel-ir.md specifies.
/// </summary>
internal static class MappedReader
{
    public static Column Read(byte[] data, MappedInput input, int[] kernelShape, long start, int count)
    {
        var map = input.Map;
        // With ReshapeTo, linearising over the kernel's shape and splitting over ReshapeTo is just walking
        // ReshapeTo's coordinates from the same linear index.
        var walkShape = map.ReshapeTo ?? kernelShape;
        var offsets = new long[count];
        bool[]? invalid = null;
        var coords = Coordinates.Unravel(start, walkShape);
        for (var i = 0; i < count; i++)
        {
            if (map.IsPadded && !map.IsValid(coords))
            {
                invalid ??= new bool[count];
                invalid[i] = true;
                offsets[i] = 0;
            }
            else
            {
                offsets[i] = map.OffsetOf(coords);
            }
            Coordinates.Increment(coords, walkShape);
        }
        if (invalid is null) return ElementIO.Gather(data, input.DType, offsets);
        // Padded points read nothing: point them at a safe element (there may be none) and overwrite afterwards.
        var anyValid = Array.IndexOf(invalid, false) >= 0;
        Column values = anyValid ? ElementIO.Gather(data, input.DType, MaskOffsets(offsets, invalid)) : Column.Create(input.DType, count);
        var (padF, padI) = DTypeValues.FromDouble(map.PadValue, input.DType);
        for (var i = 0; i < count; i++)
        {
            if (!invalid[i]) continue;
            if (values.IsFloat) values.Floats[i] = padF;
            else values.Ints[i] = padI;
        }
        return values;
    }

    private static long[] MaskOffsets(long[] offsets, bool[] invalid)
    {
        long safe = 0;
        for (var i = 0; i < offsets.Length; i++)
            if (!invalid[i]) { safe = offsets[i]; break; }
        for (var i = 0; i < offsets.Length; i++)
            if (invalid[i]) offsets[i] = safe;
        return offsets;
    }
}

/// <summary>Row-major coordinate arithmetic.</summary>
internal static class Coordinates
{
    public static long Count(IReadOnlyList<int> shape)
    {
        long n = 1;
        foreach (var d in shape) n *= d;
        return n;
    }

    /// <summary>The coordinates of row-major linear index <paramref name="linear"/> in <paramref name="shape"/>.</summary>
    public static long[] Unravel(long linear, IReadOnlyList<int> shape)
    {
        var coords = new long[shape.Count];
        for (var d = shape.Count - 1; d >= 0; d--)
        {
            if (shape[d] == 0) return coords;
            coords[d] = linear % shape[d];
            linear /= shape[d];
        }
        return coords;
    }

    /// <summary>Steps to the next point row-major (wrapping at the end).</summary>
    public static void Increment(long[] coords, IReadOnlyList<int> shape)
    {
        for (var d = coords.Length - 1; d >= 0; d--)
        {
            if (++coords[d] < shape[d]) return;
            coords[d] = 0;
        }
    }

    public static long Linear(ReadOnlySpan<long> coords, IReadOnlyList<int> shape)
    {
        long linear = 0;
        for (var d = 0; d < shape.Count; d++) linear = linear * shape[d] + coords[d];
        return linear;
    }
}
