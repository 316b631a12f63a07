using static JaxNet.StatsSupport;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            /// <summary>scipy.stats.norm: the normal distribution with mean <c>loc</c> and standard deviation
            /// <c>scale</c>. The tails keep their relative accuracy: Logcdf and Logsf go through
            /// <see cref="Special.LogNdtr"/>, Ppf and Isf through <see cref="Special.Ndtri"/>.</summary>
            public static class Norm
            {
                private const double LogSqrtTwoPi = 0.91893853320467274;

                /// <summary>log of the density, −z²/2 − log(scale) − log √(2π) with z = (x − loc) / scale.</summary>
                public static NDArray Logpdf(NDArray x, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("norm.logpdf", x, loc, scale);
                    var z = (a[0] - a[1]) / a[2];
                    return -0.5 * z * z - Jnp.Log(a[2]) - LogSqrtTwoPi;
                }

                /// <summary>The density.</summary>
                public static NDArray Pdf(NDArray x, NDArray? loc = null, NDArray? scale = null) => Jnp.Exp(Logpdf(x, loc, scale));

                /// <summary>The cumulative distribution function, <see cref="Special.Ndtr"/> of (x − loc) / scale.</summary>
                public static NDArray Cdf(NDArray x, NDArray? loc = null, NDArray? scale = null) => Special.Ndtr(Standard("norm.cdf", x, loc, scale));

                /// <summary>log of the CDF, finite far into the lower tail.</summary>
                public static NDArray Logcdf(NDArray x, NDArray? loc = null, NDArray? scale = null) =>
                    Special.LogNdtr(Standard("norm.logcdf", x, loc, scale));

                /// <summary>The survival function 1 − CDF, accurate in the upper tail.</summary>
                public static NDArray Sf(NDArray x, NDArray? loc = null, NDArray? scale = null) => Special.Ndtr(-Standard("norm.sf", x, loc, scale));

                /// <summary>log of the survival function.</summary>
                public static NDArray Logsf(NDArray x, NDArray? loc = null, NDArray? scale = null) =>
                    Special.LogNdtr(-Standard("norm.logsf", x, loc, scale));

                /// <summary>The percent point function (the CDF's inverse) of q in [0, 1]; NaN outside.</summary>
                public static NDArray Ppf(NDArray q, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("norm.ppf", q, loc, scale);
                    return Special.Ndtri(a[0]) * a[2] + a[1];
                }

                /// <summary>The inverse survival function: the x with Sf(x) = q, accurate for small q.</summary>
                public static NDArray Isf(NDArray q, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("norm.isf", q, loc, scale);
                    return a[1] - Special.Ndtri(a[0]) * a[2];
                }

                private static NDArray Standard(string op, NDArray x, NDArray? loc, NDArray? scale)
                {
                    var a = Arguments(op, x, loc, scale);
                    return (a[0] - a[1]) / a[2];
                }
            }
        }
    }
}
