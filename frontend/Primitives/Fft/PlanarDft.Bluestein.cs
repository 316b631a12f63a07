using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Primitives;

internal static partial class PlanarDft
{
    private sealed partial class Plan
    {
        /// <summary>
        /// Bluestein's algorithm for a prime length p (z = [part, 1, p, rest...]): with j·k = (j² + k² - (k - j)²) / 2
        /// and c_m = exp(σ·πi·m²/p), X_k = c_k · Σ_j (x_j·c_j)·conj(c_(k-j)), a convolution, done as a cyclic one of
        /// smooth length l ≥ 2p - 1 by two DFTs of length l (and a third, of the kernel, that does not depend on x).
        /// O(n log n) where the dense product is O(n²), for a few more passes over the data.
        /// </summary>
        private NDArray Bluestein(NDArray z, bool backward)
        {
            var p = z.Shape[2];
            var rest = z.Shape[3..];
            var l = DftPlan.ConvolutionLength(p);
            var x = Times(Lax.Reshape(z, [2, p, .. rest]), DftFactors.Chirp(p, p, dtype, backward), [0, 1]);
            var digits = DftPlan.Digits(l, denseMax);
            // Zero-padded to l by writing into zeros, which makes a buffer of it: a padded expression split into the
            // digits would be read through that reshape, element by element.
            var padded = Lax.BroadcastInDim(Lax.ConvertElementType(0.0, x.DType), [2, l, .. rest], []);
            x = Lax.DynamicUpdateSlice(padded, x, x.Shape.Select(_ => (NDArray)0).ToArray());
            // The spectrum (a product's buffer) split again for the product with the kernel's and the inverse DFT.
            var spectrum = Lax.Reshape(Along(Lax.Reshape(x, [2, .. digits, .. rest]), 1, digits, backward: false), [2, .. digits, .. rest]);
            spectrum = Times(spectrum, KernelSpectrum(p, l, digits, backward), [.. Enumerable.Range(0, digits.Length + 1)]);
            var convolution = Along(spectrum, 1, digits, backward: true);
            var y = Times(convolution, DftFactors.Chirp(p, l, dtype, backward), [0, 1]);
            // The first p frequencies, cut out by a dynamic slice, which makes a buffer of them (as the padding above):
            // the four-step steps around reshape this result.
            var sizes = y.Shape;
            sizes[1] = p;
            return Lax.DynamicSlice(y, y.Shape.Select(_ => (NDArray)0).ToArray(), sizes);
        }

        /// <summary>The DFT of the chirp kernel over 1/l (the inverse DFT's scale), as [(Re, -Im, Im), ..digits].</summary>
        private NDArray KernelSpectrum(int p, int l, int[] digits, bool backward)
        {
            var kernel = DftFactors.ChirpKernel(p, digits, dtype, backward);
            var spectrum = Lax.Mul(Lax.Reshape(Along(kernel, 1, digits, backward: false), [2, .. digits]), 1.0 / l);
            var (re, im) = (Lax.SliceInDim(spectrum, 0, 1), Lax.SliceInDim(spectrum, 1, 2));
            return Lax.Concatenate([re, Lax.Neg(im), im], 0);
        }
    }
}
