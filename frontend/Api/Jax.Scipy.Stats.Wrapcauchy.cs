using static JaxNet.SpecialSeries;
using static JaxNet.StatsSupport;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            /// <summary>scipy.stats.wrapcauchy: the wrapped Cauchy distribution on [0, 2π] with shape c in (0, 1), density
            /// (1 − c²) / (2π (1 + c² − 2c cos x)). Like JAX's, it takes no loc or scale.</summary>
            public static class Wrapcauchy
            {
                /// <summary>log(1 − c²) − log 2π − log(1 + c² − 2c cos x) on [0, 2π], −inf outside; NaN for c outside
                /// (0, 1), as JAX gives (whatever x is), and for a NaN argument.</summary>
                public static NDArray Logpdf(NDArray x, NDArray c)
                {
                    var v = Promote("wrapcauchy.logpdf", x, c);
                    var inside = Jnp.GreaterEqual(v[0], 0) & Jnp.LessEqual(v[0], 2 * Math.PI);
                    var value = Jnp.Log1p(-v[1] * v[1]) - Math.Log(2 * Math.PI) - Jnp.Log(1 + v[1] * v[1] - 2 * v[1] * Jnp.Cos(v[0]));
                    var validShape = Jnp.Greater(v[1], 0) & Jnp.Less(v[1], 1);
                    return ValidOrNan(validShape, Within(inside, value, v));
                }

                /// <summary>The density.</summary>
                public static NDArray Pdf(NDArray x, NDArray c) => Jnp.Exp(Logpdf(x, c));
            }
        }
    }
}
