namespace JaxNet.Backends.TpuSim.Execution;

/// <summary>Element offsets that read a contiguous tensor with its dimensions visited in another order.</summary>
internal static class Permutation
{
    /// <summary>
    /// The source offsets of a row-major walk over the dimensions <paramref name="order"/> of a contiguous tensor
    /// of <paramref name="shape"/>: element j of the result is where the j-th point of the permuted view lives.
    /// </summary>
    public static long[] Offsets(int[] shape, int[] order)
    {
        var strides = JaxNet.Abstractions.Kernels.IndexMap.RowMajorStrides(shape);
        var viewShape = order.Select(d => shape[d]).ToArray();
        var viewStrides = order.Select(d => strides[d]).ToArray();
        var count = checked((int)Coordinates.Count(viewShape));
        var offsets = new long[count];
        var coords = new long[viewShape.Length];
        long offset = 0;
        for (var j = 0; j < count; j++)
        {
            offsets[j] = offset;
            for (var d = coords.Length - 1; d >= 0; d--)
            {
                offset += viewStrides[d];
                if (++coords[d] < viewShape[d]) break;
                offset -= viewStrides[d] * coords[d];
                coords[d] = 0;
            }
        }
        return offsets;
    }
}
