using static JaxNet.StatsSupport;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            /// <summary>scipy.stats.gamma: the gamma distribution with shape a, density y^(a−1) exp(−y) / (Γ(a) scale),
            /// y = (x − loc) / scale ≥ 0.</summary>
            public static class Gamma
            {
                /// <summary>(a − 1) log y − y − log Γ(a) − log(scale) from loc on (with 0 log 0 = 0, so a = 1 gives
                /// the exponential's value at loc), −inf below.</summary>
                public static NDArray Logpdf(NDArray x, NDArray a, NDArray? loc = null, NDArray? scale = null)
                {
                    var v = Arguments("gamma.logpdf", x, loc, scale, a);
                    var inside = Jnp.GreaterEqual(v[0], v[1]);
                    // y = 1 outside the support: its log is not selected, and must not make a NaN gradient.
                    var y = Jnp.Where(inside, (v[0] - v[1]) / v[2], 1);
                    return Within(inside, Special.Xlogy(v[3] - 1, y) - y - Special.Gammaln(v[3]) - Jnp.Log(v[2]), v);
                }

                /// <summary>The density.</summary>
                public static NDArray Pdf(NDArray x, NDArray a, NDArray? loc = null, NDArray? scale = null) => Jnp.Exp(Logpdf(x, a, loc, scale));

                /// <summary>The CDF, <see cref="Special.Gammainc"/>(a, y), 0 below loc.</summary>
                public static NDArray Cdf(NDArray x, NDArray a, NDArray? loc = null, NDArray? scale = null)
                {
                    var v = Arguments("gamma.cdf", x, loc, scale, a);
                    return Special.Gammainc(v[3], Jnp.Maximum((v[0] - v[1]) / v[2], 0));
                }

                /// <summary>The survival function, <see cref="Special.Gammaincc"/>(a, y), 1 below loc.</summary>
                public static NDArray Sf(NDArray x, NDArray a, NDArray? loc = null, NDArray? scale = null)
                {
                    var v = Arguments("gamma.sf", x, loc, scale, a);
                    return Special.Gammaincc(v[3], Jnp.Maximum((v[0] - v[1]) / v[2], 0));
                }

                /// <summary>log of <see cref="Cdf"/> (−inf below loc).</summary>
                public static NDArray Logcdf(NDArray x, NDArray a, NDArray? loc = null, NDArray? scale = null) => Jnp.Log(Cdf(x, a, loc, scale));

                /// <summary>log of <see cref="Sf"/> (0 below loc).</summary>
                public static NDArray Logsf(NDArray x, NDArray a, NDArray? loc = null, NDArray? scale = null) => Jnp.Log(Sf(x, a, loc, scale));
            }
        }
    }
}
