using static JaxNet.SpecialSeries;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            /// <summary>scipy.stats.poisson: the Poisson distribution with mean mu, shifted by loc.</summary>
            public static class Poisson
            {
                /// <summary>k log mu − log k! − mu at k − loc = 0, 1, 2, …, −inf elsewhere (below loc or not an
                /// integer).</summary>
                public static NDArray Logpmf(NDArray k, NDArray mu, NDArray? loc = null) =>
                    StatsSupport.Lattice("poisson.logpmf", k, mu, loc, n => Jnp.GreaterEqual(n, 0) & Jnp.Equal(Jnp.Round(n), n),
                        (n, m) => Special.Xlogy(n, m) - Special.Gammaln(n + 1) - m);

                /// <summary>The probability mass function.</summary>
                public static NDArray Pmf(NDArray k, NDArray mu, NDArray? loc = null) => Jnp.Exp(Logpmf(k, mu, loc));

                /// <summary>The CDF, <see cref="Special.Gammaincc"/>(⌊k − loc⌋ + 1, mu), 0 below loc.</summary>
                public static NDArray Cdf(NDArray k, NDArray mu, NDArray? loc = null)
                {
                    var v = Promote("poisson.cdf", k, mu, loc ?? 0);
                    var n = v[0] - v[2];
                    var inside = Jnp.GreaterEqual(n, 0);
                    return StatsSupport.Within(inside, Special.Gammaincc(Jnp.Floor(Jnp.Where(inside, n, 0)) + 1, v[1]), v, fill: 0);
                }
            }
        }
    }
}
