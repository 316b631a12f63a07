using JaxNet.Transforms;
using static JaxNet.LinalgMatrices;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jnp
{
    public static partial class Linalg
    {
        /// <summary>
        /// numpy.linalg.pinv: the Moore–Penrose pseudo-inverse [..., n, m] of each real or complex matrix [..., m, n],
        /// from its economic SVD: singular values at most <paramref name="rtol"/> times the largest count as zero. The default
        /// tolerance is JAX's, 10·max(m, n)·eps (NumPy's is 1e-15). The derivative is JAX's (Golub and Pereyra):
        /// dP = −P dA P + P Pᴴ dAᴴ (I − A P) + (I − P A) dAᴴ Pᴴ P, which needs no distinct singular values, so it is
        /// finite at the identity and at matrices of lower rank (where the rank stays constant nearby).
        /// </summary>
        /// <exception cref="ShapeException">a has fewer than 2 dimensions.</exception>
        public static NDArray Pinv(NDArray a, double? rtol = null)
        {
            var x = PromoteInexact(a)[0];
            CheckMatrix("pinv", x, square: false);
            var (m, n) = (x.Shape[^2], x.Shape[^1]);
            if (m == 0 || n == 0) return Zeros([.. x.Shape[..^2], n, m], x.DType);
            var tolerance = rtol ?? 10.0 * Math.Max(m, n) * Spectral.Matrices.Epsilon(x.DType);
            return PseudoInverse(x, tolerance);
        }

        private static NDArray PseudoInverse(NDArray a, double rtol) =>
            CustomDerivatives.CallCustomJvp(args =>
            {
                var (u, s, vh) = Jax.Scipy.Linalg.Svd(args[0], fullMatrices: false);
                // Values at or below the cutoff become infinite, so that their reciprocals are exact zeros.
                var cutoff = rtol * Lax.SliceInDim(s, 0, 1, axis: s.Ndim - 1);
                var kept = Where(Greater(s, cutoff), s, FullLike(s, double.PositiveInfinity));
                return [Matmul(H(vh), H(u) / ExpandDims(kept, -1))];
            }, (primals, tangents) =>
            {
                var (x, dx) = (primals[0], tangents[0]);
                var p = PseudoInverse(x, rtol);
                var dxH = H(dx);
                var left = Matmul(Matmul(p, H(p)), dxH);
                var right = Matmul(Matmul(dxH, H(p)), p);
                var dp = -Matmul(Matmul(p, dx), p) + left - Matmul(Matmul(left, x), p) + right - Matmul(Matmul(p, x), right);
                return ([p], [dp]);
            }, [a])[0];
    }
}
