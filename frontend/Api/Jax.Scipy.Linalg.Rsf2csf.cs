using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Linalg
        {
            /// <summary>
            /// scipy.linalg.rsf2csf: turns a real Schur form a = Z T Zᵀ (T quasi-upper triangular, as
            /// <see cref="Schur"/> gives it) into a complex one, a = Z' T' Z'ᴴ with T' upper triangular. As in JAX, T and
            /// Z are single square matrices of the same size (vmap maps over batches), both are promoted to a common
            /// complex dtype (integers through the default float), and a subdiagonal entry no larger than
            /// eps (|T[m−1,m−1]| + |T[m,m]|) is taken as zero. Each remaining 2x2 block is rotated so that its first
            /// diagonal entry is the block's eigenvalue with the positive imaginary part (the first that LAPACK's geev
            /// lists for a standardized block). Built from ordinary array operations, so it works under Jit, Vmap and
            /// Grad. Each of the n − 1 steps multiplies by an n x n rotation, so the cost is O(n⁴): meant for the small
            /// matrices Schur is used on. <paramref name="checkFinite"/> is accepted and ignored, as in JAX.
            /// </summary>
            /// <exception cref="ShapeException">T or Z is not a square matrix, or their sizes differ.</exception>
            public static (NDArray T, NDArray Z) Rsf2csf(NDArray T, NDArray Z, bool checkFinite = true)
            {
                CheckSquare2d("T", T);
                CheckSquare2d("Z", Z);
                if (T.Shape[0] != Z.Shape[0])
                    throw new ShapeException($"rsf2csf: T and Z must have the same shape, got {Shapes.Format(T.Shape)} and {Shapes.Format(Z.Shape)}");
                var promoted = Jnp.PromoteInexact(T, Z);
                var complex = promoted[0].DType.ToComplex();
                var (t, z) = (promoted[0].Astype(complex), promoted[1].Astype(complex));
                // Bottom up, as scipy does: each rotation only mixes rows and columns m−1 and m, so a block further
                // down, already triangular, is left alone.
                for (var m = t.Shape[0] - 1; m >= 1; m--) (t, z) = RealSchurBlockToTriangular.Step(t, z, m);
                return (t, z);
            }

            private static void CheckSquare2d(string name, NDArray x)
            {
                if (x.Ndim != 2 || x.Shape[0] != x.Shape[1])
                    throw new ShapeException($"rsf2csf: {name} must be a square matrix (2 dimensions; vmap for a batch), got shape {Shapes.Format(x.Shape)}");
            }
        }
    }
}

/// <summary>One step of <see cref="Jax.Scipy.Linalg.Rsf2csf"/>: the Givens rotation that zeroes T[m, m−1].</summary>
internal static class RealSchurBlockToTriangular
{
    public static (NDArray T, NDArray Z) Step(NDArray t, NDArray z, int m)
    {
        var n = t.Shape[0];
        var (a, b, c, d) = (t[m - 1, m - 1], t[m - 1, m], t[m, m - 1], t[m, m]);
        var eps = Jnp.Finfo(t.DType).Eps;
        var coupled = Jnp.Greater(Jnp.Abs(c), eps * (Jnp.Abs(a) + Jnp.Abs(d)));
        // The block's eigenvalue (a + d)/2 + sqrt(((a − d)/2)² + b c), shifted by d; the principal square root gives
        // the positive imaginary part for a standardized block.
        // An uncoupled block takes the identity. Its unused square roots and quotients get safe operands (|x|² as
        // x conj(x), not through abs, which has no derivative at 0) so that their derivatives stay finite too.
        var half = (a - d) / 2;
        var mu = half + Jnp.Sqrt(Jnp.Where(coupled, half * half + b * c, Jnp.OnesLike(c)));
        var squaredNorm = Jnp.Real(mu * Jnp.Conj(mu) + c * Jnp.Conj(c));
        var safeNorm = Jnp.Sqrt(Jnp.Where(coupled, squaredNorm, Jnp.OnesLike(squaredNorm))).Astype(t.DType);
        var cosine = Jnp.Where(coupled, mu / safeNorm, Jnp.OnesLike(mu));
        var sine = Jnp.Where(coupled, c / safeNorm, Jnp.ZerosLike(c));
        var rotation = Embed(n, m, Jnp.Conj(cosine), sine, -sine, cosine, t.DType);
        var rowsRotated = Jnp.Where(Mask(n, (i, j) => (i == m - 1 || i == m) && j >= m - 1), Jnp.Matmul(rotation, t), t);
        var rotationH = Jnp.Conj(Jnp.Swapaxes(rotation, 0, 1));
        var rotated = Jnp.Where(Mask(n, (i, j) => (j == m - 1 || j == m) && i <= m), Jnp.Matmul(rowsRotated, rotationH), rowsRotated);
        var newT = Jnp.Where(Mask(n, (i, j) => i == m && j == m - 1), Jnp.ZerosLike(t), Jnp.Where(coupled, rotated, t));
        return (newT, Jnp.Where(coupled, Jnp.Matmul(z, rotationH), z));
    }

    // The identity with [[topLeft, topRight], [bottomLeft, bottomRight]] in rows and columns m−1 and m.
    private static NDArray Embed(int n, int m, NDArray topLeft, NDArray topRight, NDArray bottomLeft, NDArray bottomRight, DType dtype)
    {
        var result = Jnp.Eye(n, dtype: dtype);
        result = Jnp.Where(Mask(n, (i, j) => i == m - 1 && j == m - 1), topLeft, result);
        result = Jnp.Where(Mask(n, (i, j) => i == m - 1 && j == m), topRight, result);
        result = Jnp.Where(Mask(n, (i, j) => i == m && j == m - 1), bottomLeft, result);
        return Jnp.Where(Mask(n, (i, j) => i == m && j == m), bottomRight, result);
    }

    private static NDArray Mask(int n, Func<int, int, bool> selected)
    {
        var values = new bool[n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) values[i * n + j] = selected(i, j);
        return Jnp.FromHost<bool>(values, [n, n], DType.Bool);
    }
}
