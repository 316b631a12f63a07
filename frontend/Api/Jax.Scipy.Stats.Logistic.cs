using static JaxNet.StatsSupport;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            /// <summary>scipy.stats.logistic: the logistic distribution, whose CDF is expit((x − loc) / scale).</summary>
            public static class Logistic
            {
                /// <summary>−|z| − 2 log1p(exp(−|z|)) − log(scale), z = (x − loc) / scale (symmetric in z, and nothing
                /// overflows).</summary>
                public static NDArray Logpdf(NDArray x, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("logistic.logpdf", x, loc, scale);
                    var z = Jnp.Abs((a[0] - a[1]) / a[2]);
                    return -z - 2 * Jnp.Log1p(Jnp.Exp(-z)) - Jnp.Log(a[2]);
                }

                /// <summary>The density.</summary>
                public static NDArray Pdf(NDArray x, NDArray? loc = null, NDArray? scale = null) => Jnp.Exp(Logpdf(x, loc, scale));

                /// <summary><see cref="Special.Expit"/> of (x − loc) / scale.</summary>
                public static NDArray Cdf(NDArray x, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("logistic.cdf", x, loc, scale);
                    return Special.Expit((a[0] - a[1]) / a[2]);
                }

                /// <summary>The survival function, expit(−(x − loc) / scale).</summary>
                public static NDArray Sf(NDArray x, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("logistic.sf", x, loc, scale);
                    return Special.Expit(-(a[0] - a[1]) / a[2]);
                }

                /// <summary>The percent point function loc + scale logit(q); ∓inf at 0 and 1, NaN outside [0, 1].</summary>
                public static NDArray Ppf(NDArray q, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("logistic.ppf", q, loc, scale);
                    return a[1] + a[2] * Special.Logit(a[0]);
                }

                /// <summary>The inverse survival function loc − scale logit(q).</summary>
                public static NDArray Isf(NDArray q, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("logistic.isf", q, loc, scale);
                    return a[1] - a[2] * Special.Logit(a[0]);
                }
            }
        }
    }
}
