using JaxNet.Abstractions.Kernels;
using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Primitives;

/// <summary>
/// The roots of unity a DFT multiplies by, as real numbers, built inside the traced program from iotas (never from
/// host data, which would become a constant input the lowered module cannot receive). A complex value here has its
/// two parts on an axis of size 2, so multiplying by w = exp(σ·2πi·m/n) (σ = -1 forward, +1 inverse) is the real 2×2
/// matrix [[Re w, -Im w], [Im w, Re w]], whose entries are all cos(2πm/n + q·π/2) for a quarter-turn offset q.
/// </summary>
/// <remarks>
/// Short tables (the dense DFT matrices, twiddles up to <see cref="DirectTwiddlesMax"/> roots) take one cosine per
/// entry from the exact integer phase, in one kernel. Longer twiddle tables are products of two smaller tables of
/// roots, w^(a·s + b) = w^(a·s)·w^b, taken as a contraction over the part axis (the 2×2 matrix of one times the
/// other): far fewer sines and cosines, for about one rounding more. Either way a table is a buffer of its own (read
/// by a product, or by two slices of a twiddle multiply), never recomputed for each element it multiplies.
/// </remarks>
internal static class DftFactors
{
    /// <summary>Twiddle tables up to this many roots are computed one cosine per entry; longer ones as the product of
    /// two shorter tables (a few more kernels, far fewer cosines).</summary>
    private const int DirectTwiddlesMax = 1 << 14;

    /// <summary>
    /// The dense DFT matrix of length n = nh·nl as a real array M[c', k, c, jh, jl] with j = jh·nl + jl: the part c' of
    /// X[k] gets M[c', k, c, jh, jl]·x[c, j] from the part c of x[j]. One cosine per entry, from the exact phase
    /// (k·j) mod n: at most 4·<see cref="DftPlan.BluesteinMin"/>² of them, computed in one kernel.
    /// </summary>
    public static NDArray Matrix(int nh, int nl, DType dtype, bool inverse)
    {
        var n = nh * nl;
        int[] shape = [2, n, 2, nh, nl];
        NDArray Iota(int dimension) => Lax.BroadcastedIota(DType.Int32, shape, dimension);
        var j = Lax.Add(Lax.Mul(Iota(3), nl), Iota(4));
        return Rotation(ModMul(Iota(1), j, n), Quarters(Iota(0), Iota(2), inverse), n, dtype);
    }

    /// <summary>
    /// The dense DFT matrix of length n with its four axes in the order <paramref name="order"/>, a permutation of
    /// "PkCj": P the part of X[k] that M[P, k, C, j]·x[C, j] adds to, C the part of x[j] it reads. One cosine per entry.
    /// </summary>
    public static NDArray PartMatrix(int n, DType dtype, bool inverse, string order)
    {
        var shape = order.Select(axis => axis is 'k' or 'j' ? n : 2).ToArray();
        NDArray Iota(char axis) => Lax.BroadcastedIota(DType.Int32, shape, order.IndexOf(axis));
        var quarters = Quarters(Iota('P'), Iota('C'), inverse);
        // A short matrix's phase 4·k·j + q·n needs no reduction mod n first (the cosine takes whole turns off).
        var top = 4L * (n - 1) * (n - 1) + 3L * n;
        if (top < 1 << 22)
            return QuarterTurnCosine.Of(Lax.Add(Lax.Mul(Lax.Mul(Iota('k'), Iota('j')), 4), Lax.Mul(quarters, n)), n, dtype, top);
        return Rotation(ModMul(Iota('k'), Iota('j'), n), quarters, n, dtype);
    }

    /// <summary>
    /// The four-step twiddles w = exp(σ·2πi·k1·j2/n) for k1 &lt; n1 and j2 &lt; n/n1, as a [3, ..j2, k1] array (or
    /// [3, k1, ..j2] with <paramref name="jLast"/>) of Re w, -Im w and Im w (the factors the elementwise complex
    /// product needs), j2 split into the digits <paramref name="j2Digits"/> (j2 = j2h·n2l + j2l, j2l the last digit).
    /// </summary>
    public static NDArray Twiddles(int n1, int[] j2Digits, DType dtype, bool inverse, bool jLast = false)
    {
        var n = n1 * j2Digits.Aggregate(1, (a, b) => a * b);
        if (n > DirectTwiddlesMax)
        {
            var table = TwiddleProduct(n1, j2Digits, dtype, inverse);
            return jLast ? table : Lax.Transpose(table, [0, .. Enumerable.Range(2, j2Digits.Length), 1]);
        }
        int[] shape = jLast ? [3, n1, .. j2Digits] : [3, .. j2Digits, n1];
        var first = jLast ? 2 : 1;
        NDArray Iota(int dimension) => Lax.BroadcastedIota(DType.Int32, shape, dimension);
        var j2 = Iota(first);
        for (var d = first + 1; d < first + j2Digits.Length; d++) j2 = Lax.Add(Lax.Mul(j2, shape[d]), Iota(d));
        return Rotation(Lax.Mul(j2, Iota(jLast ? 1 : shape.Length - 1)), RowQuarters(Iota(0), inverse), n, dtype);
    }

    /// <summary>The twiddles of <see cref="Twiddles"/> as [3, k1, ..j2], built as the product of two tables of roots:
    /// w^(k1·(j2h·n2l + j2l)) = w^(k1·j2h·n2l)·w^(k1·j2l).</summary>
    private static NDArray TwiddleProduct(int n1, int[] j2Digits, DType dtype, bool inverse)
    {
        var n2l = j2Digits[^1];
        var n2h = j2Digits[..^1].Aggregate(1, (a, b) => a * b);
        var n = n1 * n2h * n2l;
        int[] coarseShape = [3, n1, 2, n2h];
        NDArray Coarse(int dimension) => Lax.BroadcastedIota(DType.Int32, coarseShape, dimension);
        // Rows 1 and 2 are the matrix's second row (Im w), row 1 turned by a half (negated).
        var row = Coarse(0);
        var halfTurn = Lax.Mul(Lax.ConvertElementType(Lax.Eq(row, 1), DType.Int32), 2);
        var coarse = Rotation(Lax.Mul(Coarse(1), Lax.Mul(Coarse(3), n2l)), Lax.Add(Quarters(Lax.Min(row, 1), Coarse(2), inverse), halfTurn),
            n, dtype);
        int[] fineShape = [n1, 2, 1, n2l];
        NDArray Fine(int dimension) => Lax.BroadcastedIota(DType.Int32, fineShape, dimension);
        var fine = Rotation(Lax.Mul(Fine(0), Fine(3)), Quarters(Fine(1), 0, inverse), n, dtype);
        return Lax.Reshape(Product(coarse, fine), [3, n1, .. j2Digits]);
    }

    /// <summary>
    /// Bluestein's chirp c_m = exp(σ·πi·m²/p) for m &lt; p, as a [3, length] array of Re c, -Im c and Im c (the factors
    /// of an elementwise complex product), from the exact phase m² mod 2p; past p (a length over p) it is 1.
    /// </summary>
    public static NDArray Chirp(int p, int length, DType dtype, bool inverse)
    {
        int[] shape = [3, length];
        var m = Lax.BroadcastedIota(DType.Int32, shape, 1);
        m = Lax.Select(Lax.Lt(m, p), m, Lax.Mul(m, 0));
        return Rotation(ModMul(m, m, 2 * p), RowQuarters(Lax.BroadcastedIota(DType.Int32, shape, 0), inverse), 2 * p, dtype);
    }

    /// <summary>
    /// The kernel Bluestein's convolution of length l multiplies by, as a planar [2, ..digits] array (the index
    /// m &lt; l split into <paramref name="digits"/>, as the DFT of length l reads it): conj(c_m) at m and at l - m for
    /// m &lt; p, zero between.
    /// </summary>
    public static NDArray ChirpKernel(int p, int[] digits, DType dtype, bool inverse)
    {
        int[] shape = [2, .. digits];
        var l = digits.Aggregate(1, (a, b) => a * b);
        var part = Lax.BroadcastedIota(DType.Int32, shape, 0);
        var m = Lax.BroadcastedIota(DType.Int32, shape, 1);
        for (var d = 2; d < shape.Length; d++) m = Lax.Add(Lax.Mul(m, shape[d]), Lax.BroadcastedIota(DType.Int32, shape, d));
        var folded = Lax.Min(m, Lax.Sub(l, m));
        var inside = Lax.Lt(folded, p);
        folded = Lax.Select(inside, folded, Lax.Mul(folded, 0));
        var value = Rotation(ModMul(folded, folded, 2 * p), Quarters(part, 0, !inverse), 2 * p, dtype);
        return Lax.Select(inside, value, Lax.Mul(value, 0.0));
    }

    /// <summary>
    /// Σ_c coarse[r, k, c, a]·fine[k, c, c', b] → [r, k, a, c', b]: for each k, the 2×2 matrices (or rows) of the
    /// coarse roots times the 2×2 matrices (or columns) of the fine ones, laid out row-major in that order (r and k are
    /// the product's batch axes, so they lead), so that consumers read contiguous runs.
    /// </summary>
    private static NDArray Product(NDArray coarse, NDArray fine)
    {
        var rows = coarse.Shape[0];
        fine = Lax.BroadcastInDim(fine, [rows, .. fine.Shape], [1, 2, 3, 4]);
        var product = Lax.DotGeneral(coarse, fine, ([2], [2]), ([0, 1], [0, 1]), Precision.Highest);
        return product.Shape[3] == 1 ? Lax.Reshape(product, [.. product.Shape[..3], .. product.Shape[4..]]) : product;
    }

    /// <summary>The quarter turns of the rows 0, 1 and 2 of a [(Re, -Im, Im), ...] table: the entries [0, 0], [0, 1]
    /// and [1, 0] of the 2×2 matrix.</summary>
    private static NDArray RowQuarters(NDArray row, bool inverse) =>
        Quarters(Lax.ConvertElementType(Lax.Eq(row, 2), DType.Int32), Lax.ConvertElementType(Lax.Eq(row, 1), DType.Int32), inverse);

    /// <summary>The quarter turns of the entry [partOut, partIn] of the 2×2 matrix of exp(σ·iθ):
    /// [[cos θ, -σ sin θ], [σ sin θ, cos θ]] is cos(θ + q·π/2) with q = -σ·(partOut - partIn).</summary>
    private static NDArray Quarters(NDArray partOut, NDArray partIn, bool inverse) =>
        inverse ? Lax.Sub(partIn, partOut) : Lax.Sub(partOut, partIn);

    /// <summary>
    /// cos(2πm/n + q·π/2) for int32 arrays 0 ≤ m &lt; n and -1 ≤ q ≤ 3, from the exact integer phase 4m + q·n in units
    /// of 2π/4n (<see cref="QuarterTurnCosine"/>).
    /// </summary>
    private static NDArray Rotation(NDArray m, NDArray quarters, int n, DType dtype) =>
        QuarterTurnCosine.Of(Lax.Add(Lax.Mul(m, 4), Lax.Mul(quarters, n)), n, dtype);

    /// <summary>
    /// (a·b) mod m for int32 arrays with 0 ≤ a, b &lt; m. When the plain product could overflow int32 it is built by
    /// Horner's rule over b's bits, a few bits at a time, reducing after each step, so no partial result reaches 2^31.
    /// </summary>
    public static NDArray ModMul(NDArray a, NDArray b, int m)
    {
        if ((long)(m - 1) * (m - 1) <= int.MaxValue) return Lax.Rem(Lax.Mul(a, b), m);
        var bits = 30 - (int)Math.Ceiling(Math.Log2(m));
        if (bits < 1) throw new ArgumentException($"fft: modulus {m} is too large for int32 phase arithmetic");
        NDArray result = Lax.Mul(a, 0);
        for (var shift = (31 + bits - 1) / bits * bits - bits; shift >= 0; shift -= bits)
        {
            var digit = Lax.BitwiseAnd(Lax.ShiftRightLogical(b, shift), (1 << bits) - 1);
            result = Lax.Rem(Lax.Add(Lax.Mul(result, 1 << bits), Lax.Mul(a, digit)), m);
        }
        return result;
    }
}
