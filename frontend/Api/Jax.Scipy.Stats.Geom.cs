using static JaxNet.StatsSupport;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            /// <summary>scipy.stats.geom: the number of trials of probability p up to the first success (1, 2, …),
            /// shifted by loc. p lies in (0, 1]; other values give NaN.</summary>
            public static class Geom
            {
                /// <summary>(k − 1) log(1 − p) + log p at k − loc = 1, 2, …; −inf elsewhere.</summary>
                public static NDArray Logpmf(NDArray k, NDArray p, NDArray? loc = null)
                {
                    var (x, v, all) = LatticeArguments("geom.logpmf", k, loc, p);
                    var inside = IsWhole(x) & Jnp.GreaterEqual(x, 1);
                    var s = Jnp.Where(inside, x, 1);
                    return ValidOrNan(Valid(v[0]), Within(inside, Special.Xlog1py(s - 1, -v[0]) + Jnp.Log(v[0]), all));
                }

                /// <summary>The probability mass function.</summary>
                public static NDArray Pmf(NDArray k, NDArray p, NDArray? loc = null) => Jnp.Exp(Logpmf(k, p, loc));

                /// <summary>The CDF 1 − (1 − p)^⌊k − loc⌋, through expm1 and log1p so that small p keeps its digits;
                /// 0 below loc + 1.</summary>
                public static NDArray Cdf(NDArray k, NDArray p, NDArray? loc = null)
                {
                    var (x, v, all) = LatticeArguments("geom.cdf", k, loc, p);
                    var inside = Jnp.GreaterEqual(x, 1);
                    var value = -Jnp.Expm1(LogSurvival(Jnp.Where(inside, x, 1), v[0]));
                    return ValidOrNan(Valid(v[0]), Within(inside, value, all, fill: 0));
                }

                /// <summary>The survival function (1 − p)^⌊k − loc⌋; 1 below loc + 1.</summary>
                public static NDArray Sf(NDArray k, NDArray p, NDArray? loc = null)
                {
                    var (x, v, all) = LatticeArguments("geom.sf", k, loc, p);
                    var inside = Jnp.GreaterEqual(x, 1);
                    var value = Jnp.Exp(LogSurvival(Jnp.Where(inside, x, 1), v[0]));
                    return ValidOrNan(Valid(v[0]), Within(inside, value, all, fill: 1));
                }

                private static NDArray LogSurvival(NDArray x, NDArray p) => Special.Xlog1py(Jnp.Floor(x), -p);

                private static NDArray Valid(NDArray p) => Jnp.Greater(p, 0) & Jnp.LessEqual(p, 1);
            }
        }
    }
}
