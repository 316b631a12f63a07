using static JaxNet.StatsSupport;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            /// <summary>scipy.stats.beta: the beta distribution with shapes a and b on [loc, loc + scale].</summary>
            public static class Beta
            {
                /// <summary>(a − 1) log y + (b − 1) log(1 − y) − log B(a, b) − log(scale), y = (x − loc) / scale, on the
                /// support (0 log 0 = 0 at its ends); −inf outside it, NaN for a, b or scale not positive.</summary>
                public static NDArray Logpdf(NDArray x, NDArray a, NDArray b, NDArray? loc = null, NDArray? scale = null)
                {
                    var v = Arguments("beta.logpdf", x, loc, scale, a, b);
                    var inside = Jnp.GreaterEqual(v[0], v[1]) & Jnp.LessEqual(v[0], v[1] + v[2]);
                    // y = 1/2 outside the support: its logarithms are not selected, and must not make NaN gradients.
                    var y = Jnp.Where(inside, (v[0] - v[1]) / v[2], 0.5);
                    var value = Special.Xlogy(v[3] - 1, y) + Special.Xlog1py(v[4] - 1, -y) - Special.Betaln(v[3], v[4]) - Jnp.Log(v[2]);
                    var result = Within(inside, value, v);
                    return Jnp.Where(Jnp.LessEqual(v[3], 0) | Jnp.LessEqual(v[4], 0) | Jnp.LessEqual(v[2], 0), double.NaN, result);
                }

                /// <summary>The density.</summary>
                public static NDArray Pdf(NDArray x, NDArray a, NDArray b, NDArray? loc = null, NDArray? scale = null) =>
                    Jnp.Exp(Logpdf(x, a, b, loc, scale));

                /// <summary>The CDF, <see cref="Special.Betainc"/>(a, b, y) with y clamped to [0, 1] (0 below the support,
                /// 1 above), as JAX computes it.</summary>
                public static NDArray Cdf(NDArray x, NDArray a, NDArray b, NDArray? loc = null, NDArray? scale = null)
                {
                    var v = Arguments("beta.cdf", x, loc, scale, a, b);
                    return Special.Betainc(v[3], v[4], ClampedToUnit(v));
                }

                /// <summary>The survival function, betainc(b, a, 1 − y): the upper tail keeps its digits where 1 − cdf
                /// would cancel.</summary>
                public static NDArray Sf(NDArray x, NDArray a, NDArray b, NDArray? loc = null, NDArray? scale = null)
                {
                    var v = Arguments("beta.sf", x, loc, scale, a, b);
                    return Special.Betainc(v[4], v[3], 1 - ClampedToUnit(v));
                }

                /// <summary>log of <see cref="Cdf"/> (−inf below the support).</summary>
                public static NDArray Logcdf(NDArray x, NDArray a, NDArray b, NDArray? loc = null, NDArray? scale = null) =>
                    Jnp.Log(Cdf(x, a, b, loc, scale));

                /// <summary>log of <see cref="Sf"/> (−inf above the support).</summary>
                public static NDArray Logsf(NDArray x, NDArray a, NDArray b, NDArray? loc = null, NDArray? scale = null) =>
                    Jnp.Log(Sf(x, a, b, loc, scale));

                /// <summary>y = (x − loc) / scale clamped to [0, 1], from the promoted arguments (x, loc, scale, ...).</summary>
                private static NDArray ClampedToUnit(NDArray[] v) => Jnp.Clip((v[0] - v[1]) / v[2], 0, 1);
            }
        }
    }
}
