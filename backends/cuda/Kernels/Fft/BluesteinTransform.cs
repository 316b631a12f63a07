using System.Numerics;
using ILGPU;
using ILGPU.Runtime;

namespace JaxNet.Backends.Cuda.Kernels.Fft;

/// <summary>
/// The transform of a length with a prime factor above <see cref="StockhamTransform{T, TMath}.MaxRadix"/>, by
/// Bluestein's identity jk = (j² + k² - (k - j)²) / 2: X = c · ((x · c) ⊛ conj(c)) with the chirp c_t = e^(-πi·t²/n),
/// the convolution done by power-of-two Stockham transforms of length m ≥ 2n - 1. Five steps, each over every row at
/// once: the chirp multiply into zero-padded rows, the forward transform, the product with the spectrum of conj(c)
/// (computed on the host, with the inverse's 1/m), the inverse as a forward transform of the exchanged parts, and the
/// chirp multiply out. So any length costs O(n log n) per row, never an n-term sum per output.
/// </summary>
internal sealed class BluesteinTransform<T, TMath> : IDisposable
    where T : unmanaged
    where TMath : struct, IFftReal<T>
{
    private readonly StockhamTransform<T, TMath> padded;
    private readonly MemoryBuffer1D<T, Stride1D.Dense> chirp;
    private readonly MemoryBuffer1D<T, Stride1D.Dense> spectrum;
    private readonly FftLaunch<T> chirpIn;
    private readonly FftLaunch<T> product;
    private readonly FftLaunch<T> chirpOut;
    private readonly FftGeometry geometry;

    public BluesteinTransform(Accelerator accelerator, int n, int inner)
    {
        Padded = (int)PaddedFor(n);
        padded = new StockhamTransform<T, TMath>(accelerator, Padded, inner, StockhamTransform<T, TMath>.Factor(Padded)!);
        var chirpTable = FftTables.Chirp(n);
        chirp = accelerator.Allocate1D(Array.ConvertAll(chirpTable, default(TMath).FromDouble));
        spectrum = accelerator.Allocate1D(Array.ConvertAll(FftTables.ChirpSpectrum(chirpTable, Padded), default(TMath).FromDouble));
        chirpIn = FftLaunches.Load<T>(accelerator, BluesteinKernels<T, TMath>.ChirpIn);
        product = FftLaunches.Load<T>(accelerator, BluesteinKernels<T, TMath>.Spectrum);
        chirpOut = FftLaunches.Load<T>(accelerator, BluesteinKernels<T, TMath>.ChirpOut);
        geometry = new FftGeometry { Length = n, Inner = inner, Padded = Padded };
    }

    /// <summary>The power-of-two length of the convolution.</summary>
    public int Padded { get; }

    /// <summary>The convolution's length for n points: the least power of two of at least 2n - 1.</summary>
    public static long PaddedFor(int n) => (long)BitOperations.RoundUpToPowerOf2((ulong)(2L * n - 1));

    /// <summary>y = DFT(x)·<paramref name="scale"/> for <paramref name="rows"/> rows of [n, inner], through two scratch
    /// blocks a and b of [rows, <see cref="Padded"/>, inner] each.</summary>
    public void Issue(AcceleratorStream stream, long rows, FftPart<T> x, bool zeroRe, bool zeroIm, FftPart<T> y,
        FftPart<T> a, FftPart<T> b, T scale)
    {
        var one = default(TMath).FromDouble(1);
        var paddedThreads = (int)(rows * Padded * geometry.Inner);
        var entry = geometry with { ZeroRe = zeroRe ? 1 : 0, ZeroIm = zeroIm ? 1 : 0 };
        chirpIn(stream, paddedThreads, FftViews<T>.Of(x, a, chirp.View), entry, one);
        var (spectrumOf, free) = padded.Targets(a, b);
        padded.Issue(stream, rows, a, false, false, spectrumOf, free, one);
        product(stream, paddedThreads, FftViews<T>.Of(spectrumOf, spectrumOf, spectrum.View), geometry, one);
        var (convolution, rest) = padded.Targets(spectrumOf, free);
        padded.Issue(stream, rows, spectrumOf, false, false, convolution, rest, one);
        chirpOut(stream, (int)(rows * geometry.Length * geometry.Inner), FftViews<T>.Of(convolution, y, chirp.View), geometry, scale);
    }

    public void Dispose()
    {
        padded.Dispose();
        chirp.Dispose();
        spectrum.Dispose();
    }
}
