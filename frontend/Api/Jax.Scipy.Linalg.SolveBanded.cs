using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Linalg
        {
            /// <summary>
            /// scipy.linalg.solve_banded: x with A x = b for a banded A of <paramref name="lowerAndUpper"/> = (l, u)
            /// diagonals below and above the main one, in LAPACK's band storage: ab [l + u + 1, M] with
            /// ab[u + i − j, j] = A[i, j] (entries of ab outside the matrix are not read). b is [M] or [M, K]. Both promote
            /// to a common inexact dtype (integers to the default float). A tridiagonal system, (1, 1), goes through
            /// <see cref="Lax.Linalg.TridiagonalSolve"/> (O(M), gtsv's pivoting, as SciPy); wider bands build the dense
            /// matrix and solve it by LU with partial pivoting (<see cref="Solve"/>, O(M³)). Like SciPy, one system:
            /// vmap for batches. Works under Jit, Vmap and Grad; a singular matrix gives infinite or NaN entries, not an
            /// exception. <paramref name="checkFinite"/> is accepted and ignored, as in JAX.
            /// </summary>
            /// <exception cref="ArgumentException">l or u is negative.</exception>
            /// <exception cref="ShapeException">ab is not [l + u + 1, M], or b is not [M] or [M, K].</exception>
            public static NDArray SolveBanded((int L, int U) lowerAndUpper, NDArray ab, NDArray b, bool checkFinite = true)
            {
                var (l, u) = lowerAndUpper;
                if (l < 0 || u < 0)
                    throw new ArgumentException($"solve_banded: the numbers of lower and upper diagonals must not be negative, got ({l}, {u})",
                        nameof(lowerAndUpper));
                if (ab.Ndim != 2 || ab.Shape[0] != l + u + 1)
                    throw new ShapeException($"solve_banded: ab must have shape [l + u + 1, M] = [{l + u + 1}, M] (vmap for a batch), " +
                        $"got {Shapes.Format(ab.Shape)}");
                var m = ab.Shape[1];
                if (b.Ndim is not (1 or 2) || b.Shape[0] != m)
                    throw new ShapeException($"solve_banded: b must have shape [{m}] or [{m}, K] to match ab {Shapes.Format(ab.Shape)}, " +
                        $"got {Shapes.Format(b.Shape)}");
                var p = Jnp.PromoteInexact(ab, b);
                if (m == 0) return p[1];
                var (bands, rhs) = (p[0], b.Ndim == 1 ? Jnp.ExpandDims(p[1], -1) : p[1]);
                var x = (l, u) == (1, 1) ? TridiagonalFromBands(bands, rhs) : Solve(BandedMatrix.Dense(bands, l, u), rhs);
                return b.Ndim == 1 ? Jnp.Squeeze(x, -1) : x;
            }

            // Row 0 of ab holds the superdiagonal from column 1, row 2 the subdiagonal up to column M − 2.
            private static NDArray TridiagonalFromBands(NDArray ab, NDArray b)
            {
                var m = ab.Shape[1];
                var zero = Jnp.ZerosLike(ab[0, 0..1]);
                var dl = Jnp.Concatenate([zero, ab[2, 0..(m - 1)]]);
                var du = Jnp.Concatenate([ab[0, 1..m], zero]);
                return TridiagonalSystem.Solve(dl, ab[1], du, b);
            }
        }
    }
}

/// <summary>LAPACK's band storage, unpacked.</summary>
internal static class BandedMatrix
{
    /// <summary>The M x M matrix with A[i, j] = ab[u + i − j, j] inside the band and zero outside it.</summary>
    public static NDArray Dense(NDArray ab, int l, int u)
    {
        var m = ab.Shape[1];
        var row = Jax.Lax.BroadcastedIota(DType.Int32, [m, m], 0);
        var column = Jax.Lax.BroadcastedIota(DType.Int32, [m, m], 1);
        var band = row - column + u;
        var inside = Jnp.GreaterEqual(band, 0) & Jnp.LessEqual(band, l + u);
        // Gathering ab[band, column] with the band index clamped, then masking what lies outside.
        var flatIndex = Jnp.Clip(band, 0, l + u) * m + column;
        var values = Jnp.Take(Jnp.Reshape(ab, [-1]), Jnp.Reshape(flatIndex, [-1]), mode: TakeMode.Clip);
        return Jnp.Where(inside, Jnp.Reshape(values, [m, m]), Jnp.Zeros([m, m], ab.DType));
    }
}
