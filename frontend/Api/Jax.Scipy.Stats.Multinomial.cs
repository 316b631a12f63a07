using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            /// <summary>scipy.stats.multinomial: the counts x (last axis: the K categories) of n trials with category
            /// probabilities p (last axis K). As in JAX, p is not checked to sum to 1.</summary>
            public static class Multinomial
            {
                /// <summary>
                /// log n! + Σ (x_i log p_i − log x_i!) over the last axis, −inf where the counts do not sum to n. x and
                /// n must be integer arrays (JAX's rule); the result has p's inexact dtype and differentiates in p.
                /// </summary>
                /// <exception cref="ArgumentException">x or n is not of an integer dtype.</exception>
                /// <exception cref="ShapeException">x or p has no category axis, or the shapes do not broadcast.</exception>
                public static NDArray Logpmf(NDArray x, NDArray n, NDArray p)
                {
                    if (!x.DType.IsInteger() || !n.DType.IsInteger())
                        throw new ArgumentException($"multinomial.logpmf: x and n must be of integer type, got x {x.DType} and n {n.DType}");
                    var probabilities = Jnp.PromoteInexact(p)[0];
                    if (x.Ndim == 0 || probabilities.Ndim == 0)
                        throw new ShapeException($"multinomial.logpmf: x and p need a category axis, got shapes {Shapes.Format(x.Shape)} and {Shapes.Format(p.Shape)}");
                    var counts = Jnp.Astype(x, probabilities.DType);
                    var trials = Jnp.Astype(n, probabilities.DType);
                    var value = Special.Gammaln(trials + 1) + Jnp.Sum(Special.Xlogy(counts, probabilities) - Special.Gammaln(counts + 1), -1);
                    return Jnp.Where(Jnp.Equal(Jnp.Sum(counts, -1), trials), value, double.NegativeInfinity);
                }

                /// <summary>The probability mass function.</summary>
                public static NDArray Pmf(NDArray x, NDArray n, NDArray p) => Jnp.Exp(Logpmf(x, n, p));
            }
        }
    }
}
