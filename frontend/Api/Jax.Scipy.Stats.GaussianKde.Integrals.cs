using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            public sealed partial class GaussianKde
            {
                /// <summary>∫ kde(x) N(x; mean, cov) dx: each kernel convolved with the Gaussian is a Gaussian of
                /// covariance Covariance + cov, read at the kernel's centre.</summary>
                /// <exception cref="ShapeException">mean is not d values or cov not d × d.</exception>
                public NDArray IntegrateGaussian(NDArray mean, NDArray cov)
                {
                    var centre = Jnp.Atleast1d(Jnp.Squeeze(mean));
                    var spread = Jnp.Atleast2d(cov);
                    if (!Shapes.Equal(centre.Shape, [D])) throw new ShapeException($"integrate_gaussian: mean must have {D} values, got shape {Shapes.Format(mean.Shape)}");
                    if (!Shapes.Equal(spread.Shape, [D, D])) throw new ShapeException($"integrate_gaussian: cov must be {D} × {D}, got shape {Shapes.Format(cov.Shape)}");
                    var overlaps = GaussianOverlaps(Covariance + spread, Dataset, Jnp.ExpandDims(centre, 1));
                    return Jnp.Sum(Weights * overlaps[.., 0]);
                }

                /// <summary>∫ kde(x) other(x) dx, the overlap of two kdes: every pair of kernels convolves to a Gaussian
                /// of the summed covariances, read at the difference of their centres.</summary>
                /// <exception cref="ArgumentException">The kdes have different dimensions.</exception>
                public NDArray IntegrateKde(GaussianKde other)
                {
                    ArgumentNullException.ThrowIfNull(other);
                    if (other.D != D) throw new ArgumentException($"integrate_kde: the kdes must have the same dimension, got {D} and {other.D}", nameof(other));
                    var overlaps = GaussianOverlaps(Covariance + other.Covariance, Dataset, other.Dataset);
                    return Jnp.Sum(Jnp.ExpandDims(Weights, 1) * overlaps * Jnp.ExpandDims(other.Weights, 0));
                }

                /// <summary>The mass of a one-dimensional kde between <paramref name="low"/> and <paramref name="high"/>:
                /// Σ w (Φ((high − x)/σ) − Φ((low − x)/σ)).</summary>
                /// <exception cref="ArgumentException">The kde is not one-dimensional, or a limit is not a scalar.</exception>
                public NDArray IntegrateBox1d(NDArray low, NDArray high)
                {
                    if (D != 1) throw new ArgumentException($"integrate_box_1d only handles one-dimensional densities, this one has {D}");
                    if (low.Ndim != 0 || high.Ndim != 0) throw new ArgumentException("integrate_box_1d: the limits of integration must be scalars");
                    var sigma = Jnp.Sqrt(Covariance[0, 0]);
                    var centres = Dataset[0];
                    return Jnp.Sum(Weights * (Special.Ndtr((high - centres) / sigma) - Special.Ndtr((low - centres) / sigma)));
                }

                /// <summary>N(a_i − b_j; 0, covariance) for the columns a_i of <paramref name="centres"/> and b_j of
                /// <paramref name="others"/> (d × n and d × m): an n × m matrix.</summary>
                private static NDArray GaussianOverlaps(NDArray covariance, NDArray centres, NDArray others)
                {
                    var p = Jnp.PromoteInexact(covariance, centres, others);
                    // Whitened by the Cholesky factor L of the covariance, every difference has unit covariance, so its
                    // quadratic form is a squared distance and det(covariance) is the square of L's diagonal product.
                    var cholesky = Linalg.Cholesky(p[0], lower: true);
                    var (a, b) = (Linalg.SolveTriangular(cholesky, p[1], lower: true), Linalg.SolveTriangular(cholesky, p[2], lower: true));
                    var squared = Jnp.Sum(Jnp.Square(Jnp.ExpandDims(a, 2) - Jnp.ExpandDims(b, 1)), 0);
                    var norm = Math.Pow(2 * Math.PI, cholesky.Shape[0] / 2.0) * Jnp.Prod(Jnp.Diagonal(cholesky));
                    return Jnp.Exp(-0.5 * squared) / norm;
                }
            }
        }
    }
}
