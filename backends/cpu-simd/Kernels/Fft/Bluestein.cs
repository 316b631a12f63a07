using System.Numerics;

namespace JaxNet.Backends.CpuSimd.Kernels.Fft;

/// <summary>
/// The transform of a length with a prime factor above <see cref="StockhamPlan{T}.MaxRadix"/>, by Bluestein's
/// identity jk = (j² + k² - (k - j)²) / 2: X = c · ((x · c) ⊛ conj(c)) with the chirp c_t = e^(-πi·t²/n), the
/// convolution done by power-of-two transforms of length m ≥ 2n - 1. The chirp comes from exact integer phases
/// (t² mod 2n) and the convolution kernel's spectrum, scaled by the inverse's 1/m, is computed once per plan.
/// </summary>
internal sealed unsafe class Bluestein<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly StockhamPlan<T> inner;
    private readonly T[] chirpRe;
    private readonly T[] chirpIm;
    private readonly T[] spectrumRe;
    private readonly T[] spectrumIm;

    public Bluestein(int n)
    {
        Length = n;
        var m = (int)BitOperations.RoundUpToPowerOf2((uint)(2 * n - 1));
        inner = StockhamPlan<T>.TryCreate(m)!;
        chirpRe = GC.AllocateArray<T>(n, pinned: true);
        chirpIm = GC.AllocateArray<T>(n, pinned: true);
        var kernelRe = GC.AllocateArray<T>(m, pinned: true);
        var kernelIm = GC.AllocateArray<T>(m, pinned: true);
        for (var t = 0; t < n; t++)
        {
            var (sin, cos) = double.SinCosPi(-((long)t * t % (2L * n)) / (double)n);
            (chirpRe[t], chirpIm[t]) = (T.CreateTruncating(cos), T.CreateTruncating(sin));
            // conj(c) at t and at -t (m - t): the convolution is cyclic over m.
            var scale = 1.0 / m;
            kernelRe[t] = T.CreateTruncating(cos * scale);
            kernelIm[t] = T.CreateTruncating(-sin * scale);
            if (t > 0) (kernelRe[m - t], kernelIm[m - t]) = (kernelRe[t], kernelIm[t]);
        }
        spectrumRe = GC.AllocateArray<T>(m, pinned: true);
        spectrumIm = GC.AllocateArray<T>(m, pinned: true);
        var scratch = new T[2 * m];
        fixed (T* kr = kernelRe, ki = kernelIm, sr = spectrumRe, si = spectrumIm, s = scratch)
            inner.Forward(kr, ki, sr, si, s, s + m, parallel: false);
    }

    public int Length { get; }

    /// <summary>Length of the power-of-two transforms.</summary>
    public int Padded => inner.Length;

    /// <summary>Scratch elements one row needs: three complex rows of <see cref="Padded"/>.</summary>
    public long ScratchLength => 6L * Padded;

    /// <summary>y = DFT(x) for one row, with <paramref name="work"/> of <see cref="ScratchLength"/> elements.</summary>
    public void Forward(T* xr, T* xi, T* yr, T* yi, T* work, bool parallel)
    {
        var (n, m) = (Length, Padded);
        T* ar = work, ai = work + m, br = work + 2 * m, bi = work + 3 * m, sr = work + 4 * m, si = work + 5 * m;
        fixed (T* cr = chirpRe, ci = chirpIm, hr = spectrumRe, hi = spectrumIm)
        {
            for (var t = 0; t < n; t++)
            {
                ar[t] = xr[t] * cr[t] - xi[t] * ci[t];
                ai[t] = xr[t] * ci[t] + xi[t] * cr[t];
            }
            new Span<T>(ar + n, m - n).Clear();
            new Span<T>(ai + n, m - n).Clear();
            inner.Forward(ar, ai, br, bi, sr, si, parallel);
            for (var t = 0; t < m; t++)
            {
                var re = br[t] * hr[t] - bi[t] * hi[t];
                bi[t] = br[t] * hi[t] + bi[t] * hr[t];
                br[t] = re;
            }
            // The inverse transform as the forward one with the parts exchanged (its 1/m is in the spectrum).
            inner.Forward(bi, br, ai, ar, sr, si, parallel);
            for (var t = 0; t < n; t++)
            {
                var re = ar[t] * cr[t] - ai[t] * ci[t];
                yi[t] = ar[t] * ci[t] + ai[t] * cr[t];
                yr[t] = re;
            }
        }
    }
}
