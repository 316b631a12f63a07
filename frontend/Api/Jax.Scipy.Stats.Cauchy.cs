using static JaxNet.StatsSupport;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            /// <summary>scipy.stats.cauchy: the Cauchy (Lorentz) distribution, density 1 / (π scale (1 + z²)),
            /// z = (x − loc) / scale.</summary>
            public static class Cauchy
            {
                /// <summary>−log π − log(scale) − log1p(z²).</summary>
                public static NDArray Logpdf(NDArray x, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("cauchy.logpdf", x, loc, scale);
                    var z = (a[0] - a[1]) / a[2];
                    return -Math.Log(Math.PI) - Jnp.Log(a[2]) - Jnp.Log1p(z * z);
                }

                /// <summary>The density.</summary>
                public static NDArray Pdf(NDArray x, NDArray? loc = null, NDArray? scale = null) => Jnp.Exp(Logpdf(x, loc, scale));

                /// <summary>½ + arctan(z) / π.</summary>
                public static NDArray Cdf(NDArray x, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("cauchy.cdf", x, loc, scale);
                    return 0.5 + Jnp.Arctan((a[0] - a[1]) / a[2]) / Math.PI;
                }

                /// <summary>The survival function ½ − arctan(z) / π.</summary>
                public static NDArray Sf(NDArray x, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("cauchy.sf", x, loc, scale);
                    return 0.5 - Jnp.Arctan((a[0] - a[1]) / a[2]) / Math.PI;
                }

                /// <summary>The percent point function loc + scale tan(π (q − ½)) for q in [0, 1] (∓inf at 0 and 1); NaN
                /// outside.</summary>
                public static NDArray Ppf(NDArray q, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("cauchy.ppf", q, loc, scale);
                    var inside = Jnp.GreaterEqual(a[0], 0) & Jnp.LessEqual(a[0], 1);
                    // tan(pi (q - 1/2)) at 0 and 1 is only about 1e16, not infinite.
                    var ends = Jnp.Where(Jnp.Equal(a[0], 0), double.NegativeInfinity, Jnp.Where(Jnp.Equal(a[0], 1), double.PositiveInfinity, 0));
                    var value = Jnp.Where(Jnp.Equal(a[0], 0) | Jnp.Equal(a[0], 1), a[1] + a[2] * ends, a[1] + a[2] * Jnp.Tan(Math.PI * (a[0] - 0.5)));
                    return Within(inside, value, a, fill: double.NaN);
                }
            }
        }
    }
}
