using ILGPU;

namespace JaxNet.Backends.Cuda.Kernels.Fft;

/// <summary>
/// The elementwise launches of Bluestein's transform (<see cref="BluesteinTransform{T, TMath}"/>), one thread per
/// point of [rows, points, Inner]: the chirp multiply into the zero-padded rows, the product with the chirp's
/// spectrum, and the chirp multiply out of them. The table is the chirp (n entries) or the spectrum (Padded).
/// </summary>
internal static class BluesteinKernels<T, TMath>
    where T : unmanaged
    where TMath : struct, IFftReal<T>
{
    /// <summary>a[t] = x[t]·c[t] for t &lt; n, 0 up to Padded: threads over the padded rows.</summary>
    public static void ChirpIn(Index1D thread, FftViews<T> v, FftGeometry g, T scale)
    {
        var row = g.Split(thread, g.Padded, out var t, out var c);
        var value = t < g.Length ? Complex<T, TMath>.Mul(v.Load(g.At(row, g.Length, t, c), g), v.Entry(t)) : default;
        v.Store(g.At(row, g.Padded, t, c), value);
    }

    /// <summary>b[t] = swap(b[t]·H[t]), in place: the product of the spectra, exchanged so that the next forward
    /// transform is the convolution's inverse (H holds its 1/Padded).</summary>
    public static void Spectrum(Index1D thread, FftViews<T> v, FftGeometry g, T scale)
    {
        var row = g.Split(thread, g.Padded, out var t, out var c);
        var at = g.At(row, g.Padded, t, c);
        v.Store(at, Complex<T, TMath>.Mul(v.Load(at, g), v.Entry(t)).Swapped);
    }

    /// <summary>y[t] = swap(b[t])·c[t]·scale for t &lt; n: threads over the output's rows.</summary>
    public static void ChirpOut(Index1D thread, FftViews<T> v, FftGeometry g, T scale)
    {
        var row = g.Split(thread, g.Length, out var t, out var c);
        var z = v.Load(g.At(row, g.Padded, t, c), g).Swapped;
        v.Store(g.At(row, g.Length, t, c), Complex<T, TMath>.Scale(Complex<T, TMath>.Mul(z, v.Entry(t)), scale));
    }
}
