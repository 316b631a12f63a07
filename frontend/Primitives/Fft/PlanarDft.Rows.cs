using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Primitives;

/// <summary>
/// The transform of lengths made of at most two dense pieces, rows first: the value stays as interleaved rows
/// [rows, ..., part] (the layout a complex array has in memory), and each dense DFT is a batch of real matrix products,
/// one per row and part, that reads its operand in place; the two parts' products are added by the pass that reads
/// them next. No pass over the data transposes it (on the cpu backend a transposing pass walks short rows, several
/// times slower than a contiguous one), at the price of the matrix broadcast over the rows (about twice the data).
/// </summary>
internal static partial class PlanarDft
{
    /// <summary>Whether <see cref="Rows"/> does the transform of a length split into <paramref name="digits"/>: one
    /// dense piece, or two whose matrices, broadcast over the rows, take at most twice the data's memory.</summary>
    private static bool RowsApply(int[] digits, int denseMax)
    {
        if (digits.Length == 2) return !DftPlan.UsesBluestein(digits);
        if (digits.Length != 3 || DftPlan.UsesBluestein(digits[..2])) return false;
        var (n1, n2) = (digits[0] * digits[1], digits[2]);
        var inner = DftPlan.Digits(n2, denseMax);
        return inner.Length == 2 && !DftPlan.UsesBluestein(inner) && (long)n1 * n1 + (long)n2 * n2 <= 4L * n1 * n2;
    }

    /// <summary>The transform along the last axis with one or two dense pieces (<see cref="RowsApply"/>), without
    /// the inverse's scale.</summary>
    private static (NDArray Re, NDArray Im) Rows(NDArray re, NDArray im, int[] digits, bool inverse)
    {
        var n = re.Shape[^1];
        var rows = (int)(re.Size / n);
        var dtype = re.DType;
        if (digits.Length == 2)
        {
            // [part, rows, k, part'] = Σ_j x[rows, j, part]·M[part, j, k, part'], the rows of x the GEMM's rows.
            var x = Interleave(re, im, [rows, n]);
            var m = DftFactors.PartMatrix(n, dtype, inverse, "CjkP");
            return SumParts(Lax.DotGeneral(x, m, ([1], [1]), ([2], [0]), Precision.Highest), [rows, n], 0, 3);
        }
        var (n1, n2) = (digits[0] * digits[1], digits[2]);
        var matrices = new Dictionary<int, NDArray>();
        // The matrix [rows, part, part', k, j] of a piece, shared by the two pieces when they are one length.
        NDArray Broadcast(int length)
        {
            if (matrices.TryGetValue(length, out var b)) return b;
            var matrix = DftFactors.PartMatrix(length, dtype, inverse, "CPkj");
            return matrices[length] = Lax.BroadcastInDim(matrix, [rows, 2, 2, length, length], [1, 2, 3, 4]);
        }
        // j = j1·n2 + j2, k = k1 + n1·k2: [rows, part, part', k1, j2], each row's DFT over j1 for both parts apart.
        var s = Interleave(re, im, [rows, n1, n2]);
        var y1 = Lax.DotGeneral(Broadcast(n1), s, ([4], [1]), ([0, 1], [0, 3]), Precision.Highest);
        // [rows, part', k1, j2]: the parts' products added and multiplied by the twiddles, rows of n elements.
        var sum = Lax.Add(Part(y1, 1, 0), Part(y1, 1, 1));
        var y = Times(sum, DftFactors.Twiddles(n1, [n2], dtype, inverse, jLast: true), [1, 2, 3]);
        // [rows, part', part'', k2, k1]: the DFT over j2.
        var y2 = Lax.DotGeneral(Broadcast(n2), y, ([4], [3]), ([0, 1], [0, 1]), Precision.Highest);
        return SumParts(y2, [rows, n], 1, 2);
    }

    /// <summary>x = [..shape, part]: the two parts interleaved (a complex array's own layout, so that the transform
    /// of a complex input reads it in place), made without reshaping an elementwise result.</summary>
    private static NDArray Interleave(NDArray re, NDArray im, int[] shape)
    {
        int[] pairs = [.. shape, 2];
        var dims = Enumerable.Range(0, shape.Length).ToArray();
        NDArray Spread(NDArray part) => Lax.BroadcastInDim(Lax.Reshape(part, shape), pairs, dims);
        return Lax.Select(Lax.Eq(Lax.BroadcastedIota(DType.Int32, pairs, shape.Length), 0), Spread(re), Spread(im));
    }

    /// <summary>The sub-array at index <paramref name="index"/> of <paramref name="axis"/>, without that axis.</summary>
    private static NDArray Part(NDArray y, int axis, int index)
    {
        var shape = y.Shape.ToList();
        shape.RemoveAt(axis);
        return Lax.Reshape(Lax.SliceInDim(y, index, index + 1, axis: axis), [.. shape]);
    }

    /// <summary>The real and imaginary parts of a product whose input part is on axis <paramref name="inputPart"/> and
    /// output part on <paramref name="outputPart"/>: the sums over the input part, reshaped to <paramref name="shape"/>.</summary>
    private static (NDArray Re, NDArray Im) SumParts(NDArray y, int[] shape, int inputPart, int outputPart)
    {
        NDArray Sum(int part)
        {
            var out0 = Part(y, outputPart, part);
            var axis = inputPart < outputPart ? inputPart : inputPart - 1;
            return Lax.Reshape(Lax.Add(Part(out0, axis, 0), Part(out0, axis, 1)), shape);
        }
        return (Sum(0), Sum(1));
    }
}
