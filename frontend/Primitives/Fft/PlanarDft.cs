using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Primitives;

/// <summary>
/// The discrete Fourier transform in real arithmetic, on planar complex values (real and imaginary parts as two real
/// arrays), for the expansion of the fft primitive into real primitives. It is made only of lax operations on real
/// arrays, its roots of unity computed from iotas, so it can be traced like any other function and runs on every
/// backend. Lengths that factor are split by the mixed-radix four-step Cooley-Tukey recursion (<see cref="DftPlan"/>);
/// the pieces that do not split further are dense DFT matrix products (short pieces, and primes up to
/// <see cref="DftPlan.BluesteinMin"/>) or, for longer primes, Bluestein's convolution of smooth length.
/// </summary>
/// <remarks>
/// Inside, the rows of the batch are flattened and the two parts stacked on an axis, so that each dense DFT is one
/// real matrix product that contracts the part and the index together (a 2n × 2n matrix). A product puts its new
/// index right after the part axis, where the four-step recursion wants it, so the recursion itself needs only free
/// reshapes. Several rows lead, z = [rows, part, ...], with the matrix broadcast over them as a batch of products, when
/// that broadcast is no larger than the data; otherwise (one row, or long dense pieces such as a prime length) one
/// matrix multiplies all rows at once, z = [part, ..., rows, ...], and one transpose at the end puts the rows back in
/// front.
/// </remarks>
internal static partial class PlanarDft
{
    /// <summary>Longest DFT done as one dense matrix product even when its length factors: up to here the products
    /// cost less than another four-step level's pass over the data and its twiddles (measured on the cpu backend:
    /// 16, 32 and 64 within 20% of each other at lengths 1,024 and 65,536).</summary>
    internal const int DenseMax = 32;

    /// <summary>
    /// DFT along the last axis of a planar complex value (re, im: real arrays of one shape and float dtype).
    /// inverse: the sign +1 in the exponent and the 1/n scale (numpy.fft.ifft's convention, norm="backward").
    /// </summary>
    internal static (NDArray Re, NDArray Im) Transform(NDArray re, NDArray im, bool inverse) => Transform(re, im, inverse, DenseMax);

    /// <summary>The transform with another dense threshold: 1 splits every composite length down to its prime factors
    /// (the tests use it to reach the recursion with short inputs).</summary>
    internal static (NDArray Re, NDArray Im) Transform(NDArray re, NDArray im, bool inverse, int denseMax)
    {
        Check(re, im);
        var shape = re.Shape;
        var n = shape[^1];
        if (n <= 1 || re.Size == 0) return (re, im);
        var rows = (int)(re.Size / n);
        var longest = DftPlan.LongestDense(n, denseMax);
        var lead = rows > 1 && (long)longest * longest <= n ? 1 : 0;
        var digits = DftPlan.Digits(n, denseMax);
        int[] stacked = lead == 1 ? [rows, 1, n] : [1, rows, n];
        var z = Lax.Concatenate([Lax.Reshape(re, stacked), Lax.Reshape(im, stacked)], lead);
        z = Along(Lax.Reshape(z, [.. z.Shape[..^1], .. digits]), lead, 2, digits, inverse, denseMax);
        // [rows, part, k], or [part, k, rows].
        if (lead == 0) z = Lax.Transpose(z, [0, 2, 1]);
        if (inverse) z = Lax.Mul(z, 1.0 / n);
        NDArray Part(int part) => Lax.Reshape(Lax.SliceInDim(z, part, part + 1, axis: lead), shape);
        return (Part(0), Part(1));
    }

    private static void Check(NDArray re, NDArray im)
    {
        if (re.DType != im.DType)
            throw new ArgumentException($"fft: the real and imaginary parts differ in dtype: {re.DType.NumpyName()} and {im.DType.NumpyName()}");
        if (re.DType is not (DType.Float32 or DType.Float64))
            throw new ArgumentException($"fft: the parts of a complex value must be float32 or float64, not {re.DType.NumpyName()}");
        if (!Shapes.Equal(re.Aval.Shape, im.Aval.Shape))
            throw new ArgumentException($"fft: the real and imaginary parts differ in shape: {Shapes.Format(re.Shape)} and {Shapes.Format(im.Shape)}");
        if (re.Ndim == 0) throw new ArgumentException("fft: a scalar has no axis to transform");
    }

    /// <summary>
    /// The DFT of z along the index held by the axes from <paramref name="axis"/> on, split into
    /// <paramref name="digits"/> (<see cref="DftPlan.Digits"/>). z has <paramref name="lead"/> (0 or 1) leading batch
    /// axes, then the part axis; the frequencies come out as one axis right after the part axis, and the other axes
    /// keep their order.
    /// </summary>
    private static NDArray Along(NDArray z, int lead, int axis, int[] digits, bool inverse, int denseMax) =>
        digits.Length > 2 ? FourStep(z, lead, axis, digits, inverse, denseMax)
        : DftPlan.UsesBluestein(digits) ? Bluestein(z, lead, axis, inverse, denseMax)
        : Dense(z, lead, axis, inverse);

    /// <summary>X[c', k] = Σ M[c', k, c, j]·x[c, j]: one real matrix product over the part and the index (its two digits
    /// at <paramref name="axis"/>), per leading row or for all rows at once.</summary>
    private static NDArray Dense(NDArray z, int lead, int axis, bool inverse)
    {
        var m = DftFactors.Matrix(z.Shape[axis], z.Shape[axis + 1], z.DType, inverse);
        if (lead == 0) return Lax.DotGeneral(m, z, ([3, 2, 4], [0, axis, axis + 1]), precision: Precision.Highest);
        m = Lax.BroadcastInDim(m, [z.Shape[0], .. m.Shape], [1, 2, 3, 4, 5]);
        return Lax.DotGeneral(m, z, ([4, 3, 5], [1, axis, axis + 1]), ([0], [0]), Precision.Highest);
    }

    /// <summary>
    /// n = n1·n2, j = j1·n2 + j2, k = k1 + n1·k2: X[k] = Σ_j2 W_n2^(j2·k2) · W_n^(j2·k1) · Σ_j1 W_n1^(j1·k1) · x[j1, j2],
    /// a DFT of length n1 (j1: all the digits but the last), the twiddles, and a DFT of length n2 (j2: the last digit)
    /// whose k2 lands before k1, as the index k wants.
    /// </summary>
    private static NDArray FourStep(NDArray z, int lead, int axis, int[] digits, bool inverse, int denseMax)
    {
        var n2 = digits[^1];
        var n1 = z.Shape.Skip(axis).Take(digits.Length - 1).Aggregate(1, (a, b) => a * b);
        // y = [lead, part, k1, ..., j2 at axis + 1, ...], j2 then split for the second DFT.
        var y = Along(z, lead, axis, digits[..^1], inverse, denseMax);
        var inner = DftPlan.Digits(n2, denseMax);
        var shape = y.Shape;
        y = Lax.Reshape(y, [.. shape[..(axis + 1)], .. inner, .. shape[(axis + 2)..]]);
        var w = DftFactors.Twiddles(n1, inner, z.DType, inverse);
        y = Times(y, w, [lead, lead + 1, .. Enumerable.Range(axis + 1, inner.Length)]);
        // x = [lead, part, k2, k1, ...]
        var x = Along(y, lead, axis + 1, inner, inverse, denseMax);
        return Lax.Reshape(x, [.. x.Shape[..(lead + 1)], n1 * n2, .. x.Shape[(lead + 3)..]]);
    }

    /// <summary>
    /// The elementwise complex product of y (parts on the axis dims[0]) with roots w = [(Re, -Im, Im), ...] whose other
    /// axes go to dims[1..] of y: y·Re w + swap(y)·(-Im w on the real part, Im w on the imaginary one), where swap
    /// exchanges the parts, is (a + ib)(c + id) = (ac - bd) + i(bc + ad).
    /// </summary>
    private static NDArray Times(NDArray y, NDArray w, int[] dims)
    {
        NDArray Factor(int row, int rows) => Lax.BroadcastInDim(Lax.SliceInDim(w, row, row + rows), y.Shape, dims);
        return Lax.Add(Lax.Mul(y, Factor(0, 1)), Lax.Mul(Lax.Rev(y, [dims[0]]), Factor(1, 2)));
    }
}
