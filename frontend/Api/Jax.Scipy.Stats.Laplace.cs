using static JaxNet.StatsSupport;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            /// <summary>scipy.stats.laplace: the double exponential distribution, density exp(−|x − loc| / scale) /
            /// (2 scale).</summary>
            public static class Laplace
            {
                /// <summary>−|x − loc| / scale − log(2 scale).</summary>
                public static NDArray Logpdf(NDArray x, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("laplace.logpdf", x, loc, scale);
                    return -Jnp.Abs(a[0] - a[1]) / a[2] - Jnp.Log(2 * a[2]);
                }

                /// <summary>The density.</summary>
                public static NDArray Pdf(NDArray x, NDArray? loc = null, NDArray? scale = null) => Jnp.Exp(Logpdf(x, loc, scale));

                /// <summary>½ exp(z) below loc and 1 − ½ exp(−z) above, z = (x − loc) / scale; the exponential is of −|z|
                /// only, so neither side overflows (nor does its gradient).</summary>
                public static NDArray Cdf(NDArray x, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("laplace.cdf", x, loc, scale);
                    var z = (a[0] - a[1]) / a[2];
                    var half = 0.5 * Jnp.Exp(-Jnp.Abs(z));
                    return Jnp.Where(Jnp.LessEqual(z, 0), half, 1 - half);
                }
            }
        }
    }
}
