using static JaxNet.StatsSupport;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            /// <summary>
            /// scipy.stats.gumbel_r: the right-skewed Gumbel (type I extreme value) distribution, CDF exp(−exp(−z)) with
            /// z = (x − loc) / scale. Each function is written in the form that keeps its digits in the tail it
            /// describes (expm1 and log1p where a 1 − something would cancel).
            /// </summary>
            public static class GumbelR
            {
                /// <summary>−z − exp(−z) − log(scale).</summary>
                public static NDArray Logpdf(NDArray x, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("gumbel_r.logpdf", x, loc, scale);
                    var z = (a[0] - a[1]) / a[2];
                    return -z - Jnp.Exp(-z) - Jnp.Log(a[2]);
                }

                /// <summary>The density.</summary>
                public static NDArray Pdf(NDArray x, NDArray? loc = null, NDArray? scale = null) => Jnp.Exp(Logpdf(x, loc, scale));

                /// <summary>−exp(−z).</summary>
                public static NDArray Logcdf(NDArray x, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("gumbel_r.logcdf", x, loc, scale);
                    return -Jnp.Exp(-(a[0] - a[1]) / a[2]);
                }

                /// <summary>exp(−exp(−z)).</summary>
                public static NDArray Cdf(NDArray x, NDArray? loc = null, NDArray? scale = null) => Jnp.Exp(Logcdf(x, loc, scale));

                /// <summary>The survival function −expm1(−exp(−z)), accurate far in the right tail.</summary>
                public static NDArray Sf(NDArray x, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("gumbel_r.sf", x, loc, scale);
                    return -Jnp.Expm1(-Jnp.Exp(-(a[0] - a[1]) / a[2]));
                }

                /// <summary>log(1 − exp(logcdf)) by jax.nn.log1mexp, which keeps its digits on either side.</summary>
                public static NDArray Logsf(NDArray x, NDArray? loc = null, NDArray? scale = null) => Nn.Log1mexp(-Logcdf(x, loc, scale));

                /// <summary>The percent point function loc − scale log(−log q): −inf at 0, inf at 1, NaN outside [0, 1].</summary>
                public static NDArray Ppf(NDArray q, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("gumbel_r.ppf", q, loc, scale);
                    return a[1] - a[2] * Jnp.Log(-Jnp.Log(a[0]));
                }

                /// <summary>The inverse survival function loc − scale log(−log1p(−q)).</summary>
                public static NDArray Isf(NDArray q, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("gumbel_r.isf", q, loc, scale);
                    return a[1] - a[2] * Jnp.Log(-Jnp.Log1p(-a[0]));
                }
            }

            /// <summary>
            /// scipy.stats.gumbel_l: the left-skewed Gumbel distribution, the mirror image of <see cref="GumbelR"/>:
            /// survival function exp(−exp(z)), z = (x − loc) / scale.
            /// </summary>
            public static class GumbelL
            {
                /// <summary>z − exp(z) − log(scale).</summary>
                public static NDArray Logpdf(NDArray x, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("gumbel_l.logpdf", x, loc, scale);
                    var z = (a[0] - a[1]) / a[2];
                    return z - Jnp.Exp(z) - Jnp.Log(a[2]);
                }

                /// <summary>The density.</summary>
                public static NDArray Pdf(NDArray x, NDArray? loc = null, NDArray? scale = null) => Jnp.Exp(Logpdf(x, loc, scale));

                /// <summary>−expm1(−exp(z)), accurate far in the left tail.</summary>
                public static NDArray Cdf(NDArray x, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("gumbel_l.cdf", x, loc, scale);
                    return -Jnp.Expm1(-Jnp.Exp((a[0] - a[1]) / a[2]));
                }

                /// <summary>log(1 − exp(logsf)) by jax.nn.log1mexp, which keeps its digits on either side.</summary>
                public static NDArray Logcdf(NDArray x, NDArray? loc = null, NDArray? scale = null) => Nn.Log1mexp(-Logsf(x, loc, scale));

                /// <summary>−exp(z).</summary>
                public static NDArray Logsf(NDArray x, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("gumbel_l.logsf", x, loc, scale);
                    return -Jnp.Exp((a[0] - a[1]) / a[2]);
                }

                /// <summary>The survival function exp(−exp(z)).</summary>
                public static NDArray Sf(NDArray x, NDArray? loc = null, NDArray? scale = null) => Jnp.Exp(Logsf(x, loc, scale));

                /// <summary>The percent point function loc + scale log(−log1p(−q)).</summary>
                public static NDArray Ppf(NDArray q, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("gumbel_l.ppf", q, loc, scale);
                    return a[1] + a[2] * Jnp.Log(-Jnp.Log1p(-a[0]));
                }

                /// <summary>The inverse survival function loc + scale log(−log q).</summary>
                public static NDArray Isf(NDArray q, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("gumbel_l.isf", q, loc, scale);
                    return a[1] + a[2] * Jnp.Log(-Jnp.Log(a[0]));
                }
            }
        }
    }
}
