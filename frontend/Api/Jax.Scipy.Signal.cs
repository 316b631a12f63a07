using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>How <see cref="Jax.Scipy.Signal.Convolve"/> and <see cref="Jax.Scipy.Signal.Correlate"/> compute
/// (scipy.signal's <c>method</c>).</summary>
public enum ConvolveMethod
{
    /// <summary>As in JAX, always <see cref="Direct"/>.</summary>
    Auto,

    /// <summary>One conv_general_dilated.</summary>
    Direct,

    /// <summary>Through the FFT (<see cref="Jax.Scipy.Signal.FftConvolve"/>).</summary>
    Fft,
}

/// <summary>How <see cref="Jax.Scipy.Signal.Convolve2d"/> and <see cref="Jax.Scipy.Signal.Correlate2d"/> extend the
/// first input past its edges (scipy.signal's <c>boundary</c>).</summary>
public enum ConvolveBoundary
{
    /// <summary>A constant, the <c>fillvalue</c> (0 by default).</summary>
    Fill,

    /// <summary>Periodically (circular convolution).</summary>
    Wrap,

    /// <summary>By its mirror image, edge included.</summary>
    Symm,
}

public static partial class Jax
{
    public static partial class Scipy
    {
        /// <summary>
        /// jax.scipy.signal: N-dimensional convolution and cross-correlation, direct (one conv_general_dilated on the
        /// inputs promoted to a float type) or through the FFT, so they differentiate, batch and jit as those do.
        /// </summary>
        public static partial class Signal
        {
            /// <summary>
            /// scipy.signal.convolve: the N-dimensional convolution of two arrays of the same rank. <paramref name="mode"/>
            /// Full gives every overlap (in1.shape + in2.shape − 1), Same the centred part the size of
            /// <paramref name="in1"/>, Valid the complete overlaps (one input must then be at least as large as the other
            /// in every dimension). Integer inputs convolve as the default float type, as in JAX.
            /// </summary>
            public static NDArray Convolve(NDArray in1, NDArray in2, ConvolveMode mode = ConvolveMode.Full,
                ConvolveMethod method = ConvolveMethod.Auto, Precision precision = Precision.Default) => method switch
                {
                    ConvolveMethod.Fft => FftConvolve(in1, in2, mode),
                    ConvolveMethod.Auto or ConvolveMethod.Direct => Direct("convolve", in1, in2, mode, ConvolveBoundary.Fill, 0, precision),
                    _ => throw new ArgumentOutOfRangeException(nameof(method), method, "convolve: unknown method"),
                };

            /// <summary>scipy.signal.correlate: the N-dimensional cross-correlation, the convolution of
            /// <paramref name="in1"/> with <paramref name="in2"/> reversed in every dimension and conjugated (see
            /// <see cref="Convolve"/> for the modes).</summary>
            public static NDArray Correlate(NDArray in1, NDArray in2, ConvolveMode mode = ConvolveMode.Full,
                ConvolveMethod method = ConvolveMethod.Auto, Precision precision = Precision.Default) =>
                Convolve(in1, Reversed(in2), mode, method, precision);

            /// <summary>
            /// scipy.signal.convolve2d: the convolution of two matrices, with <paramref name="in1"/> extended past its
            /// edges by <paramref name="boundary"/> (a constant <paramref name="fillvalue"/>, periodically, or by
            /// reflection) in the Full and Same modes.
            /// </summary>
            public static NDArray Convolve2d(NDArray in1, NDArray in2, ConvolveMode mode = ConvolveMode.Full,
                ConvolveBoundary boundary = ConvolveBoundary.Fill, double fillvalue = 0, Precision precision = Precision.Default)
            {
                Check2d("convolve2d", in1, in2);
                return Direct("convolve2d", in1, in2, mode, boundary, fillvalue, precision);
            }

            /// <summary>
            /// scipy.signal.correlate2d: the cross-correlation of two matrices (see <see cref="Convolve2d"/> for the
            /// boundaries). As in SciPy, Same centres differently from <see cref="Correlate"/> where in2 has an even
            /// size, and Valid with the larger <paramref name="in2"/> gives the conjugate of the correlation.
            /// </summary>
            public static NDArray Correlate2d(NDArray in1, NDArray in2, ConvolveMode mode = ConvolveMode.Full,
                ConvolveBoundary boundary = ConvolveBoundary.Fill, double fillvalue = 0, Precision precision = Precision.Default)
            {
                Check2d("correlate2d", in1, in2);
                var result = Direct("correlate2d", in1, Reversed(in2), mode, boundary, fillvalue, precision, correlationCentre: true);
                var swapped = mode == ConvolveMode.Valid && !Shapes.Equal(in1.Aval.Shape, in2.Aval.Shape) &&
                    in1.Aval.Shape.Zip(in2.Aval.Shape).All(s => s.First <= s.Second);
                return swapped ? Jnp.Conj(result) : result;
            }

            /// <summary>
            /// scipy.signal.fftconvolve: the convolution computed as the inverse FFT of the product of the inputs' FFTs,
            /// zero-padded to the full size (rfftn for real inputs). Only <paramref name="axes"/> (default: all) are
            /// convolved; the other dimensions must agree and are processed elementwise. Modes as in
            /// <see cref="Convolve"/>; the result carries the FFT's rounding (about the dtype's epsilon times the
            /// inputs' scale). An empty input gives an empty one-dimensional array of the promoted dtype, as in JAX.
            /// </summary>
            public static NDArray FftConvolve(NDArray in1, NDArray in2, ConvolveMode mode = ConvolveMode.Full, int[]? axes = null)
            {
                (in1, in2) = Promoted("fftconvolve", in1, in2, emptyAllowed: true);
                // As jax.scipy.signal.fftconvolve (and SciPy): an empty input gives an empty one-dimensional array,
                // whatever the shapes, modes and axes.
                if (in1.Size == 0 || in2.Size == 0) return Jnp.Zeros([0], in1.DType);
                var ax = axes is null ? [.. Enumerable.Range(0, in1.Ndim)] : axes.Select(a => Shapes.Axis(a, in1.Ndim, "fftconvolve")).ToArray();
                if (ax.Distinct().Count() != ax.Length) throw new ArgumentException($"fftconvolve: repeated axes [{string.Join(", ", axes!)}]", nameof(axes));
                var (s1, s2) = (in1.Aval.Shape, in2.Aval.Shape);
                for (var d = 0; d < in1.Ndim; d++)
                    if (!ax.Contains(d) && s1[d] != s2[d])
                        throw new ShapeException($"fftconvolve: the dimensions not convolved must agree, got shapes {Shapes.Format(s1)} and {Shapes.Format(s2)} with axes [{string.Join(", ", ax)}]");
                if (in1.Ndim == 0) return in1 * in2;
                if (mode == ConvolveMode.Valid && Swapped("fftconvolve", in1, in2)) (in1, in2) = (in2, in1);
                var full = ax.Select(d => in1.Aval.Shape[d] + in2.Aval.Shape[d] - 1).ToArray();
                NDArray conv;
                if (in1.DType.IsComplex()) conv = Jnp.FFT.Ifftn(Jnp.FFT.Fftn(in1, full, ax) * Jnp.FFT.Fftn(in2, full, ax), full, ax);
                else conv = Jnp.FFT.Irfftn(Jnp.FFT.Rfftn(in1, full, ax) * Jnp.FFT.Rfftn(in2, full, ax), full, ax);
                for (var i = 0; i < ax.Length; i++)
                {
                    var (n1, n2) = (in1.Aval.Shape[ax[i]], in2.Aval.Shape[ax[i]]);
                    var size = mode switch
                    {
                        ConvolveMode.Full => full[i],
                        ConvolveMode.Same => n1,
                        ConvolveMode.Valid => n1 - n2 + 1,
                        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "fftconvolve: unknown mode"),
                    };
                    var start = (full[i] - size) / 2;
                    conv = Lax.SliceInDim(conv, start, start + size, 1, ax[i]);
                }
                return conv;
            }

            // The convolution as conv_general_dilated's correlation with the reversed kernel. Full and Same pad in1 by
            // the kernel's size less one in all (Same then keeps in1's size, starting (k - 1) / 2 into the full result,
            // or k / 2 for correlate2d's centring); a zero fill is the convolution's own padding, other boundaries
            // pad in1 first.
            private static NDArray Direct(string name, NDArray in1, NDArray in2, ConvolveMode mode, ConvolveBoundary boundary,
                double fillvalue, Precision precision, bool correlationCentre = false)
            {
                (in1, in2) = Promoted(name, in1, in2);
                if (in1.Ndim == 0) return in1 * in2;
                var (x, k) = mode == ConvolveMode.Valid && Swapped(name, in1, in2) ? (in2, in1) : (in1, in2);
                var padding = new (int Low, int High)[x.Ndim];
                for (var d = 0; d < x.Ndim; d++)
                {
                    var kd = k.Aval.Shape[d];
                    var skip = correlationCentre ? kd / 2 : (kd - 1) / 2;
                    padding[d] = mode switch
                    {
                        ConvolveMode.Valid => (0, 0),
                        ConvolveMode.Full => (kd - 1, kd - 1),
                        ConvolveMode.Same => (kd - 1 - skip, skip),
                        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, $"{name}: unknown mode"),
                    };
                }
                if (boundary != ConvolveBoundary.Fill || fillvalue != 0)
                {
                    var widths = padding.Select(p => (p.Low, p.High)).ToArray();
                    x = boundary switch
                    {
                        ConvolveBoundary.Fill => Jnp.Pad(x, widths, fillvalue),
                        ConvolveBoundary.Wrap => Jnp.Pad(x, widths, PadMode.Wrap),
                        ConvolveBoundary.Symm => Jnp.Pad(x, widths, PadMode.Symmetric),
                        _ => throw new ArgumentOutOfRangeException(nameof(boundary), boundary, $"{name}: unknown boundary"),
                    };
                    Array.Fill(padding, (0, 0));
                }
                var kernel = Lax.Rev(k, [.. Enumerable.Range(0, k.Ndim)]);
                var result = Lax.ConvGeneralDilated(Lax.ExpandDims(x, [0, 1]), Lax.ExpandDims(kernel, [0, 1]),
                    [.. Enumerable.Repeat(1, x.Ndim)], padding, precision: precision);
                return Lax.Reshape(result, result.Aval.Shape[2..]);
            }

            // Same rank, then promoted to a float type. An empty input is an error for the direct convolutions (JAX's
            // _convolve_nd raises, as does its wording here); fftconvolve checks for it itself, after this.
            private static (NDArray, NDArray) Promoted(string name, NDArray in1, NDArray in2, bool emptyAllowed = false)
            {
                if (in1.Ndim != in2.Ndim)
                    throw new ShapeException($"{name}: in1 and in2 must have the same rank, got shapes {Shapes.Format(in1.Aval.Shape)} and {Shapes.Format(in2.Aval.Shape)}");
                if (!emptyAllowed && (in1.Size == 0 || in2.Size == 0))
                    throw new ShapeException($"{name}: zero-size arrays are not supported in convolutions (as in JAX; fftconvolve returns an empty array), " +
                        $"got shapes {Shapes.Format(in1.Aval.Shape)} and {Shapes.Format(in2.Aval.Shape)}");
                var p = Jnp.PromoteInexact(in1, in2);
                return (p[0], p[1]);
            }

            // Whether the valid convolution must swap its inputs (in2 the larger in every dimension); an error where
            // neither input is at least as large as the other everywhere.
            private static bool Swapped(string name, NDArray in1, NDArray in2)
            {
                var pairs = in1.Aval.Shape.Zip(in2.Aval.Shape).ToArray();
                if (pairs.All(s => s.First >= s.Second)) return false;
                if (pairs.All(s => s.First <= s.Second)) return true;
                throw new ShapeException($"{name}: in valid mode one input must be at least as large as the other in every dimension, " +
                    $"got shapes {Shapes.Format(in1.Aval.Shape)} and {Shapes.Format(in2.Aval.Shape)}");
            }

            private static NDArray Reversed(NDArray x) => x.Ndim == 0 ? Jnp.Conj(x) : Lax.Rev(Jnp.Conj(x), [.. Enumerable.Range(0, x.Ndim)]);

            private static void Check2d(string name, NDArray in1, NDArray in2)
            {
                if (in1.Ndim != 2 || in2.Ndim != 2)
                    throw new ShapeException($"{name}: inputs must be two-dimensional, got shapes {Shapes.Format(in1.Aval.Shape)} and {Shapes.Format(in2.Aval.Shape)}");
            }
        }
    }
}
