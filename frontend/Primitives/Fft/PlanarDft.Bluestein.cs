using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Primitives;

internal static partial class PlanarDft
{
    /// <summary>
    /// Bluestein's algorithm for a prime length p (the index's digits [1, p] at <paramref name="axis"/>): with
    /// j·k = (j² + k² - (k - j)²) / 2 and c_m = exp(σ·πi·m²/p), X_k = c_k · Σ_j (x_j·c_j)·conj(c_(k-j)), a convolution,
    /// done as a cyclic one of smooth length l ≥ 2p - 1 by two DFTs of length l (and a third, of the kernel, that does
    /// not depend on x). O(n log n) where the dense product is O(n²), for a few more passes over the data.
    /// </summary>
    private static NDArray Bluestein(NDArray z, int lead, int axis, bool inverse, int denseMax)
    {
        var p = z.Shape[axis + 1];
        var l = DftPlan.ConvolutionLength(p);
        var shape = z.Shape;
        var x = Times(Lax.Reshape(z, [.. shape[..axis], p, .. shape[(axis + 2)..]]), DftFactors.Chirp(p, p, z.DType, inverse), [lead, axis]);
        var digits = DftPlan.Digits(l, denseMax);
        // Zero-padded to l by writing into zeros, which makes a buffer of it: a padded expression split into the
        // digits would be read through that reshape, element by element.
        var padded = Lax.BroadcastInDim(Lax.ConvertElementType(0.0, x.DType), [.. x.Shape[..axis], l, .. x.Shape[(axis + 1)..]], []);
        x = Lax.DynamicUpdateSlice(padded, x, x.Shape.Select(_ => (NDArray)0).ToArray());
        x = Lax.Reshape(x, [.. x.Shape[..axis], .. digits, .. x.Shape[(axis + 1)..]]);
        // [lead, part, l, ...], split again for the product with the kernel's spectrum and the inverse DFT.
        var spectrum = SplitFrequencies(Along(x, lead, axis, digits, inverse: false, denseMax), lead, digits);
        int[] dims = [lead, .. Enumerable.Range(lead + 1, digits.Length)];
        spectrum = Times(spectrum, KernelSpectrum(p, l, digits, z.DType, inverse, denseMax), dims);
        var convolution = Along(spectrum, lead, lead + 1, digits, inverse: true, denseMax);
        var y = Times(convolution, DftFactors.Chirp(p, l, z.DType, inverse), [lead, lead + 1]);
        // The first p frequencies, cut out by a dynamic slice, which makes a buffer of them (as the padding above): the
        // four-step steps around reshape this result.
        var sizes = y.Shape;
        sizes[lead + 1] = p;
        return Lax.DynamicSlice(y, y.Shape.Select(_ => (NDArray)0).ToArray(), sizes);
    }

    private static NDArray SplitFrequencies(NDArray x, int lead, int[] digits)
    {
        var shape = x.Shape;
        return Lax.Reshape(x, [.. shape[..(lead + 1)], .. digits, .. shape[(lead + 2)..]]);
    }

    /// <summary>The DFT of the chirp kernel over 1/l (the inverse DFT's scale), as [(Re, -Im, Im), ..digits].</summary>
    private static NDArray KernelSpectrum(int p, int l, int[] digits, DType dtype, bool inverse, int denseMax)
    {
        var kernel = DftFactors.ChirpKernel(p, digits, dtype, inverse);
        var spectrum = Lax.Mul(Lax.Reshape(Along(kernel, 0, 2, digits, inverse: false, denseMax), [2, .. digits]), 1.0 / l);
        var (re, im) = (Lax.SliceInDim(spectrum, 0, 1), Lax.SliceInDim(spectrum, 1, 2));
        return Lax.Concatenate([re, Lax.Neg(im), im], 0);
    }
}
