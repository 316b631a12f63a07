namespace JaxNet.Backends.CpuSimd.Kernels;

/// <summary>
/// One window position's patch row of an image as block copies and zero fills, worked out once per kernel: the
/// patch row holds, per output point, the channel's element at Source + (point - Start) of the copy covering it, or
/// zero. Consecutive output rows whose stretches follow each other in the input exactly as they do in the patch row
/// (a stride-1 "same" convolution) are one copy; the zero fills (padding, some of it under a joined copy) are
/// applied after the copies. Only for window positions whose rows read the input at stride 1.
/// </summary>
internal sealed class ConvolutionPatchRuns
{
    private ConvolutionPatchRuns(int[] copyStart, int[] copyLength, long[] copySource, int[] zeroStart, int[] zeroLength)
    {
        this.copyStart = copyStart;
        this.copyLength = copyLength;
        this.copySource = copySource;
        this.zeroStart = zeroStart;
        this.zeroLength = zeroLength;
    }

    private readonly int[] copyStart;
    private readonly int[] copyLength;
    private readonly long[] copySource;
    private readonly int[] zeroStart;
    private readonly int[] zeroLength;

    /// <summary>
    /// The runs of patch rows at window position <paramref name="window"/> whose output rows read the stretch
    /// [<paramref name="lo"/>, <paramref name="hi"/>) from <paramref name="first"/> on at stride 1.
    /// </summary>
    public static ConvolutionPatchRuns Build(ConvolutionPatchTable table, long window, int lo, int hi, int first)
    {
        var inner = table.Inner;
        List<int> copyStart = [], copyLength = [], zeroStart = [], zeroLength = [];
        List<long> copySource = [];
        void Zero(long start, long count)
        {
            if (count <= 0) return;
            var last = zeroStart.Count - 1;
            if (last >= 0 && zeroStart[last] + zeroLength[last] == start) zeroLength[last] += (int)count;
            else
            {
                zeroStart.Add((int)start);
                zeroLength.Add((int)count);
            }
        }
        for (long r = 0; r < table.Rows; r++)
        {
            var rowStart = r * inner;
            var offset = table.RowOffset(window, r);
            if (offset < 0 || lo >= hi)
            {
                Zero(rowStart, inner);
                continue;
            }
            Zero(rowStart, lo);
            Zero(rowStart + hi, inner - hi);
            long dst = rowStart + lo, source = offset + first;
            var last = copyStart.Count - 1;
            if (last >= 0 && source - copySource[last] == dst - copyStart[last])
            {
                copyLength[last] = (int)(dst + hi - lo - copyStart[last]);
                continue;
            }
            copyStart.Add((int)dst);
            copyLength.Add(hi - lo);
            copySource.Add(source);
        }
        return new ConvolutionPatchRuns([.. copyStart], [.. copyLength], [.. copySource], [.. zeroStart], [.. zeroLength]);
    }

    /// <summary>Points [<paramref name="p0"/>, <paramref name="p1"/>) of the patch row reading
    /// <paramref name="channel"/>, to <paramref name="dst"/>.</summary>
    public unsafe void Fill<T>(T* channel, long p0, long p1, T* dst) where T : unmanaged
    {
        for (var i = Covering(copyStart, copyLength, p0); i < copyStart.Length && copyStart[i] < p1; i++)
        {
            long from = Math.Max(p0, copyStart[i]), to = Math.Min(p1, copyStart[i] + (long)copyLength[i]);
            if (from < to)
                ConvolutionRunCopy.Copy((byte*)(channel + copySource[i] + (from - copyStart[i])), (byte*)(dst + (from - p0)),
                    (nint)((to - from) * sizeof(T)));
        }
        for (var i = Covering(zeroStart, zeroLength, p0); i < zeroStart.Length && zeroStart[i] < p1; i++)
        {
            long from = Math.Max(p0, zeroStart[i]), to = Math.Min(p1, zeroStart[i] + (long)zeroLength[i]);
            var target = dst + (from - p0);
            if (to - from > 16) new Span<T>(target, (int)(to - from)).Clear();
            else for (var j = 0; j < to - from; j++) target[j] = default;
        }
    }

    /// <summary>The first of the sorted, disjoint ranges that ends after <paramref name="p0"/>.</summary>
    private static int Covering(int[] start, int[] length, long p0)
    {
        int lo = 0, hi = start.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (start[mid] + (long)length[mid] <= p0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
