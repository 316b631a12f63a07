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
/// Lengths of one or two dense pieces (1,024 = 32·32) keep the rows first and the parts interleaved
/// (<see cref="Rows"/>). Longer ones go through the general recursion below.
/// Inside it, the value is one real array z = [part, index digits..., other axes..., rows]: the two parts stacked on the
/// leading axis and the rows of the batch last. Each dense DFT is then one real matrix product M·z that contracts the
/// part and the index together (a 2n × 2n matrix times a 2n × (everything else) matrix): both operands are contiguous
/// blocks, which a GEMM reads in place, and all rows go through one wide product rather than a batch of small ones.
/// The product puts the frequencies right after the part axis; the four-step twiddle multiply, a pass over the data
/// anyway, also moves the next DFT's index there, so every product reads its operand in place. The layout costs one
/// pass in (the interleaved rows turned into planar columns) and one out.
/// </remarks>
internal static partial class PlanarDft
{
    /// <summary>Longest DFT done as one dense matrix product even when its length factors: up to here the products
    /// cost less than another four-step level's pass over the data and its twiddles (measured on the cpu backend:
    /// 16, 32 and 64 within 20% of each other at lengths 1,024 and 65,536).</summary>
    internal const int DenseMax = 32;

    /// <summary>Other axes of at least this many points make the innermost run long enough for a twiddle multiply that
    /// moves axes.</summary>
    private const long ShortRun = 16;

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
        var digits = DftPlan.Digits(n, denseMax);
        if (RowsApply(digits, denseMax))
        {
            var (r, i) = Rows(re, im, digits, inverse);
            return inverse ? (Lax.Reshape(Lax.Mul(r, 1.0 / n), shape), Lax.Reshape(Lax.Mul(i, 1.0 / n), shape)) : (Lax.Reshape(r, shape), Lax.Reshape(i, shape));
        }
        var z = Stack(re, im, rows, digits);
        var plan = new Plan(z.DType, denseMax);
        // [part, k, rows]
        z = plan.Along(z, 1, digits, inverse);
        if (inverse) z = Lax.Mul(z, 1.0 / n);
        NDArray Part(int part) => Lax.Reshape(Lax.Transpose(Lax.Reshape(Lax.SliceInDim(z, part, part + 1), [n, rows]), [1, 0]), shape);
        return (Part(0), Part(1));
    }

    /// <summary>z = [part, ..digits, rows]: one pass that reads both parts in place (transposed and split into the
    /// digits as views) and selects by the part's index, so no reshape comes after an elementwise op.</summary>
    private static NDArray Stack(NDArray re, NDArray im, int rows, int[] digits)
    {
        int[] stacked = [2, .. digits, rows];
        var order = Enumerable.Range(1, digits.Length).Append(0).ToArray();
        var dims = Enumerable.Range(1, digits.Length + 1).ToArray();
        NDArray Columns(NDArray part) => Lax.BroadcastInDim(Lax.Transpose(Lax.Reshape(part, [rows, .. digits]), order), stacked, dims);
        var isRe = Lax.Eq(Lax.BroadcastedIota(DType.Int32, stacked, 0), 0);
        return Lax.Select(isRe, Columns(re), Columns(im));
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

    /// <summary>One transform's settings and the tables it has built, so that pieces of one length share theirs (the
    /// expansion runs after CSE).</summary>
    private sealed partial class Plan(DType dtype, int denseMax)
    {
        private readonly Dictionary<(int, int, bool), NDArray> matrices = [];

        /// <summary>
        /// The DFT of z = [part, ..., ..digits at <paramref name="axis"/>, rest...] along the index held by the digit
        /// axes (<see cref="DftPlan.Digits"/>), forward or backward (the inverse without its scale): [part, k, the
        /// other axes in order].
        /// </summary>
        public NDArray Along(NDArray z, int axis, int[] digits, bool backward) =>
            digits.Length > 2 ? FourStep(z, axis, digits, backward)
            : DftPlan.UsesBluestein(digits) ? Bluestein(axis == 1 ? z : Lax.Transpose(z, ToFront(z.Ndim, axis, 2)), backward)
            : Dense(z, axis, backward);

        /// <summary>The permutation that moves <paramref name="count"/> axes from <paramref name="axis"/> to 1.</summary>
        private static int[] ToFront(int rank, int axis, int count) =>
            [0, .. Enumerable.Range(axis, count), .. Enumerable.Range(1, rank - 1).Where(d => d < axis || d >= axis + count)];

        /// <summary>X[c', k] = Σ M[c', k, c, j]·x[c, j]: one real matrix product over the part and the index (its two
        /// digits), for everything else at once.</summary>
        private NDArray Dense(NDArray z, int axis, bool backward)
        {
            var (nh, nl) = (z.Shape[axis], z.Shape[axis + 1]);
            if (!matrices.TryGetValue((nh, nl, backward), out var m))
                matrices[(nh, nl, backward)] = m = DftFactors.Matrix(nh, nl, dtype, backward);
            return Lax.DotGeneral(m, z, ([2, 3, 4], [0, axis, axis + 1]), precision: Precision.Highest);
        }

        /// <summary>
        /// n = n1·n2, j = j1·n2 + j2, k = k1 + n1·k2: X[k] = Σ_j2 W_n2^(j2·k2) · W_n^(j2·k1) · Σ_j1 W_n1^(j1·k1) · x[j1, j2],
        /// a DFT of length n1 (j1: all the digits but the last), the twiddles, and a DFT of length n2 (j2: the last
        /// digit) whose k2 lands before k1, as the index k wants.
        /// </summary>
        /// <remarks>With a long run of other axes (rows, or an outer level's k1) the twiddle multiply also moves k1 behind
        /// j2's digits, so that the second DFT's product reads its operand in place. With a short one that move would read
        /// the data a few elements at a time far apart (the outer level of a single row of 2^20: 23 ms): the product
        /// then converts its operand itself (10 ms).</remarks>
        private NDArray FourStep(NDArray z, int axis, int[] digits, bool backward)
        {
            var n2 = digits[^1];
            // y = [part, k1, (axes before the digits), j2, rest...], j2 then split for the second DFT.
            var y = Along(z, axis, digits[..^1], backward);
            var n1 = y.Shape[1];
            var inner = DftPlan.Digits(n2, denseMax);
            var before = y.Shape[2..(axis + 1)];
            var rest = y.Shape[(axis + 2)..];
            y = Lax.Reshape(y, [2, n1, .. before, .. inner, .. rest]);
            var first = axis + 1;
            var innerDims = Enumerable.Range(first, inner.Length).ToArray();
            if (before.Concat(rest).Aggregate(1L, (a, b) => a * b) < ShortRun)
            {
                y = Times(y, DftFactors.Twiddles(n1, inner, dtype, backward, jLast: true), [0, 1, .. innerDims]);
                // x = [part, k2, k1, (axes before), rest...]
                var x = Along(y, first, inner, backward);
                return Lax.Reshape(x, [2, n1 * n2, .. before, .. rest]);
            }
            var order = Enumerable.Range(0, y.Ndim).ToArray();
            order = [0, .. innerDims, 1, .. order[2..first], .. order[(first + inner.Length)..]];
            y = Lax.Transpose(y, order);
            y = Times(y, DftFactors.Twiddles(n1, inner, dtype, backward), [0, .. Enumerable.Range(1, inner.Length + 1)]);
            var moved = Along(y, 1, inner, backward);
            return Lax.Reshape(moved, [2, n1 * n2, .. before, .. rest]);
        }
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
