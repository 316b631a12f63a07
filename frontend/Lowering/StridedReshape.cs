namespace JaxNet.Lowering;

/// <summary>
/// A row-major reshape of a strided view as strides, where one exists (NumPy's no-copy reshape): each run of input
/// dimensions that the reshape merges must itself be contiguous, and the output dimensions it splits into get
/// strides from the run's innermost one. A slice of interleaved complex storage (stride 2) split into digits, or a
/// broadcast (stride 0) split in two, stays a view, where the general reshape would be read element by element.
/// </summary>
internal static class StridedReshape
{
    /// <summary>The strides of <paramref name="outShape"/> that address the same elements, in the same row-major
    /// order, as <paramref name="inShape"/> with <paramref name="inStrides"/>; null when none do.</summary>
    public static long[]? Strides(int[] inShape, long[] inStrides, int[] outShape)
    {
        if (inShape.Contains(0) || outShape.Contains(0)) return null;
        // Size-1 input dimensions address nothing; their strides do not matter.
        var kept = Enumerable.Range(0, inShape.Length).Where(d => inShape[d] != 1).ToArray();
        var oldDims = kept.Select(d => (long)inShape[d]).ToArray();
        var oldStrides = kept.Select(d => inStrides[d]).ToArray();
        var strides = new long[outShape.Length];
        int oi = 0, oj = 1, ni = 0, nj = 1;
        while (ni < outShape.Length && oi < oldDims.Length)
        {
            long np = outShape[ni], op = oldDims[oi];
            while (np != op)
            {
                if (np < op) np *= outShape[nj++];
                else op *= oldDims[oj++];
            }
            for (var ok = oi; ok < oj - 1; ok++)
                if (oldStrides[ok] != oldDims[ok + 1] * oldStrides[ok + 1]) return null;
            strides[nj - 1] = oldStrides[oj - 1];
            for (var nk = nj - 1; nk > ni; nk--) strides[nk - 1] = strides[nk] * outShape[nk];
            ni = nj++;
            oi = oj++;
        }
        // Trailing size-1 output dimensions.
        var last = ni >= 1 ? strides[ni - 1] : 1;
        for (var nk = ni; nk < outShape.Length; nk++) strides[nk] = last;
        return strides;
    }
}
