using JaxNet.Transforms;
using static JaxNet.LinalgMatrices;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Linalg
        {
            /// <summary>
            /// scipy.linalg.cholesky: the upper-triangular U with <c>a = Uᴴ U</c> (SciPy's default), or with
            /// <paramref name="lower"/> the lower-triangular L with <c>a = L Lᴴ</c> (ᴴ: the conjugate transpose, the
            /// transpose for real matrices; a complex a is Hermitian and L has a real, positive diagonal). As in JAX, a is
            /// symmetrized first ((a + aᴴ) / 2), and a matrix that is not positive definite gives a matrix of NaNs, not
            /// an exception. The derivative is JAX's: dL = L Φ(L⁻¹ da L⁻ᴴ), Φ taking the lower triangle with the
            /// diagonal halved.
            /// </summary>
            /// <exception cref="ShapeException">a is not a (batch of) square matrix.</exception>
            public static NDArray Cholesky(NDArray a, bool lower = false)
            {
                var x = Jnp.PromoteInexact(a)[0];
                CheckMatrix("cholesky", x);
                var l = CholeskyFactor.Lower((x + H(x)) / 2);
                return lower ? l : H(l);
            }
        }
    }
}

/// <summary>The Cholesky factorization, column by column, with JAX's derivative as a custom JVP.</summary>
internal static class CholeskyFactor
{
    /// <summary>L with <c>a = L Lᴴ</c> for a symmetric (Hermitian) [..., n, n] (only its lower triangle is read); NaNs
    /// for a matrix that is not positive definite.</summary>
    public static NDArray Lower(NDArray a) =>
        CustomDerivatives.CallCustomJvp(args => [Factor(args[0])], (primals, tangents) =>
        {
            var l = Lower(primals[0]);
            var da = tangents[0];
            var symmetric = (da + H(da)) / 2;
            // L⁻¹ da L⁻ᴴ as two lower solves: X = L⁻¹ da, then (L⁻¹ Xᴴ)ᴴ.
            var inner = H(TriangularSolve.Lower(l, H(TriangularSolve.Lower(l, symmetric))));
            var n = l.Aval.Shape[^1];
            var phi = Jnp.Where(Jnp.Eye(n, dtype: DType.Bool), inner / 2, Jnp.Tril(inner));
            return ([l], [Jnp.Matmul(l, phi)]);
        }, [a])[0];

    // Column j of L is (a_{:,j} - L L_jᴴ) scaled by 1/sqrt of its diagonal entry, which is real (a Hermitian matrix's
    // pivots are; only the real part is kept of a complex one); the columns not computed yet are zero, so the product
    // only sums over the earlier ones.
    private static NDArray Factor(NDArray a)
    {
        var n = a.Aval.Shape[^1];
        if (n == 0) return a;
        var rows = Iota([n, 1], 0);
        var l = Lax.ForiLoop(0, n, (j, partial) =>
        {
            var v = Columns(a, j) - Jnp.Matmul(partial, H(Rows(partial, j)));
            var d = Jnp.Sqrt(Jnp.Real(Rows(v, j)));
            var column = Jnp.Where(Jnp.Greater(rows, j), v / d, Jnp.Where(Jnp.Equal(rows, j), d, Jnp.ZerosLike(v)));
            return SetColumns(partial, column, j);
        }, Jnp.ZerosLike(a));
        // As LAPACK's potrf reports it (and JAX turns into NaNs): a pivot that is not positive fails the whole matrix.
        var ok = Jnp.All(Jnp.Greater(Jnp.Real(Diagonal(l)), 0), -1, keepdims: true);
        return Jnp.Where(Jnp.ExpandDims(ok, -1), l, double.NaN);
    }
}
