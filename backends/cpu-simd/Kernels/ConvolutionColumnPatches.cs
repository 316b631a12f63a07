using System.Numerics;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Kernels;

/// <summary>
/// im2col: one image's patches [(in feature, window point), out point], the B operand of a forward convolution's or
/// input gradient's product. Each patch row is filled along the output's innermost dimension, where a window
/// position reads one stretch of an input row (<see cref="ConvolutionGeometry.InnerStretches"/>): a block copy at
/// stride 1 with padding at its ends. Consecutive output rows whose stretches follow each other in the input as
/// they do in the patch row (input rows as long as the output's, as in a stride-1 "same" convolution) are copied
/// as one run, and the padding between them is cleared after it: one copy per patch row instead of one per row of
/// 14 elements.
/// </summary>
internal static unsafe class ConvolutionColumnPatches<T> where T : unmanaged, INumber<T>
{
    /// <summary>
    /// patches[(c, w), p] = image[c, input position of (w, p)], or 0 where that is padding, for the
    /// group's input features from <paramref name="image"/> (contiguous [C, in...]); patch rows
    /// <paramref name="rowStride"/> elements apart (several images' patches side by side).
    /// </summary>
    public static void Fill(ConvolutionGeometry g, T* image, T* patches, long rowStride)
    {
        var rank = g.OutSizes.Length;
        var points = g.OutPoints;
        var inStrides = IndexMap.RowMajorStrides(g.InSizes);
        Span<int> window = stackalloc int[rank];
        Span<int> output = stackalloc int[rank];
        var maps = new int[rank][];
        var row = patches;
        for (var c = 0; c < g.InFeaturesPerGroup; c++)
        {
            var channel = image + c * g.InPoints;
            window.Clear();
            for (long w = 0; w < g.WindowPoints; w++)
            {
                for (var s = 0; s < rank; s++) maps[s] = g.InputIndex[s][window[s]];
                FillRow(g, channel, row, maps, rank == 0 ? null : g.InnerStretches[window[rank - 1]], inStrides, output, points);
                row += rowStride;
                for (var s = rank - 1; s >= 0; s--)
                {
                    if (++window[s] < g.WindowSizes[s]) break;
                    window[s] = 0;
                }
            }
        }
    }

    private static void FillRow(ConvolutionGeometry g, T* channel, T* row, int[][] maps, (int Lo, int Hi, int First, int Step)? stretch,
        long[] inStrides, Span<int> output, long points)
    {
        var rank = maps.Length;
        if (rank == 0)
        {
            row[0] = channel[0];
            return;
        }
        if (points == 0) return;
        output.Clear();
        var inner = g.OutSizes[rank - 1];
        var innerMap = maps[rank - 1];
        var innerStride = inStrides[rank - 1];
        // The pending run: rows [runDst, runDst + runRows x inner) read from runSource on.
        T* runDst = null, runSource = null;
        long runRows = 0;
        for (long p = 0; p < points; p += inner)
        {
            long offset = 0;
            var valid = true;
            for (var s = 0; s < rank - 1; s++)
            {
                var index = maps[s][output[s]];
                if (index < 0) valid = false;
                offset += index * inStrides[s];
            }
            var dst = row + p;
            if (valid && stretch is (int lo, int hi, int firstIndex, 1) && innerStride == 1)
            {
                var source = channel + offset + firstIndex;
                if (runRows > 0 && source == runSource + runRows * inner)
                {
                    runRows++;
                }
                else
                {
                    CopyRun(runDst, runSource, runRows, inner, lo, hi);
                    runDst = dst;
                    runSource = source;
                    runRows = 1;
                }
            }
            else
            {
                if (stretch is { } pending) CopyRun(runDst, runSource, runRows, inner, pending.Lo, pending.Hi);
                runRows = 0;
                FillOne(channel, dst, offset, valid, stretch, innerMap, innerStride, inner);
            }
            for (var s = rank - 2; s >= 0; s--)
            {
                if (++output[s] < g.OutSizes[s]) break;
                output[s] = 0;
            }
        }
        if (stretch is { } last) CopyRun(runDst, runSource, runRows, inner, last.Lo, last.Hi);
    }

    /// <summary>
    /// <paramref name="rows"/> patch rows of <paramref name="inner"/> points from <paramref name="dst"/>, each reading
    /// its stretch [lo, hi) from where the last one's ended: one copy, then the padding at the rows' ends cleared.
    /// </summary>
    private static void CopyRun(T* dst, T* source, long rows, int inner, int lo, int hi)
    {
        if (rows == 0) return;
        Zero(dst, lo);
        ConvolutionRunCopy.Copy((byte*)source, (byte*)(dst + lo), (nint)(((rows - 1) * inner + hi - lo) * sizeof(T)));
        for (long r = 0; r < rows - 1; r++) Zero(dst + r * inner + hi, inner - hi + lo);
        Zero(dst + (rows - 1) * inner + hi, inner - hi);
    }

    /// <summary>One patch row read alone: padding, a stretch read with a step, or a map with lhs-dilation holes.</summary>
    private static void FillOne(T* channel, T* dst, long offset, bool valid, (int Lo, int Hi, int First, int Step)? stretch, int[] innerMap,
        long innerStride, int inner)
    {
        if (!valid)
        {
            Zero(dst, inner);
        }
        else if (stretch is (int lo, int hi, int firstIndex, int step))
        {
            Zero(dst, lo);
            Zero(dst + hi, inner - hi);
            var source = channel + offset + firstIndex * innerStride;
            for (var o = lo; o < hi; o++) dst[o] = source[(o - lo) * step * innerStride];
        }
        else
        {
            for (var o = 0; o < inner; o++)
            {
                var index = innerMap[o];
                dst[o] = index < 0 ? T.Zero : channel[offset + index * innerStride];
            }
        }
    }

    private static void Zero(T* dst, long count)
    {
        if (count > 16)
        {
            new Span<T>(dst, (int)count).Clear();
            return;
        }
        for (long i = 0; i < count; i++) dst[i] = T.Zero;
    }
}
