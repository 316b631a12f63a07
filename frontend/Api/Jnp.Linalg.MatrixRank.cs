using static JaxNet.LinalgMatrices;

namespace JaxNet;

public static partial class Jnp
{
    public static partial class Linalg
    {
        /// <summary>
        /// numpy.linalg.matrix_rank: the number of singular values of each real or complex matrix [..., m, n] above
        /// <paramref name="tol"/> (int32, shape [...]). The default tolerance is NumPy's and JAX's,
        /// largest singular value · max(m, n) · eps. A vector or a scalar has rank 1 unless it is all zeros.
        /// </summary>
        public static NDArray MatrixRank(NDArray m, double? tol = null)
        {
            var x = PromoteInexact(m)[0];
            if (x.Ndim < 2) return Any(NotEqual(x, 0)).Astype(DType.Int32);
            var s = Jax.Scipy.Linalg.Svdvals(x);
            var threshold = tol is { } t ? FullLike(s, t) : Cutoff(s, Math.Max(x.Shape[^2], x.Shape[^1]) * Spectral.Matrices.Epsilon(x.DType));
            return Sum(Greater(s, threshold), -1).Astype(DType.Int32);
        }

        // rtol times the largest of each matrix's singular values (descending, so the first), broadcast along them;
        // 0 for a matrix with no singular values.
        private static NDArray Cutoff(NDArray s, double rtol)
        {
            var k = s.Shape[^1];
            var largest = k == 0 ? s : Jax.Lax.SliceInDim(s, 0, 1, axis: s.Ndim - 1);
            return BroadcastTo(rtol * largest, s.Shape);
        }
    }
}
