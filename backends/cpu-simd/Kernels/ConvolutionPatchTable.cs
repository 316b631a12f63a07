using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.CpuSimd.Kernels;

/// <summary>
/// Where each row of an im2col patch row reads its channel, worked out once per kernel instead of for every
/// channel, image and block: patch row (c, w) holds, for each output point, channel c's input at window position w
/// or 0. Its points fall in output rows of <see cref="Inner"/> points (the output's innermost dimension); output row
/// r reads the channel from <see cref="RowOffset"/>, the same for every channel, and along the row
/// <see cref="InnerMaps"/> / <see cref="InnerStretches"/> of the window's innermost position. A convolution without
/// spatial dimensions is one point, one row of one element.
/// </summary>
internal sealed class ConvolutionPatchTable
{
    public ConvolutionPatchTable(ConvolutionGeometry g)
    {
        var rank = g.OutSizes.Length;
        Points = g.OutPoints;
        WindowPoints = g.WindowPoints;
        InPoints = g.InPoints;
        if (rank == 0)
        {
            Inner = 1;
            InnerWindow = 1;
            InnerStride = 1;
            Rows = 1;
            InnerMaps = [[0]];
            InnerStretches = [(0, 1, 0, 1)];
            offsets = [0];
            Runs = [ConvolutionPatchRuns.Build(this, 0, 0, 1, 0)];
            return;
        }
        Inner = g.OutSizes[rank - 1];
        InnerWindow = g.WindowSizes[rank - 1];
        var inStrides = IndexMap.RowMajorStrides(g.InSizes);
        InnerStride = inStrides[rank - 1];
        Rows = Inner == 0 ? 0 : Points / Inner;
        InnerMaps = g.InputIndex[rank - 1];
        InnerStretches = g.InnerStretches;
        // offsets[outer window position][output row]: the outer dimensions' input offset, or -1 in padding.
        var outerWindows = WindowPoints / Math.Max(1, InnerWindow);
        offsets = new long[outerWindows * Rows];
        Span<int> window = stackalloc int[rank];
        Span<int> output = stackalloc int[rank];
        for (long wo = 0; wo < outerWindows; wo++)
        {
            output.Clear();
            for (long r = 0; r < Rows; r++)
            {
                long offset = 0;
                for (var s = 0; s < rank - 1 && offset >= 0; s++)
                {
                    var index = g.InputIndex[s][window[s]][output[s]];
                    offset = index < 0 ? -1 : offset + index * inStrides[s];
                }
                offsets[wo * Rows + r] = offset;
                Next(output, g.OutSizes, rank - 1);
            }
            Next(window, g.WindowSizes, rank - 1);
        }
        Runs = new ConvolutionPatchRuns?[WindowPoints <= MaxRunRows / Math.Max(1, Rows) ? WindowPoints : 0];
        for (long w = 0; w < Runs.Length; w++)
            if (InnerStretches[w % InnerWindow] is (int lo, int hi, int first, 1) && InnerStride == 1)
                Runs[w] = ConvolutionPatchRuns.Build(this, w, lo, hi, first);
    }

    /// <summary>The most patch rows (window positions x output rows) whose runs are worked out ahead: a few
    /// entries per row, a few MB at most.</summary>
    public const long MaxRunRows = 1 << 20;

    private readonly long[] offsets;

    /// <summary>Output points per image: the columns of one image's patches.</summary>
    public long Points { get; }

    /// <summary>Window positions: the patch rows per input channel.</summary>
    public long WindowPoints { get; }

    /// <summary>Elements of one input channel.</summary>
    public long InPoints { get; }

    /// <summary>Points per output row (the output's innermost extent).</summary>
    public int Inner { get; }

    /// <summary>Output rows per image.</summary>
    public long Rows { get; }

    /// <summary>The window's innermost extent: window position w is (w / InnerWindow, w % InnerWindow).</summary>
    public int InnerWindow { get; }

    /// <summary>The input's element stride along its innermost dimension.</summary>
    public long InnerStride { get; }

    /// <summary>[inner window position][inner output position] = inner input position, or -1.</summary>
    public int[][] InnerMaps { get; }

    /// <summary>As <see cref="ConvolutionGeometry.InnerStretches"/>.</summary>
    public (int Lo, int Hi, int First, int Step)?[] InnerStretches { get; }

    /// <summary>
    /// Per window position, its patch row's block copies and zero fills (<see cref="ConvolutionPatchRuns"/>); null
    /// where the rows read with a step or through holes, and empty when there would be more than
    /// <see cref="MaxRunRows"/> rows to work out: those go row by row.
    /// </summary>
    public ConvolutionPatchRuns?[] Runs { get; }

    /// <summary>Output row <paramref name="row"/>'s input offset within a channel at window position
    /// <paramref name="window"/>, before its inner position; -1 when the row lies in padding.</summary>
    public long RowOffset(long window, long row) => offsets[window / InnerWindow * Rows + row];

    /// <summary>Advances the first <paramref name="count"/> digits of a row-major index.</summary>
    private static void Next(Span<int> index, int[] sizes, int count)
    {
        for (var s = count - 1; s >= 0; s--)
        {
            if (++index[s] < sizes[s]) return;
            index[s] = 0;
        }
    }
}
