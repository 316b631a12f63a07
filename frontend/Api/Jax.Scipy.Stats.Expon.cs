using static JaxNet.StatsSupport;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            /// <summary>scipy.stats.expon: the exponential distribution, density exp(−(x − loc) / scale) / scale on
            /// [loc, ∞).</summary>
            public static class Expon
            {
                /// <summary>−(x − loc) / scale − log(scale) from loc on, −inf below.</summary>
                public static NDArray Logpdf(NDArray x, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("expon.logpdf", x, loc, scale);
                    return Within(Jnp.GreaterEqual(a[0], a[1]), -(a[0] - a[1]) / a[2] - Jnp.Log(a[2]), a);
                }

                /// <summary>The density.</summary>
                public static NDArray Pdf(NDArray x, NDArray? loc = null, NDArray? scale = null) => Jnp.Exp(Logpdf(x, loc, scale));

                /// <summary>1 − exp(−(x − loc) / scale) (through expm1, accurate near loc), 0 below loc.</summary>
                public static NDArray Cdf(NDArray x, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("expon.cdf", x, loc, scale);
                    return Within(Jnp.GreaterEqual(a[0], a[1]), -Jnp.Expm1(-(a[0] - a[1]) / a[2]), a, fill: 0);
                }

                /// <summary>The survival function exp(−(x − loc) / scale), 1 below loc.</summary>
                public static NDArray Sf(NDArray x, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("expon.sf", x, loc, scale);
                    return Within(Jnp.GreaterEqual(a[0], a[1]), Jnp.Exp(-(a[0] - a[1]) / a[2]), a, fill: 1);
                }

                /// <summary>The percent point function loc − scale log1p(−q) for q in [0, 1]; NaN outside.</summary>
                public static NDArray Ppf(NDArray q, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("expon.ppf", q, loc, scale);
                    return Within(Jnp.GreaterEqual(a[0], 0) & Jnp.LessEqual(a[0], 1), a[1] - a[2] * Jnp.Log1p(-a[0]), a, fill: double.NaN);
                }
            }
        }
    }
}
