using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Runtime;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Cuda.Kernels.Fft;

/// <summary>The Fourier transform kernel (IR 1.2) on the cuda backend, for float32 or float64 parts.</summary>
internal static class CudaFft
{
    public static ICompiledKernel Compile(Accelerator accelerator, FftKernel kernel) => kernel.Real.DType switch
    {
        DType.Float32 => new FftTransform<float, FftSingle>(accelerator, kernel),
        DType.Float64 => new FftTransform<double, FftDouble>(accelerator, kernel),
        _ => throw new NotSupportedException($"fft of {kernel.Real.DType.ShortName()} parts"),
    };
}

/// <summary>
/// One <see cref="FftKernel"/>: its shape seen as [outer rows, n, inner columns], transformed by Stockham passes
/// (<see cref="StockhamTransform{T, TMath}"/>) or, for a length with a large prime factor, Bluestein's convolution
/// (<see cref="BluesteinTransform{T, TMath}"/>), every launch over all rows and columns at once. The inverse is the
/// forward transform with the parts exchanged on the way in and out (conj(DFT(conj z)) = swap(DFT(swap z))) and the
/// 1/n scale in the last launch's stores; a null imaginary part is flagged zero and read from no buffer. Complex
/// values stored interleaved (IR 1.3) are read and written in place of the parts, with a stride of 2 (no extra launch).
/// </summary>
internal sealed class FftTransform<T, TMath> : ICompiledKernel
    where T : unmanaged
    where TMath : struct, IFftReal<T>
{
    private readonly FftKernel kernel;
    private readonly StockhamTransform<T, TMath>? stockham;
    private readonly BluesteinTransform<T, TMath>? bluestein;
    private readonly long rows;
    private readonly long points;

    public FftTransform(Accelerator accelerator, FftKernel kernel)
    {
        this.kernel = kernel;
        var n = kernel.Length;
        rows = kernel.Outer;
        points = kernel.ComplexCount;
        if (points == 0) return;
        var radices = StockhamTransform<T, TMath>.Factor(n);
        // Every launch is over all rows at once, one thread per point at most (of the padded rows for Bluestein).
        var widest = points / n * (radices is null ? BluesteinTransform<T, TMath>.PaddedFor(n) : n);
        if (widest > int.MaxValue)
            throw new NotSupportedException($"fft '{kernel.Name}' of {widest} points per launch exceeds one launch ({int.MaxValue} threads)");
        var inner = (int)kernel.Inner;
        if (radices is not null) stockham = new StockhamTransform<T, TMath>(accelerator, n, inner, radices);
        else bluestein = new BluesteinTransform<T, TMath>(accelerator, n, inner);
    }

    /// <summary>How the transform is done (for tests).</summary>
    public string Plan => stockham is { } s ? $"Stockham passes of radix {string.Join(" x ", s.Radices)}"
        : bluestein is { } b ? $"Bluestein's convolution over {b.Padded} points" : "nothing (empty)";

    public void Issue(LaunchFrame frame)
    {
        if (points == 0) return;
        var re = frame.Buffer(kernel.Real.Buffer);
        var im = kernel.Imag is { } imag ? frame.Buffer(imag.Buffer) : re;
        var (outRe, outIm) = (frame.Buffer(kernel.OutReal), frame.Buffer(kernel.OutImag));
        // A donated operand may share memory with an output, which the first pass could overwrite before every
        // butterfly has read it (Bluestein's first launch writes scratch only).
        bool Written(ArrayView<byte> part) => Contraction.Overlap(part, outRe) || Contraction.Overlap(part, outIm);
        var aliased = Written(re) || (kernel.Imag is not null && Written(im));
        // Interleaved values (IR 1.3) are read by the first launch and written by the last one as they are stored.
        var x = kernel.InterleavedOperand ? FftPart<T>.Interleaved(re.Cast<T>(), points) : Part(re, im);
        var y = kernel.InterleavedResult ? FftPart<T>.Interleaved(outRe.Cast<T>(), points) : Part(outRe, outIm);
        var (zeroRe, zeroIm) = (false, kernel.Imag is null && !kernel.InterleavedOperand);
        if (aliased && bluestein is null) x = CopyOf(frame, x, zeroIm);
        if (kernel.Inverse) (x, y, zeroRe, zeroIm) = (x.Swapped, y.Swapped, zeroIm, zeroRe);
        var scale = default(TMath).FromDouble(kernel.Inverse ? 1.0 / kernel.Length : 1.0);
        if (bluestein is not null)
        {
            var padded = rows * bluestein.Padded * kernel.Inner;
            bluestein.Issue(frame.Stream, rows, x, zeroRe, zeroIm, y, Scratch(frame, padded), Scratch(frame, padded), scale);
            return;
        }
        var scratch = stockham!.Radices.Count > 1 ? Scratch(frame, points) : y;
        stockham.Issue(frame.Stream, rows, x, zeroRe, zeroIm, y, scratch, scale);
    }

    /// <summary>The operand copied to scratch in its own layout (a zero imaginary part is not copied).</summary>
    private FftPart<T> CopyOf(LaunchFrame frame, FftPart<T> x, bool zeroIm)
    {
        if (x.Stride == 2)
        {
            var pairs = frame.Scratch(2 * points * Unsafe.SizeOf<T>()).Cast<T>();
            x.Re.CopyTo(frame.Stream, pairs);
            return FftPart<T>.Interleaved(pairs, points);
        }
        var copy = Scratch(frame, points);
        x.Re.SubView(0, points).CopyTo(frame.Stream, copy.Re);
        if (!zeroIm) x.Im.SubView(0, points).CopyTo(frame.Stream, copy.Im);
        return copy;
    }

    private static FftPart<T> Part(ArrayView<byte> re, ArrayView<byte> im) => new(re.Cast<T>(), im.Cast<T>());

    private static FftPart<T> Scratch(LaunchFrame frame, long elements)
    {
        var both = frame.Scratch(2 * elements * Unsafe.SizeOf<T>()).Cast<T>();
        return new(both.SubView(0, elements), both.SubView(elements, elements));
    }

    public void Dispose()
    {
        stockham?.Dispose();
        bluestein?.Dispose();
    }
}
