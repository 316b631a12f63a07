using ILGPU;

namespace JaxNet.Backends.Cuda.Kernels.Fft;

/// <summary>
/// One pass of a Stockham autosort transform per launch: radix-R butterflies combine sub-transforms of
/// <see cref="FftGeometry.Span"/> points into ones of Span·R points, reading the input and writing the output in
/// natural order (no bit reversal, so no pass is in place). Butterfly j of the m = n / R of a row reads x[j + r·m],
/// multiplies by the twiddle w^(r·k) (w = e^(-2πi / (Span·R)), k = j mod Span), takes the R-point DFT and writes
/// y[(j - k)·R + k + q·Span]. Consecutive threads take consecutive columns (an inner axis), then consecutive j, so
/// loads and stores of a warp are contiguous when the axis is the last one and across columns otherwise.
/// </summary>
internal static class StockhamKernels<T, TMath>
    where T : unmanaged
    where TMath : struct, IFftReal<T>
{
    /// <summary>One thread per radix-4 butterfly: three twiddle products and the 4-point DFT's additions.</summary>
    public static void Radix4(Index1D thread, FftViews<T> v, FftGeometry g, T scale)
    {
        var row = g.Split(thread, g.Butterflies, out var j, out var c);
        long m = g.Butterflies, span = g.Span;
        var a0 = v.Load(g.At(row, g.Length, j, c), g);
        var a1 = v.Load(g.At(row, g.Length, j + m, c), g);
        var a2 = v.Load(g.At(row, g.Length, j + 2 * m, c), g);
        var a3 = v.Load(g.At(row, g.Length, j + 3 * m, c), g);
        var k = IndexMath.Remainder(j, span);
        if (span > 1)
        {
            a1 = Complex<T, TMath>.Mul(a1, v.Entry(k * g.TableStep));
            a2 = Complex<T, TMath>.Mul(a2, v.Entry(2 * k * g.TableStep));
            a3 = Complex<T, TMath>.Mul(a3, v.Entry(3 * k * g.TableStep));
        }
        var t0 = Complex<T, TMath>.Add(a0, a2);
        var t1 = Complex<T, TMath>.Sub(a0, a2);
        var t2 = Complex<T, TMath>.Add(a1, a3);
        var t3 = Complex<T, TMath>.Sub(a1, a3);
        var f = default(TMath);
        var o = (j - k) * 4 + k;
        v.Store(g.At(row, g.Length, o, c), Complex<T, TMath>.Scale(Complex<T, TMath>.Add(t0, t2), scale));
        // y1 = t1 - i·t3 and y3 = t1 + i·t3: the forward transform's quarter turn.
        v.Store(g.At(row, g.Length, o + span, c), Complex<T, TMath>.Scale(new Cx<T>(f.Add(t1.Re, t3.Im), f.Sub(t1.Im, t3.Re)), scale));
        v.Store(g.At(row, g.Length, o + 2 * span, c), Complex<T, TMath>.Scale(Complex<T, TMath>.Sub(t0, t2), scale));
        v.Store(g.At(row, g.Length, o + 3 * span, c), Complex<T, TMath>.Scale(new Cx<T>(f.Sub(t1.Re, t3.Im), f.Add(t1.Im, t3.Re)), scale));
    }

    /// <summary>One thread per radix-2 butterfly.</summary>
    public static void Radix2(Index1D thread, FftViews<T> v, FftGeometry g, T scale)
    {
        var row = g.Split(thread, g.Butterflies, out var j, out var c);
        long m = g.Butterflies, span = g.Span;
        var a0 = v.Load(g.At(row, g.Length, j, c), g);
        var a1 = v.Load(g.At(row, g.Length, j + m, c), g);
        var k = IndexMath.Remainder(j, span);
        if (span > 1) a1 = Complex<T, TMath>.Mul(a1, v.Entry(k * g.TableStep));
        var o = (j - k) * 2 + k;
        v.Store(g.At(row, g.Length, o, c), Complex<T, TMath>.Scale(Complex<T, TMath>.Add(a0, a1), scale));
        v.Store(g.At(row, g.Length, o + span, c), Complex<T, TMath>.Scale(Complex<T, TMath>.Sub(a0, a1), scale));
    }

    /// <summary>
    /// Any radix (the odd primes of a length, and 1: a copy), one thread per output point rather than per butterfly:
    /// output q of butterfly j is Σ_r x[j + r·m]·w^(r·(k + q·Span)), the twiddle and the R-point root folded into one
    /// table entry whose index is reduced mod Span·R as it grows. R loads (shared with the butterfly's other threads
    /// through the cache) and R complex products per thread, no local array, and R times the threads of a butterfly
    /// per thread.
    /// </summary>
    public static void AnyRadix(Index1D thread, FftViews<T> v, FftGeometry g, T scale)
    {
        var row = g.Split(thread, g.Length, out var e, out var c);
        long m = g.Butterflies, span = g.Span, whole = span * g.Radix;
        var q = IndexMath.Divide(e, m);
        var j = e - q * m;
        var k = IndexMath.Remainder(j, span);
        var step = k + q * span;
        var sum = v.Load(g.At(row, g.Length, j, c), g);
        long angle = 0;
        for (var r = 1; r < g.Radix; r++)
        {
            angle += step;
            if (angle >= whole) angle -= whole;
            var x = v.Load(g.At(row, g.Length, j + r * m, c), g);
            sum = Complex<T, TMath>.Add(sum, Complex<T, TMath>.Mul(x, v.Entry(angle * g.TableStep)));
        }
        v.Store(g.At(row, g.Length, (j - k) * g.Radix + k + q * span, c), Complex<T, TMath>.Scale(sum, scale));
    }
}
