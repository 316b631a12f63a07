using JaxNet.Core;
using JaxNet.Primitives;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        /// <summary>
        /// lax.fft: the DFT over the trailing <paramref name="fftLengths"/>.Length axes. Fft and Ifft (with the 1/n
        /// scale) map complex to complex (a real operand is made complex); Rfft takes a real operand and keeps the
        /// n/2 + 1 non-negative frequencies of the last axis; Irfft inverts it, <paramref name="fftLengths"/> being the
        /// real output's trailing shape (the input's last axis holds n/2 + 1 values; the imaginary parts of the zero
        /// and Nyquist frequencies are ignored, as in NumPy).
        /// </summary>
        public static NDArray Fft(NDArray x, FftType fftType, int[] fftLengths)
        {
            var k = fftLengths.Length;
            if (k is < 1 or > 3 || k > x.Ndim)
                throw new ArgumentException($"fft: fft_lengths ({string.Join(", ", fftLengths)}) must name one to three of the {x.Ndim} axes", nameof(fftLengths));
            switch (fftType)
            {
                case FftType.Fft or FftType.Ifft:
                    return Prims.Fft.Bind1(FftParams(fftType, fftLengths), ToComplex(x));
                case FftType.Rfft:
                    {
                        if (x.DType.IsComplex()) throw new ArgumentException($"fft: Rfft takes a real operand, got {x.Aval.Str()}", nameof(x));
                        var full = Prims.Fft.Bind1(FftParams(FftType.Fft, fftLengths), ToComplex(x));
                        return SliceInDim(full, 0, fftLengths[^1] / 2 + 1, 1, x.Ndim - 1);
                    }
                default:
                    return InverseReal(ToComplex(x), fftLengths);
            }
        }

        private static Params FftParams(FftType type, int[] lengths) => Params.Of(("fft_type", type), ("fft_lengths", lengths));

        private static NDArray ToComplex(NDArray x) =>
            x.DType.IsComplex() ? x : ConvertElementType(x, TypePromotion.ToInexact(x.DType).ToComplex());

        // The spectrum of a real signal of length n is Hermitian, X[n - j] = conj(X[j]): the missing upper half is the
        // conjugate of the kept lower half, reversed; then the complex inverse, whose real part is the signal.
        private static NDArray InverseReal(NDArray x, int[] lengths)
        {
            var last = x.Ndim - 1;
            var n = lengths[^1];
            if (n < 1) throw new ArgumentException($"fft: Irfft needs an output length of at least 1, got {n}", nameof(lengths));
            // The other axes first (the primitive takes trailing axes: the last one steps aside), so that each row
            // along the last axis is the spectrum of a real signal.
            if (lengths.Length > 1)
            {
                var aside = Enumerable.Range(0, x.Ndim).ToArray();
                var first = x.Ndim - lengths.Length;
                aside = [.. aside[..first], last, .. aside[first..last]];
                x = Transpose(Prims.Fft.Bind1(FftParams(FftType.Ifft, lengths[..^1]), Transpose(x, aside)), Shapes.InversePermutation(aside));
            }
            var kept = n / 2 + 1;
            x = FitAxis(x, last, kept);
            var mirrored = n - kept;
            var full = mirrored == 0 ? x : Concatenate([x, Rev(Conj(SliceInDim(x, 1, 1 + mirrored, 1, last)), [last])], last);
            return Real(Prims.Fft.Bind1(FftParams(FftType.Ifft, [n]), full));
        }

        /// <summary>The first <paramref name="length"/> entries along <paramref name="axis"/>, zero-padded past the end (NumPy's n).</summary>
        internal static NDArray FitAxis(NDArray x, int axis, int length)
        {
            var size = x.Shape[axis];
            if (size == length) return x;
            if (size > length) return SliceInDim(x, 0, length, 1, axis);
            var padding = Enumerable.Range(0, x.Ndim).Select(d => (0, d == axis ? length - size : 0, 0)).ToArray();
            return Pad(x, 0, padding);
        }
    }
}
