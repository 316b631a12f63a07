using System.Numerics;
using JaxNet.Abstractions.Kernels;
using JaxNet.Backends.CpuSimd.Kernels.Gemm;
using JaxNet.Backends.CpuSimd.Launch;

namespace JaxNet.Backends.CpuSimd.Kernels;

/// <summary>
/// conv_general_dilated by im2row + one GEMM per group, for convolutions whose window is wider than their output
/// (a weight gradient: the window is the output gradient's spatial extent, the output the filter's few points).
/// The patches hold one row per output point of every output batch, [(batch, out point), (in feature, window)],
/// each row gathered as runs along the window's innermost dimension, and
/// result[(batch, out point), out feature] = patches x filters^T is a single product whose rows are all the batches'
/// points: im2col would give each batch its own product only as wide as its few output points.
/// </summary>
/// <remarks>
/// The result is [out batch, out points, out features] (out features innermost, the GEMM's columns); the caller
/// reads it in the output's layout. Patches are built and multiplied in chunks of rows of at most
/// <see cref="ChunkElements"/> elements, so a large batch does not hold every batch's patches at once.
/// </remarks>
internal static unsafe class ConvolutionRowPatches<T> where T : unmanaged, INumber<T>
{
    /// <summary>The most patch elements held at once (32 MiB of f32).</summary>
    public const long ChunkElements = 1L << 23;

    /// <summary>
    /// Rows per chunk below which the filters, packed again for every chunk, would cost more than the product:
    /// im2col is used instead (<see cref="ConvolutionGeometry.PrefersRowPatches"/>).
    /// </summary>
    public const int MinChunkRows = 48;

    /// <summary>
    /// result[(ob, p), o] = sum over (c, w) of lhs[batch of (ob, group), feature c of the group, input of (w, p)] x
    /// rhs[o, c, w]; lhs is [N, C, in...], rhs [O, I, window...], both contiguous in T. <paramref name="patches"/>
    /// holds <paramref name="chunk"/> rows (<see cref="ChunkRows"/>, or fewer to test the chunking).
    /// </summary>
    public static void Run(ConvolutionGeometry g, T* lhs, T* rhs, T* result, GemmRunner.Entry gemm, T* patches, long chunk)
    {
        var depth = g.InFeaturesPerGroup * g.WindowPoints;
        var points = g.OutPoints;
        var rows = g.OutBatch * points;
        var groupFeatures = g.OutFeatures / g.Groups;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunk);
        for (var group = 0; group < g.Groups; group++)
        {
            for (long first = 0; first < rows; first += chunk)
            {
                var count = (int)Math.Min(chunk, rows - first);
                var workers = (int)Math.Min(Environment.ProcessorCount, count);
                var group1 = group;
                var first1 = first;
                if (workers > 1 && (double)count * depth >= 1 << 15)
                    CpuParallel.For(workers, w => Fill(g, lhs, group1, first1 + (long)count * w / workers, first1 + (long)count * (w + 1) / workers, patches + (long)count * w / workers * depth));
                else
                    Fill(g, lhs, group, first, first + count, patches);
                var firstOut = group * groupFeatures;
                gemm(new GemmArgs(count, groupFeatures, (int)depth,
                    (nint)patches, (nint)depth, 1,
                    (nint)(rhs + firstOut * depth), 1, (nint)depth,
                    (nint)(result + first * g.OutFeatures + firstOut), g.OutFeatures), true);
            }
        }
    }

    /// <summary>Rows of patches per chunk: all of them when they fit <see cref="ChunkElements"/>.</summary>
    public static long ChunkRows(ConvolutionGeometry g)
    {
        var depth = Math.Max(1, g.InFeaturesPerGroup * g.WindowPoints);
        return Math.Max(1, Math.Min(g.OutBatch * g.OutPoints, ChunkElements / depth));
    }

    /// <summary>Patch rows [first, end) of <paramref name="group"/> into <paramref name="row"/>, one after another.</summary>
    private static void Fill(ConvolutionGeometry g, T* lhs, int group, long first, long end, T* row)
    {
        var rank = g.OutSizes.Length;
        var depth = g.InFeaturesPerGroup * g.WindowPoints;
        var inStrides = IndexMap.RowMajorStrides(g.InSizes);
        Span<int> output = stackalloc int[rank];
        for (var r = first; r < end; r++, row += depth)
        {
            var ob = r / g.OutPoints;
            var p = r % g.OutPoints;
            for (var s = rank - 1; s >= 0; s--)
            {
                output[s] = (int)(p % g.OutSizes[s]);
                p /= g.OutSizes[s];
            }
            var batch = g.BatchGroups > 1 ? group * g.OutBatch + ob : ob;
            var firstFeature = g.FeatureGroups > 1 ? group * g.InFeaturesPerGroup : 0;
            var image = lhs + ((long)batch * g.Features + firstFeature) * g.InPoints;
            FillRow(g, image, output, inStrides, row);
        }
    }

    /// <summary>
    /// One patch row: for each input feature and each position of the window's outer dimensions, a run along the
    /// innermost window dimension, copied as a block where it reads the input row at stride 1.
    /// </summary>
    private static void FillRow(ConvolutionGeometry g, T* image, ReadOnlySpan<int> output, long[] inStrides, T* row)
    {
        var rank = output.Length;
        var inner = g.WindowSizes[rank - 1];
        var outer = inner == 0 ? 0 : g.WindowPoints / inner;
        var innerOut = output[rank - 1];
        var stretch = g.WindowStretches[innerOut];
        var innerMap = g.InputIndex[rank - 1];
        Span<int> window = stackalloc int[rank];
        for (var c = 0; c < g.InFeaturesPerGroup; c++)
        {
            var channel = image + c * g.InPoints;
            window.Clear();
            for (long w = 0; w < outer; w++, row += inner)
            {
                long offset = 0;
                var valid = true;
                for (var s = 0; s < rank - 1; s++)
                {
                    var index = g.InputIndex[s][window[s]][output[s]];
                    if (index < 0) valid = false;
                    offset += index * inStrides[s];
                }
                if (!valid)
                {
                    new Span<T>(row, inner).Clear();
                }
                else if (stretch is (int lo, int hi, int firstIndex, int step))
                {
                    new Span<T>(row, lo).Clear();
                    new Span<T>(row + hi, inner - hi).Clear();
                    var source = channel + offset + firstIndex;
                    if (step == 1)
                        new ReadOnlySpan<T>(source, hi - lo).CopyTo(new Span<T>(row + lo, hi - lo));
                    else
                        for (var k = lo; k < hi; k++) row[k] = source[(k - lo) * step];
                }
                else
                {
                    for (var k = 0; k < inner; k++)
                    {
                        var index = innerMap[k][innerOut];
                        row[k] = index < 0 ? T.Zero : channel[offset + index];
                    }
                }
                for (var s = rank - 2; s >= 0; s--)
                {
                    if (++window[s] < g.WindowSizes[s]) break;
                    window[s] = 0;
                }
            }
        }
    }
}
