using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            /// <summary>
            /// scipy.stats.gaussian_kde: a density estimate that puts a Gaussian of covariance factor² · cov(data) on
            /// every point of <see cref="Dataset"/> (d dimensions by n points; a vector is one dimension), weighted by
            /// <see cref="Weights"/>. The bandwidth factor is Scott's n_eff^(−1/(d+4)) (the default),
            /// Silverman's (n_eff (d + 2) / 4)^(−1/(d+4)), or a given scalar; n_eff = 1 / Σ w². Every member is built
            /// from array operations, so a kde made inside Jit, Vmap or Grad traces with it. JAX's callable bandwidth,
            /// integrate_box, integrate_kde and set_bandwidth are not offered.
            /// </summary>
            public sealed class GaussianKde
            {
                /// <summary>A kde with Scott's ("scott", the default for null) or Silverman's ("silverman") factor.</summary>
                /// <exception cref="ArgumentException">An unknown bandwidth name; weights not a vector of n entries.</exception>
                /// <exception cref="NotImplementedException">Complex data (as JAX).</exception>
                public GaussianKde(NDArray dataset, string? bwMethod = null, NDArray? weights = null)
                    : this(dataset, weights, bwMethod ?? "scott", null)
                {
                }

                /// <summary>A kde whose bandwidth factor is <paramref name="bwMethod"/> itself.</summary>
                public GaussianKde(NDArray dataset, double bwMethod, NDArray? weights = null)
                    : this(dataset, weights, null, bwMethod)
                {
                }

                private GaussianKde(NDArray dataset, NDArray? weights, string? rule, double? factor)
                {
                    const string op = "gaussian_kde";
                    if (dataset.DType.IsComplex()) throw new NotImplementedException($"{op} does not support complex data");
                    if (dataset.Size <= 1) throw new ArgumentException($"{op}: the dataset needs more than one element, got shape {Shapes.Format(dataset.Shape)}", nameof(dataset));
                    var data = Jnp.Atleast2d(dataset);
                    (D, N) = (data.Shape[0], data.Shape[1]);
                    if (weights is null)
                    {
                        Dataset = Jnp.PromoteInexact(data)[0];
                        Weights = Jnp.Full([N], 1.0 / N, Dataset.DType);
                    }
                    else
                    {
                        var promoted = Jnp.PromoteInexact(data, Jnp.Atleast1d(weights));
                        if (promoted[1].Ndim != 1 || promoted[1].Shape[0] != N)
                            throw new ArgumentException($"{op}: weights must be a vector of the dataset's {N} points, got shape {Shapes.Format(weights.Shape)}", nameof(weights));
                        (Dataset, Weights) = (promoted[0], promoted[1] / Jnp.Sum(promoted[1]));
                    }
                    Neff = 1 / Jnp.Sum(Weights * Weights);
                    var exponent = -1.0 / (D + 4);
                    Factor = (rule, factor) switch
                    {
                        (_, double given) => Jnp.Full([], given, Dataset.DType),
                        ("scott", _) => Jnp.Power(Neff, exponent),
                        ("silverman", _) => Jnp.Power(Neff * ((D + 2) / 4.0), exponent),
                        _ => throw new ArgumentException($"{op}: bw_method must be 'scott', 'silverman' or a scalar, got '{rule}'", "bwMethod"),
                    };
                    var dataCovariance = Jnp.Atleast2d(Jnp.Cov(Dataset, aweights: Weights));
                    Covariance = dataCovariance * (Factor * Factor);
                    InvCov = Linalg.Inv(dataCovariance) / (Factor * Factor);
                }

                /// <summary>The points, d × n.</summary>
                public NDArray Dataset { get; }

                /// <summary>The points' weights, normalized to sum to 1.</summary>
                public NDArray Weights { get; }

                /// <summary>The effective number of points, 1 / Σ w².</summary>
                public NDArray Neff { get; }

                /// <summary>The bandwidth factor that scales the data's standard deviations.</summary>
                public NDArray Factor { get; }

                /// <summary>The kernels' covariance, factor² times the data's weighted covariance.</summary>
                public NDArray Covariance { get; }

                /// <summary>The inverse of <see cref="Covariance"/>.</summary>
                public NDArray InvCov { get; }

                /// <summary>The number of dimensions.</summary>
                public int D { get; }

                /// <summary>The number of points.</summary>
                public int N { get; }

                /// <summary>The estimated density at <paramref name="points"/> (d × m, or m values when d = 1, or one
                /// point of d coordinates): a vector of m values.</summary>
                /// <exception cref="ArgumentException">The points have another dimension than the data.</exception>
                public NDArray Evaluate(NDArray points) => Jnp.Exp(Logpdf(points));

                /// <summary>The same as <see cref="Evaluate"/>.</summary>
                public NDArray Pdf(NDArray points) => Evaluate(points);

                /// <summary>The log of the density, as a log-sum-exp over the kernels so that far tails stay finite.</summary>
                public NDArray Logpdf(NDArray points)
                {
                    // Whitened by the Cholesky factor L of the inverse covariance, each kernel is a unit Gaussian.
                    var whitening = Linalg.Cholesky(InvCov, lower: true);
                    var (train, test) = (Jnp.Matmul(Dataset.T, whitening), Jnp.Matmul(Reshape(points).T, whitening));
                    var logNorm = Jnp.Sum(Jnp.Log(Jnp.Diagonal(whitening))) - 0.5 * D * Math.Log(2 * Math.PI);
                    var squared = Jnp.Sum(Jnp.Square(Jnp.ExpandDims(test, 1) - Jnp.ExpandDims(train, 0)), -1);
                    return Special.Logsumexp(logNorm - 0.5 * squared, axis: 1, b: Jnp.ExpandDims(Weights, 0));
                }

                /// <summary>∫ kde(x) N(x; mean, cov) dx: each kernel convolved with the Gaussian, a Gaussian of covariance
                /// Covariance + cov evaluated at the kernel's centre.</summary>
                /// <exception cref="ShapeException">mean is not d values or cov not d × d.</exception>
                public NDArray IntegrateGaussian(NDArray mean, NDArray cov)
                {
                    var centre = Jnp.Atleast1d(Jnp.Squeeze(mean));
                    var spread = Jnp.Atleast2d(cov);
                    if (!Shapes.Equal(centre.Shape, [D])) throw new ShapeException($"integrate_gaussian: mean must have {D} values, got shape {Shapes.Format(mean.Shape)}");
                    if (!Shapes.Equal(spread.Shape, [D, D])) throw new ShapeException($"integrate_gaussian: cov must be {D} × {D}, got shape {Shapes.Format(cov.Shape)}");
                    var factor = Linalg.ChoFactor(Covariance + spread, lower: true);
                    var norm = Math.Pow(2 * Math.PI, D / 2.0) * Jnp.Prod(Jnp.Diagonal(factor.C));
                    var difference = Dataset - Jnp.ExpandDims(centre, 1);
                    var quadratic = 0.5 * Jnp.Sum(difference * Linalg.ChoSolve(factor, difference), 0);
                    return Jnp.Sum(Jnp.Exp(-quadratic) * Weights) / norm;
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

                /// <summary>Draws from the kde: a point chosen by weight, plus a kernel's Gaussian noise. Returns
                /// d × shape (d values for the default, one draw).</summary>
                public NDArray Resample(NDArray key, int[]? shape = null)
                {
                    var keys = Random.Split(key);
                    var drawShape = shape ?? [];
                    var index = Random.Choice(keys[0], N, drawShape, p: Weights);
                    var noise = Random.MultivariateNormal(keys[1], Jnp.Zeros([D], Covariance.DType), Covariance, drawShape, Dataset.DType);
                    return Jnp.Take(Dataset, index, 1) + Jnp.Moveaxis(noise, -1, 0);
                }

                private NDArray Reshape(NDArray points)
                {
                    if (points.DType.IsComplex()) throw new NotImplementedException("gaussian_kde does not support complex points");
                    var p = Jnp.Atleast2d(points);
                    if (p.Shape[0] == D) return p;
                    if (p.Shape[0] == 1 && p.Shape[1] == D) return p.Reshape(D, 1);
                    throw new ArgumentException($"gaussian_kde: points have dimension {p.Shape[0]}, the dataset {D}", nameof(points));
                }
            }
        }
    }
}
