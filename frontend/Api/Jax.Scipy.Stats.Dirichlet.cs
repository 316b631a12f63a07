using JaxNet.Core;
using static JaxNet.SpecialSeries;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            /// <summary>scipy.stats.dirichlet: the Dirichlet distribution on the simplex, with concentrations alpha (one
            /// vector of K entries). Points run along x's first axis, as in SciPy and JAX.</summary>
            public static class Dirichlet
            {
                /// <summary>JAX's tolerance on the sum of a point's coordinates.</summary>
                private const double SimplexTolerance = 1e-6;

                /// <summary>
                /// Σ (alpha_i − 1) log x_i − (Σ log Γ(alpha_i) − log Γ(Σ alpha_i)) for x of shape (K, ...) or (K − 1, ...)
                /// (then the last coordinate is 1 minus the others' sum); −inf where a coordinate is not positive or the
                /// coordinates do not sum to 1 within 1e-6. As in JAX, alpha ≤ 0 is not checked (the formula's value).
                /// </summary>
                /// <exception cref="ShapeException">alpha is not a vector, or x's first axis has neither K nor K − 1 entries.</exception>
                public static NDArray Logpdf(NDArray x, NDArray alpha)
                {
                    var v = Jnp.PromoteInexact(x, alpha);
                    NDArray point = v[0], concentration = v[1];
                    if (concentration.Ndim != 1)
                        throw new ShapeException($"dirichlet.logpdf: alpha must be one-dimensional, got shape {Shapes.Format(concentration.Shape)}");
                    int k = concentration.Shape[0];
                    if (point.Ndim == 0 || (point.Shape[0] != k && point.Shape[0] != k - 1))
                        throw new ShapeException($"dirichlet.logpdf: x must have K = {k} or K − 1 entries along its first axis, got shape {Shapes.Format(point.Shape)}");
                    if (point.Shape[0] == k - 1)
                        point = Jnp.Concatenate([point, 1 - Jnp.Sum(point, 0, keepdims: true)], 0);
                    var normalizer = Jnp.Sum(Special.Gammaln(concentration)) - Special.Gammaln(Jnp.Sum(concentration));
                    var perCoordinate = concentration.Reshape([k, .. Enumerable.Repeat(1, point.Ndim - 1)]);
                    var value = Jnp.Sum(Special.Xlogy(perCoordinate - 1, point), 0) - normalizer;
                    var onSimplex = Jnp.All(Jnp.Greater(point, 0), 0) & Jnp.Less(Jnp.Abs(Jnp.Sum(point, 0) - 1), SimplexTolerance);
                    return Jnp.Where(onSimplex, value, double.NegativeInfinity);
                }

                /// <summary>The density.</summary>
                public static NDArray Pdf(NDArray x, NDArray alpha) => Jnp.Exp(Logpdf(x, alpha));
            }
        }
    }
}
