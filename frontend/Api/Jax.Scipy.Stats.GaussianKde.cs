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
            /// <see cref="Weights"/>. The bandwidth factor is Scott's, Silverman's, a given scalar or what a callable
            /// makes of the kde (see <see cref="SetBandwidth(string?)"/>). Every member is built from array operations,
            /// so a kde made inside Jit, Vmap or Grad traces with it. The kde is immutable, as JAX's.
            /// </summary>
            public sealed partial class GaussianKde
            {
                private readonly NDArray? factor, covariance, invCov;

                /// <summary>A kde with Scott's ("scott", the default for null) or Silverman's ("silverman") factor.</summary>
                /// <exception cref="ArgumentException">An unknown bandwidth name; fewer than two data elements; weights
                /// not a vector of n entries.</exception>
                /// <exception cref="NotImplementedException">Complex data or weights (as JAX).</exception>
                public GaussianKde(NDArray dataset, string? bwMethod = null, NDArray? weights = null)
                    : this(dataset, weights, NamedRule(bwMethod))
                {
                }

                /// <summary>A kde whose bandwidth factor is <paramref name="bwMethod"/> itself.</summary>
                public GaussianKde(NDArray dataset, double bwMethod, NDArray? weights = null)
                    : this(dataset, weights, ConstantRule(bwMethod))
                {
                }

                /// <summary>A kde whose bandwidth factor is the scalar array <paramref name="bwMethod"/>, which may be
                /// traced (to differentiate in the bandwidth).</summary>
                /// <exception cref="ArgumentException"><paramref name="bwMethod"/> is not a real scalar.</exception>
                public GaussianKde(NDArray dataset, NDArray bwMethod, NDArray? weights = null)
                    : this(dataset, weights, GivenRule(bwMethod))
                {
                }

                /// <summary>A kde whose bandwidth factor is what <paramref name="bwMethod"/> returns for it (JAX's
                /// callable bw_method). The callable sees <see cref="Dataset"/>, <see cref="Weights"/>,
                /// <see cref="Neff"/>, <see cref="D"/> and <see cref="N"/>; the members that depend on the factor throw
                /// until it has returned.</summary>
                /// <exception cref="ArgumentException">The callable returns something other than a real scalar.</exception>
                public GaussianKde(NDArray dataset, Func<GaussianKde, NDArray> bwMethod, NDArray? weights = null)
                    : this(dataset, weights, bwMethod ?? throw new ArgumentNullException(nameof(bwMethod)))
                {
                }

                private GaussianKde(NDArray dataset, NDArray? weights, Func<GaussianKde, NDArray> bandwidth)
                {
                    const string op = "gaussian_kde";
                    if (dataset.DType.IsComplex() || weights?.DType.IsComplex() == true)
                        throw new NotImplementedException($"{op} does not support complex data");
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
                        if (promoted[1].Ndim != 1) throw new ArgumentException($"{op}: weights must be one-dimensional, got shape {Shapes.Format(weights.Shape)}", nameof(weights));
                        if (promoted[1].Shape[0] != N) throw new ArgumentException($"{op}: weights must have one entry per point ({N}), got {promoted[1].Shape[0]}", nameof(weights));
                        (Dataset, Weights) = (promoted[0], promoted[1] / Jnp.Sum(promoted[1]));
                    }
                    Neff = 1 / Jnp.Sum(Weights * Weights);
                    factor = bandwidth(this);
                    if (factor.Ndim != 0 || factor.DType.IsComplex())
                        throw new ArgumentException($"{op}: the bandwidth factor must be a real scalar, got a {factor.DType.NumpyName()} array of shape {Shapes.Format(factor.Shape)}", "bwMethod");
                    var dataCovariance = Jnp.Atleast2d(Jnp.Cov(Dataset, aweights: Weights));
                    covariance = dataCovariance * (factor * factor);
                    invCov = Linalg.Inv(dataCovariance) / (factor * factor);
                }

                /// <summary>The points, d × n.</summary>
                public NDArray Dataset { get; }

                /// <summary>The points' weights, normalized to sum to 1.</summary>
                public NDArray Weights { get; }

                /// <summary>The effective number of points, 1 / Σ w².</summary>
                public NDArray Neff { get; }

                /// <summary>The bandwidth factor that scales the data's standard deviations.</summary>
                public NDArray Factor => Chosen(factor);

                /// <summary>The kernels' covariance, factor² times the data's weighted covariance.</summary>
                public NDArray Covariance => Chosen(covariance);

                /// <summary>The inverse of <see cref="Covariance"/>.</summary>
                public NDArray InvCov => Chosen(invCov);

                /// <summary>The number of dimensions.</summary>
                public int D { get; }

                /// <summary>The number of points.</summary>
                public int N { get; }

                /// <summary>The estimated density at <paramref name="points"/> (d × m, or m values when d = 1, or one
                /// point of d coordinates): a vector of m values.</summary>
                /// <exception cref="ArgumentException">The points have another dimension than the data.</exception>
                /// <exception cref="NotImplementedException">Complex points.</exception>
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

                /// <summary>Draws from the kde: a point chosen by weight, plus a kernel's Gaussian noise. Returns
                /// d × shape (d values for the default, one draw).</summary>
                public NDArray Resample(KeyArrayLike key, int[]? shape = null)
                {
                    var keys = Random.SplitKeyLike(key, 2);
                    var drawShape = shape ?? [];
                    var index = Random.Choice(keys[0], N, drawShape, p: Weights);
                    var noise = Random.MultivariateNormal(keys[1], Jnp.Zeros([D], Covariance.DType), Covariance, drawShape, Dataset.DType);
                    return Jnp.Take(Dataset, index, 1) + Jnp.Moveaxis(noise, -1, 0);
                }

                private static NDArray Chosen(NDArray? value) => value
                    ?? throw new InvalidOperationException("gaussian_kde: the bandwidth factor, and what depends on it, is not known while bw_method is choosing it");

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
