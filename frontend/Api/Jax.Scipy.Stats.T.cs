using static JaxNet.StatsSupport;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            /// <summary>scipy.stats.t: Student's t distribution with df degrees of freedom.</summary>
            public static class T
            {
                /// <summary>log Γ((df + 1)/2) − log Γ(df/2) − ½ log(π df scale²) − (df + 1)/2 log1p(z²/df),
                /// z = (x − loc) / scale.</summary>
                public static NDArray Logpdf(NDArray x, NDArray df, NDArray? loc = null, NDArray? scale = null)
                {
                    var v = Arguments("t.logpdf", x, loc, scale, df);
                    var (z, nu) = ((v[0] - v[1]) / v[2], v[3]);
                    var normalizer = Lax.Lgamma(nu / 2) + 0.5 * Jnp.Log(Math.PI * nu * v[2] * v[2]) - Lax.Lgamma((nu + 1) / 2);
                    return -normalizer - (nu + 1) / 2 * Jnp.Log1p(z * z / nu);
                }

                /// <summary>The density.</summary>
                public static NDArray Pdf(NDArray x, NDArray df, NDArray? loc = null, NDArray? scale = null) => Jnp.Exp(Logpdf(x, df, loc, scale));
            }
        }
    }
}
