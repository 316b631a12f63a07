using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Linalg
        {
            /// <summary>
            /// scipy.linalg.circulant: the n×n matrix whose first column is <paramref name="c"/> [..., n] and whose every
            /// column is the previous one rotated down by one: C[i, j] = c[(i − j) mod n]. Leading axes are batches, as
            /// JAX's; a scalar is a vector of one. The dtype is c's; a gather, so differentiable in c.
            /// </summary>
            public static NDArray Circulant(NDArray c)
            {
                c = Jnp.Atleast1d(c);
                var n = c.Aval.Shape[^1];
                return StructuredMatrix.Gather(c, n, n, (i, j) => ((i - j) % n + n) % n);
            }

            /// <summary>
            /// scipy.linalg.hankel: the matrix [..., m, n] with first column <paramref name="c"/> [..., m] and last row
            /// <paramref name="r"/> [..., n] (zeros by default), constant along each anti-diagonal: H[i, j] = c[i + j]
            /// for i + j &lt; m, r[i + j − m + 1] below (r[0] is not read; c's last entry wins, as SciPy's). Batch axes
            /// broadcast; the dtypes promote (integers stay integers); differentiable in c and r.
            /// </summary>
            /// <exception cref="ShapeException">the batch shapes of c and r do not broadcast.</exception>
            public static NDArray Hankel(NDArray c, NDArray? r = null)
            {
                c = Jnp.Atleast1d(c);
                var p = Jnp.Promote(c, r is null ? Jnp.Zeros([c.Aval.Shape[^1]], c.DType) : Jnp.Atleast1d(r));
                var (column, row) = (p[0], p[1]);
                var (m, n) = (column.Aval.Shape[^1], row.Aval.Shape[^1]);
                var batch = Shapes.Broadcast("hankel", column.Aval.Shape[..^1], row.Aval.Shape[..^1]);
                if (m == 0 || n == 0) return Jnp.Zeros([.. batch, m, n], column.DType);
                // The anti-diagonals from the top-left corner: c, then r past its first entry.
                var antiDiagonals = Jnp.Concatenate([Jnp.BroadcastTo(column, [.. batch, m]),
                    Jnp.BroadcastTo(Jax.Lax.SliceInDim(row, 1, n, axis: row.Ndim - 1), [.. batch, n - 1])], -1);
                return StructuredMatrix.Gather(antiDiagonals, m, n, (i, j) => i + j);
            }

            /// <summary>
            /// scipy.linalg.companion: the (n−1)×(n−1) companion matrix of the polynomial with coefficients
            /// <paramref name="a"/> [..., n] (highest degree first): first row −a[1:] / a[0], ones on the subdiagonal, so
            /// its eigenvalues are the polynomial's roots. Batches along leading axes (JAX's extension); the result is
            /// inexact. A zero a[0] gives inf or NaN entries (SciPy raises; a traced value cannot be tested, and JAX does
            /// not).
            /// </summary>
            /// <exception cref="ShapeException">fewer than two coefficients.</exception>
            public static NDArray Companion(NDArray a)
            {
                a = Jnp.PromoteInexact(Jnp.Atleast1d(a))[0];
                var n = a.Aval.Shape[^1];
                if (n < 2) throw new ShapeException($"companion: the polynomial needs at least 2 coefficients, got shape {Shapes.Format(a.Aval.Shape)}");
                var last = a.Ndim - 1;
                var firstRow = -Jax.Lax.SliceInDim(a, 1, n, axis: last) / Jax.Lax.SliceInDim(a, 0, 1, axis: last);
                var entries = StructuredMatrix.WithZeroAndOne(firstRow);
                return StructuredMatrix.Gather(entries, n - 1, n - 1, (i, j) => i == 0 ? 2 + j : i == j + 1 ? 1 : 0);
            }

            /// <summary>
            /// scipy.linalg.leslie: the Leslie matrix of a population model, fecundities <paramref name="f"/> [..., n] on
            /// the first row and survival rates <paramref name="s"/> [..., n − 1] on the subdiagonal. Batch axes
            /// broadcast (JAX's extension); the dtypes promote; differentiable in f and s.
            /// </summary>
            /// <exception cref="ShapeException">no fecundities, s not one shorter than f, or batches that do not
            /// broadcast.</exception>
            public static NDArray Leslie(NDArray f, NDArray s)
            {
                var p = Jnp.Promote(Jnp.Atleast1d(f), Jnp.Atleast1d(s));
                var (fecundity, survival) = (p[0], p[1]);
                var n = fecundity.Aval.Shape[^1];
                if (n == 0) throw new ShapeException("leslie: f must have at least one entry");
                if (survival.Aval.Shape[^1] != n - 1)
                    throw new ShapeException($"leslie: s must have one entry fewer than f: f has shape {Shapes.Format(fecundity.Aval.Shape)}, s {Shapes.Format(survival.Aval.Shape)}");
                var batch = Shapes.Broadcast("leslie", fecundity.Aval.Shape[..^1], survival.Aval.Shape[..^1]);
                var entries = Jnp.Concatenate([Jnp.Zeros([.. batch, 1], fecundity.DType), Jnp.BroadcastTo(fecundity, [.. batch, n]),
                    Jnp.BroadcastTo(survival, [.. batch, n - 1])], -1);
                return StructuredMatrix.Gather(entries, n, n, (i, j) => i == 0 ? 1 + j : i == j + 1 ? n + j + 1 : 0);
            }

            /// <summary>
            /// scipy.linalg.fiedler: the symmetric matrix F[i, j] = |a[i] − a[j]| of <paramref name="a"/> [..., n] (batches
            /// along leading axes, as JAX's). The dtype is a's; differentiable in a away from ties.
            /// </summary>
            public static NDArray Fiedler(NDArray a)
            {
                a = Jnp.Atleast1d(a);
                return Jnp.Abs(Jnp.ExpandDims(a, -1) - Jnp.ExpandDims(a, -2));
            }

            /// <summary>
            /// scipy.linalg.fiedler_companion: Fiedler's pentadiagonal companion matrix of the polynomial with coefficients
            /// <paramref name="a"/> [..., n] (highest degree first), (n−1)×(n−1) with the same eigenvalues as
            /// <see cref="Companion"/>'s: with b = a / a[0], −b[1] in the corner, −b[k] at (k − 2, k − 1) for even k and
            /// at (k − 1, k − 2) for odd k ≥ 3, and ones at (1, 0), (i, i + 2) for even i and (i, i − 2) for odd i.
            /// Fewer than two coefficients give a 0×0 matrix. Inexact; a zero a[0] gives inf or NaN, as
            /// <see cref="Companion"/>.
            /// </summary>
            public static NDArray FiedlerCompanion(NDArray a)
            {
                a = Jnp.PromoteInexact(Jnp.Atleast1d(a))[0];
                var n = a.Aval.Shape[^1] - 1;
                if (n < 1) return Jnp.Zeros([.. a.Aval.Shape[..^1], 0, 0], a.DType);
                var last = a.Ndim - 1;
                var negated = -Jax.Lax.SliceInDim(a, 1, n + 1, axis: last) / Jax.Lax.SliceInDim(a, 0, 1, axis: last);
                // Entry 2 + (k − 1) of the table is −b[k].
                return StructuredMatrix.Gather(StructuredMatrix.WithZeroAndOne(negated), n, n, (i, j) =>
                    (i, j) == (0, 0) ? 2 :
                    (i, j) == (1, 0) ? 1 :
                    i % 2 == 0 && j == i + 1 ? 2 + (i + 2 - 1) :
                    i % 2 == 0 && j == i - 1 ? 2 + (i + 1 - 1) :
                    i % 2 == 0 && j == i + 2 ? 1 :
                    i % 2 == 1 && i >= 3 && j == i - 2 ? 1 : 0);
            }

            /// <summary>
            /// scipy.linalg.convolution_matrix: the matrix A [..., rows, n] with A v = numpy.convolve(a, v, mode) for every
            /// v of length <paramref name="n"/>: "full" (m + n − 1 rows), "same" (max(m, n) rows, centred as NumPy's)
            /// or "valid" (max(m, n) − min(m, n) + 1 rows). a [..., m] may carry batch axes (JAX's extension); the
            /// dtype is a's; differentiable in a.
            /// </summary>
            /// <exception cref="ArgumentException">n &lt; 1, an empty a, or an unknown mode.</exception>
            public static NDArray ConvolutionMatrix(NDArray a, int n, string mode = "full")
            {
                a = Jnp.Atleast1d(a);
                var m = a.Aval.Shape[^1];
                if (n < 1) throw new ArgumentException($"convolution_matrix: n must be positive, got {n}", nameof(n));
                if (m == 0) throw new ArgumentException("convolution_matrix: a must not be empty", nameof(a));
                var (first, rows) = mode switch
                {
                    "full" => (0, m + n - 1),
                    "same" => ((Math.Min(m, n) - 1) / 2, Math.Max(m, n)),
                    "valid" => (Math.Min(m, n) - 1, Math.Max(m, n) - Math.Min(m, n) + 1),
                    _ => throw new ArgumentException($"convolution_matrix: mode must be \"full\", \"same\" or \"valid\", got \"{mode}\"", nameof(mode)),
                };
                var entries = Jnp.Concatenate([Jnp.Zeros([.. a.Aval.Shape[..^1], 1], a.DType), a], -1);
                // Row r of the full matrix holds a[r − j] in column j.
                return StructuredMatrix.Gather(entries, rows, n, (i, j) => i + first - j is var k && k >= 0 && k < m ? 1 + k : 0);
            }
        }
    }
}

/// <summary>
/// Builds the structured matrices of <see cref="Jax.Scipy.Linalg"/> from a table of their distinct entries: a host map
/// says which entry each position holds, and one gather along the table's last axis makes the matrix, so a batch of
/// tables gives a batch of matrices and the derivative flows back to the entries.
/// </summary>
internal static class StructuredMatrix
{
    /// <summary>The [..., rows, columns] matrix whose (i, j) element is <paramref name="table"/>[..., entry(i, j)].</summary>
    public static NDArray Gather(NDArray table, int rows, int columns, Func<int, int, int> entry)
    {
        if (rows == 0 || columns == 0 || table.Aval.Shape[^1] == 0)
            return Jnp.Zeros([.. table.Aval.Shape[..^1], rows, columns], table.DType);
        var map = new int[rows, columns];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++)
                map[i, j] = entry(i, j);
        return Jnp.Take(table, Jnp.Array(map), -1, TakeMode.Clip);
    }

    /// <summary>The table [..., 0, 1, values...]: entry 0 is zero and entry 1 is one, in values' dtype.</summary>
    public static NDArray WithZeroAndOne(NDArray values)
    {
        var constants = Jnp.Array(new[] { 0.0, 1.0 }, DType.Float64).Astype(values.DType);
        return Jnp.Concatenate([Jnp.BroadcastTo(constants, [.. values.Aval.Shape[..^1], 2]), values], -1);
    }
}
