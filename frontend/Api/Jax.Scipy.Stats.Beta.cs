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
            }
        }
    }
}
