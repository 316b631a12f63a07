using static JaxNet.SpecialSeries;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            /// <summary>scipy.stats.bernoulli: 1 with probability p, 0 with probability 1 − p, shifted by loc.</summary>
            public static class Bernoulli
            {
                /// <summary>log p at k − loc = 1, log(1 − p) at 0, −inf elsewhere (SciPy's −inf between 0 and 1 too,
                /// where JAX interpolates).</summary>
                public static NDArray Logpmf(NDArray k, NDArray p, NDArray? loc = null) =>
                    StatsSupport.Lattice("bernoulli.logpmf", k, p, loc, n => Jnp.Equal(n, 0) | Jnp.Equal(n, 1),
                        (n, q) => Special.Xlogy(n, q) + Special.Xlog1py(1 - n, -q));

                /// <summary>The probability mass function.</summary>
                public static NDArray Pmf(NDArray k, NDArray p, NDArray? loc = null) => Jnp.Exp(Logpmf(k, p, loc));

                /// <summary>The CDF: 0 below 0, 1 − p on [0, 1), 1 from 1 on; NaN for p outside [0, 1].</summary>
                public static NDArray Cdf(NDArray k, NDArray p)
                {
                    var v = Promote("bernoulli.cdf", k, p);
                    var value = Jnp.Where(Jnp.Less(v[0], 0), 0, Jnp.Where(Jnp.Less(v[0], 1), 1 - v[1], 1));
                    return StatsSupport.Within(Jnp.GreaterEqual(v[1], 0) & Jnp.LessEqual(v[1], 1), value, v, fill: double.NaN);
                }
            }
        }
    }
}
