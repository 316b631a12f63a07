using System.Numerics;
using JaxNet.Backends.CpuSimd.Kernels.Gemm;
using JaxNet.Backends.CpuSimd.Memory;

namespace JaxNet.Backends.CpuSimd.Kernels;

/// <summary>
/// The implicit GEMM's B operand: the patches [I x window, images x out points] of a block of images, gathered from
/// the input straight into the GEMM's panels. No patch matrix exists: for each patch row of the block the GEMM asks
/// for, the columns are gathered into a line of this thread's (in L1, as long as the GEMM's block of columns) and
/// dealt out to the panels from there. im2col wrote every patch to memory (2.4 MB per image for the 32 x 32 conv
/// row's depth of 576, more than an L2) and the GEMM's packing read it back from there.
/// </summary>
/// <remarks>
/// Where a window position's rows read the input at stride 1, its patch row is the copies and zero fills worked out
/// when the kernel compiled (<see cref="ConvolutionPatchRuns"/>); the others are filled along output rows
/// (<see cref="ConvolutionPatchTable"/>), joining rows into one copy in the same way, and element by element where
/// a row reads with a step or through lhs-dilation holes.
/// </remarks>
internal sealed unsafe class ConvolutionPatchPanels<T>(ConvolutionPatchTable table, T* firstImage, long imageStride) : IPanelSource
    where T : unmanaged, INumber<T>
{
    [ThreadStatic] private static nint line;
    [ThreadStatic] private static long lineBytes;

    public void Pack(nint pack, int k0, int kc, int j0, int nc, int nr)
    {
        var buffer = (T*)NativeBlock.Reuse(ref line, ref lineBytes, (long)nc * sizeof(T));
        var panels = (T*)pack;
        for (var k = k0; k < k0 + kc; k++)
        {
            Gather(k, j0, nc, buffer);
            var row = panels + (long)(k - k0) * nr;
            for (var j = 0; j < nc; j += nr, row += (long)kc * nr)
            {
                var cols = Math.Min(nr, nc - j);
                ConvolutionRunCopy.Copy((byte*)(buffer + j), (byte*)row, (nint)cols * sizeof(T));
                for (var c = cols; c < nr; c++) row[c] = T.Zero;
            }
        }
    }

    /// <summary>Columns [<paramref name="j0"/>, j0 + <paramref name="nc"/>) of patch row <paramref name="k"/>, image by image.</summary>
    public void Gather(long k, long j0, long nc, T* dst)
    {
        var points = table.Points;
        var channel = k / table.WindowPoints;
        var window = k % table.WindowPoints;
        for (var j = j0; j < j0 + nc;)
        {
            var image = j / points;
            var end = Math.Min(j0 + nc, (image + 1) * points);
            var source = firstImage + image * imageStride + channel * table.InPoints;
            FillPoints(source, window, j - image * points, end - image * points, dst + (j - j0));
            j = end;
        }
    }

    /// <summary>Points [<paramref name="p0"/>, <paramref name="p1"/>) of one image's patch row for
    /// <paramref name="window"/> reading <paramref name="channel"/>.</summary>
    private void FillPoints(T* channel, long window, long p0, long p1, T* dst)
    {
        if (window < table.Runs.Length && table.Runs[window] is { } runs)
        {
            runs.Fill(channel, p0, p1, dst);
            return;
        }
        var inner = table.Inner;
        var innerWindow = (int)(window % table.InnerWindow);
        var stretch = table.InnerStretches[innerWindow];
        var fast = stretch is { Step: 1 } && table.InnerStride == 1;
        var (lo, hi, first, _) = stretch ?? default;
        // The pending copy: dst[runDst, runEnd) from runSource on, over the padding between the rows it joins.
        T* runDst = null, runEnd = null, runSource = null;
        for (var r = p0 / inner; r * inner < p1; r++)
        {
            var rowStart = r * inner;
            int a = (int)(Math.Max(p0, rowStart) - rowStart), b = (int)(Math.Min(p1, rowStart + inner) - rowStart);
            var piece = dst + (rowStart + a - p0);
            var offset = table.RowOffset(window, r);
            if (offset >= 0 && fast)
            {
                int from = Math.Max(a, lo), to = Math.Min(b, hi);
                if (from >= to) continue;
                var target = piece + (from - a);
                var source = channel + offset + first + (from - lo);
                if (runDst != null && source - runSource == target - runDst && target >= runEnd)
                {
                    runEnd = target + (to - from);
                    continue;
                }
                Flush(runDst, runEnd, runSource);
                runDst = target;
                runEnd = target + (to - from);
                runSource = source;
                continue;
            }
            Flush(runDst, runEnd, runSource);
            runDst = null;
            if (offset < 0) Zero(piece, b - a);
            else Slow(channel + offset, piece, a, b, innerWindow, stretch);
        }
        Flush(runDst, runEnd, runSource);
        if (!fast) return;
        // The padding of the copied rows, some of it under a joined copy, cleared after the copies.
        for (var r = p0 / inner; r * inner < p1; r++)
        {
            var rowStart = r * inner;
            int a = (int)(Math.Max(p0, rowStart) - rowStart), b = (int)(Math.Min(p1, rowStart + inner) - rowStart);
            if (table.RowOffset(window, r) < 0) continue;
            var piece = dst + (rowStart + a - p0);
            Zero(piece, Math.Min(b, lo) - a);
            var tail = Math.Max(a, hi);
            Zero(piece + (tail - a), b - tail);
        }
    }

    private static void Flush(T* dst, T* end, T* source)
    {
        if (dst != null) ConvolutionRunCopy.Copy((byte*)source, (byte*)dst, (nint)((end - dst) * sizeof(T)));
    }

    /// <summary>Inner positions [a, b) of a row read with a step, along a strided input row, or through holes.</summary>
    private void Slow(T* row, T* dst, int a, int b, int innerWindow, (int Lo, int Hi, int First, int Step)? stretch)
    {
        var innerStride = table.InnerStride;
        if (stretch is (int lo, int hi, int first, int step))
        {
            for (var o = a; o < b; o++)
                dst[o - a] = o >= lo && o < hi ? row[(first + (long)(o - lo) * step) * innerStride] : T.Zero;
            return;
        }
        var map = table.InnerMaps[innerWindow];
        for (var o = a; o < b; o++) dst[o - a] = map[o] < 0 ? T.Zero : row[map[o] * innerStride];
    }

    private static void Zero(T* dst, long count)
    {
        if (count > 16) new Span<T>(dst, (int)count).Clear();
        else for (long i = 0; i < count; i++) dst[i] = T.Zero;
    }
}
