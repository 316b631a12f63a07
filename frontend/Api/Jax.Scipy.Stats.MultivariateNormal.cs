using JaxNet.Core;
using static JaxNet.LinalgMatrices;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            /// <summary>scipy.stats.multivariate_normal: the normal distribution of vectors with a mean and a covariance
            /// matrix.</summary>
            public static class MultivariateNormal
            {
                private const double LogTwoPi = 1.8378770664093453;

                /// <summary>
                /// log of the density at x [..., n] of the normal with mean [..., n] and covariance cov [..., n, n]
                /// (batch axes broadcast; a single cov serves every x), through the lower Cholesky factor L of cov:
                /// −½ |L⁻¹ (x − mean)|² − n/2 log 2π − Σ log Lᵢᵢ. As in JAX, a scalar mean makes it univariate (cov
                /// the variance) and a scalar cov means cov·I. A covariance that is not positive definite gives NaN.
                /// Differentiable in x, mean and cov through <see cref="Linalg.Cholesky"/> and
                /// <see cref="Linalg.SolveTriangular"/>.
                /// </summary>
                /// <exception cref="ShapeException">x's or cov's shape does not fit mean's last axis.</exception>
                public static NDArray Logpdf(NDArray x, NDArray mean, NDArray cov)
                {
                    const string name = "multivariate_normal.logpdf";
                    var p = Jnp.PromoteInexact(x, mean, cov);
                    var (point, centre, c) = (p[0], p[1], p[2]);
                    if (centre.Ndim == 0)
                    {
                        var d = point - centre;
                        return -0.5 * d * d / c - 0.5 * (LogTwoPi + Jnp.Log(c));
                    }
                    var n = centre.Shape[^1];
                    if (point.Ndim == 0 || point.Shape[^1] != n)
                        throw new ShapeException($"{name}: x must end in mean's size {n}: x has shape {Shapes.Format(point.Shape)}, mean {Shapes.Format(centre.Shape)}");
                    var diff = point - centre;
                    if (c.Ndim == 0) return -0.5 * Jnp.Sum(diff * diff, -1) / c - n / 2.0 * (LogTwoPi + Jnp.Log(c));
                    if (c.Ndim < 2 || c.Shape[^1] != n || c.Shape[^2] != n)
                        throw new ShapeException($"{name}: cov must be a scalar or of shape [..., {n}, {n}] to match mean {Shapes.Format(centre.Shape)}, got {Shapes.Format(c.Shape)}");
                    var l = Linalg.Cholesky(c, lower: true);
                    var y = Whitened(name, l, diff);
                    return -0.5 * Jnp.Sum(y * y, -1) - n / 2.0 * LogTwoPi - Jnp.Sum(Jnp.Log(Diagonal(l)), -1);
                }

                /// <summary>The density, exp(<see cref="Logpdf"/>).</summary>
                /// <exception cref="ShapeException">x's or cov's shape does not fit mean's last axis.</exception>
                public static NDArray Pdf(NDArray x, NDArray mean, NDArray cov) => Jnp.Exp(Logpdf(x, mean, cov));

                // L^-1 diff for every vector of diff [..., n]. One L serves all of them as the columns of one right-hand
                // side; batches of L are broadcast against diff's batch.
                private static NDArray Whitened(string name, NDArray l, NDArray diff)
                {
                    var n = l.Shape[^1];
                    if (l.Ndim == 2)
                    {
                        var columns = Jnp.Reshape(diff, [-1, n]).T;
                        return Jnp.Reshape(Linalg.SolveTriangular(l, columns, lower: true).T, diff.Shape);
                    }
                    var batch = Shapes.Broadcast(name, diff.Shape[..^1], l.Shape[..^2]);
                    return Linalg.SolveTriangular(Jnp.BroadcastTo(l, [.. batch, n, n]), Jnp.BroadcastTo(diff, [.. batch, n]), lower: true);
                }
            }
        }
    }
}
