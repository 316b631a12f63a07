using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Linalg
        {
            /// <summary>
            /// scipy.linalg.block_diag: the arrays on the diagonal of one matrix, zeros elsewhere. A scalar is a 1×1 block
            /// and a vector [n] a 1×n row, as in SciPy; the dtypes promote (integers stay integers). No arrays give an
            /// empty 1×0 matrix, as SciPy's. Linear, so differentiable.
            /// </summary>
            /// <exception cref="ShapeException">an array has more than 2 dimensions.</exception>
            public static NDArray BlockDiag(params NDArray[] arrs)
            {
                if (arrs.Length == 0) return Jnp.Zeros([1, 0]);
                for (var i = 0; i < arrs.Length; i++)
                    if (arrs[i].Ndim > 2)
                        throw new ShapeException($"block_diag: the arrays must have at most 2 dimensions, got shape {Shapes.Format(arrs[i].Aval.Shape)} at argument {i}");
                var blocks = Jnp.Promote(arrs).Select(Jnp.Atleast2d).ToArray();
                var width = blocks.Sum(b => b.Aval.Shape[1]);
                // Each block padded with zeros to the full width, at its own column offset, then the rows stacked.
                var offset = 0;
                var rows = blocks.Select(b =>
                {
                    var columns = b.Aval.Shape[1];
                    var row = Lax.Pad(b, 0, [(0, 0, 0), (offset, width - offset - columns, 0)]);
                    offset += columns;
                    return row;
                }).ToArray();
                return Jnp.Concatenate(rows, 0);
            }

            /// <summary>
            /// scipy.linalg.toeplitz: the matrix [..., m, n] with first column <paramref name="c"/> [..., m] and first row
            /// <paramref name="r"/> [..., n] (c by default), constant along each diagonal: T[i, j] = c[i − j] for i ≥ j,
            /// r[j − i] above the diagonal (r[0] is not read). Leading axes are batches and broadcast, as JAX's (SciPy 1.10
            /// flattens them); a scalar is a vector of one. The dtypes promote (integers stay integers); a gather, so
            /// differentiable in c and r.
            /// </summary>
            /// <exception cref="ShapeException">the batch shapes of c and r do not broadcast.</exception>
            public static NDArray Toeplitz(NDArray c, NDArray? r = null)
            {
                var p = Jnp.Promote(Jnp.Atleast1d(c), Jnp.Atleast1d(r ?? c));
                var (column, row) = (p[0], p[1]);
                var (m, n) = (column.Aval.Shape[^1], row.Aval.Shape[^1]);
                var batch = Shapes.Broadcast("toeplitz", column.Aval.Shape[..^1], row.Aval.Shape[..^1]);
                if (m == 0 || n == 0) return Jnp.Zeros([.. batch, m, n], column.DType);
                // The diagonals from the bottom-left corner to the top-right one: c reversed, then r past its first entry.
                var diagonals = Jnp.Concatenate([Jnp.BroadcastTo(Lax.Rev(column, [column.Ndim - 1]), [.. batch, m]),
                    Jnp.BroadcastTo(Lax.SliceInDim(row, 1, n, axis: row.Ndim - 1), [.. batch, n - 1])], -1);
                var index = Lax.BroadcastedIota(DType.Int32, [m, n], 1) - Lax.BroadcastedIota(DType.Int32, [m, n], 0) + (m - 1);
                return Jnp.Take(diagonals, index, axis: -1, mode: TakeMode.Clip);
            }

            /// <summary>scipy.linalg.hilbert: the n×n Hilbert matrix, H[i, j] = 1 / (i + j + 1), in the default float.</summary>
            /// <exception cref="ArgumentException">n is negative.</exception>
            public static NDArray Hilbert(int n)
            {
                if (n < 0) throw new ArgumentException($"hilbert: n must not be negative, got {n}", nameof(n));
                var sum = Lax.BroadcastedIota(DType.Int32, [n, n], 0) + Lax.BroadcastedIota(DType.Int32, [n, n], 1) + 1;
                return 1.0 / Jnp.PromoteInexact(sum)[0];
            }
        }
    }
}
