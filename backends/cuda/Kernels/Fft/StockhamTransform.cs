using System.Numerics;
using ILGPU;
using ILGPU.Runtime;

namespace JaxNet.Backends.Cuda.Kernels.Fft;

/// <summary>
/// An n-point forward transform whose length factors into primes up to <see cref="MaxRadix"/>: Stockham passes of
/// radix 4 while 4 divides what is left, then 2, then the odd primes (<see cref="StockhamKernels{T, TMath}"/>), one
/// launch each, alternating between the output and a scratch block so that the last pass lands in the output. n = 1
/// is one copy pass (radix 1). The twiddles are one table of n roots on the device.
/// </summary>
internal sealed class StockhamTransform<T, TMath> : IDisposable
    where T : unmanaged
    where TMath : struct, IFftReal<T>
{
    /// <summary>Largest prime factor done by a butterfly of its own (R² products each); longer ones go to Bluestein.</summary>
    public const int MaxRadix = 64;

    private readonly FftGeometry[] passes;
    private readonly FftLaunch<T>[] launches;
    private readonly MemoryBuffer1D<T, Stride1D.Dense> table;

    public StockhamTransform(Accelerator accelerator, int n, int inner, IReadOnlyList<int> radices)
    {
        Length = n;
        Radices = radices;
        var roots = FftTables.Roots(n);
        table = accelerator.Allocate1D(Array.ConvertAll(roots, default(TMath).FromDouble));
        passes = new FftGeometry[radices.Count];
        launches = new FftLaunch<T>[radices.Count];
        var kernels = new Dictionary<int, FftLaunch<T>>();
        var span = 1;
        for (var i = 0; i < radices.Count; i++)
        {
            var radix = radices[i];
            passes[i] = new FftGeometry
            {
                Length = n,
                Inner = inner,
                Radix = radix,
                Span = span,
                Butterflies = n / radix,
                TableStep = n / (span * radix),
            };
            var kind = radix is 4 or 2 ? radix : 0;
            if (!kernels.TryGetValue(kind, out var launch)) kernels[kind] = launch = Load(accelerator, kind);
            launches[i] = launch;
            span *= radix;
        }
    }

    public int Length { get; }

    /// <summary>The radices in pass order (1 alone: a copy).</summary>
    public IReadOnlyList<int> Radices { get; }

    /// <summary>The radices of an n-point transform, or null when n has a prime factor above <see cref="MaxRadix"/>.</summary>
    public static IReadOnlyList<int>? Factor(int n)
    {
        if (n == 1) return [1];
        // The factors of two pair into radix-4 passes (fewer launches), an odd one left as a radix-2 pass.
        var twos = BitOperations.TrailingZeroCount(n);
        var radices = Enumerable.Repeat(4, twos / 2).ToList();
        if (twos % 2 == 1) radices.Add(2);
        var rest = n >> twos;
        for (var prime = 3; prime <= MaxRadix && rest > 1; prime += 2)
        {
            for (; rest % prime == 0; rest /= prime) radices.Add(prime);
        }
        return rest == 1 ? radices : null;
    }

    private static FftLaunch<T> Load(Accelerator accelerator, int kind) =>
        FftLaunches.Load<T>(accelerator, kind switch
        {
            4 => StockhamKernels<T, TMath>.Radix4,
            2 => StockhamKernels<T, TMath>.Radix2,
            _ => StockhamKernels<T, TMath>.AnyRadix,
        });

    /// <summary>
    /// y = DFT(x) for <paramref name="rows"/> rows of [n, inner], scaled by <paramref name="scale"/>. Pass i writes y
    /// when an even number of passes follow it and the scratch s (of y's size) otherwise, so x is read by the first
    /// pass only (a part flagged zero not at all): it must not be that pass's target, and may be s when the passes
    /// are odd in number (see <see cref="Targets"/>).
    /// </summary>
    public void Issue(AcceleratorStream stream, long rows, FftPart<T> x, bool zeroRe, bool zeroIm, FftPart<T> y, FftPart<T> s, T scale)
    {
        var one = default(TMath).FromDouble(1);
        var from = x;
        for (var i = 0; i < passes.Length; i++)
        {
            var last = i == passes.Length - 1;
            var to = (passes.Length - 1 - i) % 2 == 0 ? y : s;
            var geometry = passes[i];
            if (i == 0) (geometry.ZeroRe, geometry.ZeroIm) = (zeroRe ? 1 : 0, zeroIm ? 1 : 0);
            // A butterfly's thread per R points, except the general radix's thread per point.
            var perRow = geometry.Radix is 4 or 2 ? geometry.Butterflies : (long)Length;
            launches[i](stream, (int)(rows * perRow * geometry.Inner), FftViews<T>.Of(from, to, table.View), geometry, last ? scale : one);
            from = to;
        }
    }

    /// <summary>Where a transform of x, whose block may be overwritten, lands with one other block of its size: the
    /// output and the scratch to pass to <see cref="Issue"/>, such that the first pass never writes x.</summary>
    public (FftPart<T> Output, FftPart<T> Scratch) Targets(FftPart<T> x, FftPart<T> other) =>
        passes.Length % 2 == 1 ? (other, x) : (x, other);

    public void Dispose() => table.Dispose();
}
