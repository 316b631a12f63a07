using System.Numerics;
using System.Runtime.Intrinsics;
using JaxNet.Backends.CpuSimd.Launch;
using JaxNet.Backends.Shared.Fft;

namespace JaxNet.Backends.CpuSimd.Kernels.Fft;

/// <summary>
/// The forward transform of one row whose length factors into primes up to <see cref="MaxRadix"/>: Stockham passes
/// of radix 4 while 4 divides what is left, then 2, then the odd primes (<see cref="FftStep{T}"/>). The first passes,
/// whose sub-transforms are shorter than a vector, run on the widest vectors too where their radix is 4 or 2 and the
/// butterflies fill whole vectors (their outputs zipped into place, FftStep.Narrow.cs), otherwise on narrower lanes
/// or scalars; the later ones on the widest vectors. Passes alternate between the output and a scratch row so that the last one lands in the output.
/// </summary>
internal sealed unsafe class StockhamPlan<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Largest prime factor done by a butterfly of its own (Radix² products each); longer ones go to Bluestein.</summary>
    public const int MaxRadix = FftRadices.MaxRadix;

    /// <summary>Butterflies per pass from which one row's pass is split over the cores.</summary>
    private const int ParallelButterflies = 1 << 14;

    private readonly FftStep<T>[] steps;

    private StockhamPlan(int n, FftStep<T>[] steps)
    {
        Length = n;
        this.steps = steps;
    }

    public int Length { get; }

    /// <summary>The radices, in pass order (for descriptions and tests).</summary>
    public IEnumerable<int> Radices => steps.Select(s => s.Radix);

    /// <summary>Passes narrower than a vector that zip their outputs into place on whole vectors (for descriptions and tests).</summary>
    public int ZippedPasses => steps.Count(s => NarrowWidthFor(s) > WidthFor(s.Span));

    /// <summary>The plan, or null when <paramref name="n"/> has a prime factor above <see cref="MaxRadix"/>.</summary>
    public static StockhamPlan<T>? TryCreate(int n)
    {
        var radices = FftRadices.Of(n);
        if (radices is null) return null;
        var steps = new FftStep<T>[radices.Count];
        var span = 1;
        for (var i = 0; i < radices.Count; i++)
        {
            steps[i] = new FftStep<T>(radices[i], span, n);
            span *= radices[i];
        }
        return new StockhamPlan<T>(n, steps);
    }

    /// <summary>
    /// y = DFT(x) for one row. x is only read (it may be a parameter) and must be neither y nor s, the scratch of
    /// the row's length. With <paramref name="parallel"/>, each pass is split over the cores.
    /// </summary>
    public void Forward(T* xr, T* xi, T* yr, T* yi, T* sr, T* si, bool parallel)
    {
        var n = Length;
        if (steps.Length == 0)
        {
            new Span<T>(xr, n).CopyTo(new Span<T>(yr, n));
            new Span<T>(xi, n).CopyTo(new Span<T>(yi, n));
            return;
        }
        T* fromR = xr, fromI = xi;
        for (var i = 0; i < steps.Length; i++)
        {
            var toOutput = (steps.Length - 1 - i) % 2 == 0;
            T* toR = toOutput ? yr : sr, toI = toOutput ? yi : si;
            if (i == 0 && toR == xr) throw new InvalidOperationException("fft: the first pass would overwrite its own input");
            Pass(steps[i], fromR, fromI, toR, toI, parallel);
            fromR = toR;
            fromI = toI;
        }
    }

    private void Pass(FftStep<T> step, T* xr, T* xi, T* yr, T* yi, bool parallel)
    {
        var butterflies = Length / step.Radix;
        var (whole, zipped) = (WidthFor(step.Span), NarrowWidthFor(step));
        var narrow = zipped > whole;
        var width = narrow ? zipped : whole;
        var lanes = width switch { 512 => Vector512<T>.Count, 256 => Vector256<T>.Count, 128 => Vector128<T>.Count, _ => 1 };
        var chunks = parallel && butterflies >= ParallelButterflies ? Environment.ProcessorCount : 1;
        if (chunks == 1)
        {
            Run(step, width, narrow, xr, xi, yr, yi, 0, butterflies);
            return;
        }
        var per = ((butterflies + chunks - 1) / chunks + lanes - 1) / lanes * lanes;
        var (pxr, pxi, pyr, pyi) = ((nint)xr, (nint)xi, (nint)yr, (nint)yi);
        CpuParallel.For(chunks, c =>
        {
            var from = Math.Min(butterflies, c * per);
            var to = Math.Min(butterflies, from + per);
            if (from < to) Run(step, width, narrow, (T*)pxr, (T*)pxi, (T*)pyr, (T*)pyi, from, to);
        });
    }

    // The widest hardware vector (in bits, 0 for scalars) whose lanes stay inside one sub-transform of the pass: its
    // count must divide the span, so a vector never straddles two.
    private static int WidthFor(int span)
    {
        if (Vector512.IsHardwareAccelerated && span % Vector512<T>.Count == 0) return 512;
        if (Vector256.IsHardwareAccelerated && span % Vector256<T>.Count == 0) return 256;
        if (Vector128.IsHardwareAccelerated && span % Vector128<T>.Count == 0) return 128;
        return 0;
    }

    // The widest vector (in bits, 0 for none) on which a pass whose sub-transforms are narrower than it can zip its
    // outputs into place (FftStep.Narrow.cs).
    private static int NarrowWidthFor(FftStep<T> step)
    {
        if (Vector512.IsHardwareAccelerated && step.CanRunNarrow<Lanes512<T>, Vector512<T>>()) return 512;
        if (Vector256.IsHardwareAccelerated && step.CanRunNarrow<Lanes256<T>, Vector256<T>>()) return 256;
        if (Vector128.IsHardwareAccelerated && step.CanRunNarrow<Lanes128<T>, Vector128<T>>()) return 128;
        return 0;
    }

    private static void Run(FftStep<T> step, int width, bool narrow, T* xr, T* xi, T* yr, T* yi, int from, int to)
    {
        if (narrow)
        {
            switch (width)
            {
                case 512: step.RunNarrow<Lanes512<T>, Vector512<T>>(xr, xi, yr, yi, from, to); break;
                case 256: step.RunNarrow<Lanes256<T>, Vector256<T>>(xr, xi, yr, yi, from, to); break;
                default: step.RunNarrow<Lanes128<T>, Vector128<T>>(xr, xi, yr, yi, from, to); break;
            }
            return;
        }
        switch (width)
        {
            case 512: step.Run<Lanes512<T>, Vector512<T>>(xr, xi, yr, yi, from, to); break;
            case 256: step.Run<Lanes256<T>, Vector256<T>>(xr, xi, yr, yi, from, to); break;
            case 128: step.Run<Lanes128<T>, Vector128<T>>(xr, xi, yr, yi, from, to); break;
            default: step.Run<ScalarLanes<T>, T>(xr, xi, yr, yi, from, to); break;
        }
    }

    /// <summary>
    /// y = DFT(x) down the columns [0, width) of an n-row block whose rows are <paramref name="xs"/> (x) and
    /// <paramref name="ys"/> (y) elements apart; s is scratch of n·width elements per part (rows width apart).
    /// </summary>
    public void ForwardColumns(T* xr, T* xi, long xs, T* yr, T* yi, long ys, T* sr, T* si, int width)
    {
        var n = Length;
        if (steps.Length == 0)
        {
            for (var t = 0; t < n; t++)
            {
                new Span<T>(xr + t * xs, width).CopyTo(new Span<T>(yr + t * ys, width));
                new Span<T>(xi + t * xs, width).CopyTo(new Span<T>(yi + t * ys, width));
            }
            return;
        }
        T* fromR = xr, fromI = xi;
        var fromStride = xs;
        for (var i = 0; i < steps.Length; i++)
        {
            var toOutput = (steps.Length - 1 - i) % 2 == 0;
            T* toR = toOutput ? yr : sr, toI = toOutput ? yi : si;
            var toStride = toOutput ? ys : width;
            ColumnsPass(steps[i], fromR, fromI, fromStride, toR, toI, toStride, width);
            fromR = toR;
            fromI = toI;
            fromStride = toStride;
        }
    }

    private static void ColumnsPass(FftStep<T> step, T* xr, T* xi, long xs, T* yr, T* yi, long ys, int width)
    {
        var butterflies = step.Length / step.Radix;
        int whole;
        if (Vector512.IsHardwareAccelerated && width >= Vector512<T>.Count)
        {
            step.RunColumns<Lanes512<T>, Vector512<T>>(xr, xi, xs, yr, yi, ys, width, 0, butterflies);
            whole = width / Vector512<T>.Count * Vector512<T>.Count;
        }
        else if (Vector256.IsHardwareAccelerated && width >= Vector256<T>.Count)
        {
            step.RunColumns<Lanes256<T>, Vector256<T>>(xr, xi, xs, yr, yi, ys, width, 0, butterflies);
            whole = width / Vector256<T>.Count * Vector256<T>.Count;
        }
        else whole = 0;
        if (whole < width)
            step.RunColumns<ScalarLanes<T>, T>(xr + whole, xi + whole, xs, yr + whole, yi + whole, ys, width - whole, 0, butterflies);
    }
}
