using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Random
    {
        /// <summary>
        /// Matrices uniform (Haar) on the orthogonal group O(n) (jax.random.orthogonal; Mezzadri, "How to generate random
        /// matrices from the classical compact groups", 2007): the Q of a standard normal matrix's QR decomposition,
        /// its columns multiplied by the signs of R's diagonal so that the distribution does not depend on the QR's
        /// sign convention. The result has shape <c>shape + [n, n]</c>. With a complex dtype the matrices are uniform on
        /// the unitary group U(n), from a circular normal matrix as in JAX.
        /// </summary>
        public static NDArray Orthogonal(KeyArrayLike key, int n, int[]? shape = null, DType? dtype = null)
        {
            if (n < 0) throw new ArgumentException($"Jax.Random.Orthogonal: n must be non-negative, got {n}");
            if (dtype is { } c && c.IsComplex())
                return HaarFactor(Normal(key, [.. shape ?? [], n, n], c));
            return SampleFloat("Orthogonal", key, shape ?? [], dtype, [], (k, _, s, d, p) => HaarFactor(NormalCore(k, [.. s, n, n], d, p)),
                statics: $"|{n}");
        }

        /// <summary>The Q of <paramref name="z"/>'s QR decomposition with its columns scaled by the phases of R's
        /// diagonal: the factor with a positive diagonal, which is unique, so Haar whatever the QR's convention.</summary>
        private static NDArray HaarFactor(NDArray z)
        {
            var (q, r) = Scipy.Linalg.Qr(z);
            var diagonal = LinalgMatrices.Diagonal(r);
            return q * Jnp.ExpandDims(diagonal / Jnp.Abs(diagonal), -2);
        }

        /// <summary>
        /// Multivariate normal values with mean <paramref name="mean"/> [..., n] and covariance <paramref name="cov"/>
        /// [..., n, n] (jax.random.multivariate_normal): <c>mean + A z</c> for z standard normal and A a factor of the
        /// covariance, <c>A Aᵀ = cov</c>, by <paramref name="method"/>: "cholesky" (the default; cov must be positive
        /// definite, else NaNs), "svd" or "eigh" (U sqrt(S), which also handle singular covariances). The result has
        /// shape <c>shape + [n]</c>, shape defaulting to the broadcast of mean's and cov's batch shapes; dtype defaults
        /// to mean's (after promotion with cov's).
        /// </summary>
        public static NDArray MultivariateNormal(KeyArrayLike key, NDArray mean, NDArray cov, int[]? shape = null, DType? dtype = null,
            string method = "cholesky")
        {
            if (method is not ("cholesky" or "svd" or "eigh"))
                throw new ArgumentException($"Jax.Random.MultivariateNormal: method must be one of \"svd\", \"eigh\" and \"cholesky\", got \"{method}\"");
            if (mean.Ndim < 1) throw new ShapeException($"Jax.Random.MultivariateNormal: mean must have at least one dimension, got {mean.Aval.Str()}");
            var n = mean.Shape[^1];
            if (cov.Ndim < 2 || cov.Shape[^1] != n || cov.Shape[^2] != n)
                throw new ShapeException($"Jax.Random.MultivariateNormal: cov must have shape [..., {n}, {n}] to match mean's {Shapes.Format(mean.Aval.Shape)}, " +
                    $"got {Shapes.Format(cov.Aval.Shape)}");
            var batch = SampleShape("MultivariateNormal", shape, [mean.Shape[..^1], cov.Shape[..^2]]);
            var common = TypePromotion.ToInexact(TypePromotion.ResultType((mean.DType, mean.WeakType), (cov.DType, cov.WeakType)).DType);
            var d = FloatDType("MultivariateNormal", dtype ?? common);
            var part = KeyScheme.Of(key);
            return Compiled($"multivariate_normal|{method}{Shapes.Format(batch)}{d}{Scheme(part)}", x =>
            {
                var promoted = Jnp.PromoteInexact(x[1], x[2]);
                var z = Jnp.ExpandDims(NormalCore(x[0], [.. batch, n], d, part), -1);
                return promoted[0] + Lax.Squeeze(Jnp.Matmul(CovarianceFactor(promoted[1], method), z), [batch.Length + 1]);
            }, key, mean, cov);
        }

        /// <summary>A with A Aᵀ = cov: the lower Cholesky factor, or the eigenvectors (left singular vectors) scaled by
        /// the square roots of the eigenvalues (singular values).</summary>
        private static NDArray CovarianceFactor(NDArray cov, string method)
        {
            if (method == "cholesky") return Scipy.Linalg.Cholesky(cov, lower: true);
            var (vectors, values) = method == "svd" ? SvdFactor(cov) : EighFactor(cov);
            return vectors * Jnp.ExpandDims(Jnp.Sqrt(values), -2);
        }

        private static (NDArray, NDArray) SvdFactor(NDArray cov)
        {
            var (u, s, _) = Scipy.Linalg.Svd(cov);
            return (u, s);
        }

        private static (NDArray, NDArray) EighFactor(NDArray cov)
        {
            var (w, v) = Jnp.Linalg.Eigh(cov);
            return (v, w);
        }
    }
}
