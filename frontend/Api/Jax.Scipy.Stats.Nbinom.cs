using static JaxNet.StatsSupport;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            /// <summary>scipy.stats.nbinom: the number of failures before the n-th success in trials of probability p,
            /// shifted by loc. n may be any positive real; p lies in (0, 1]; other parameters give NaN.</summary>
            public static class Nbinom
            {
                /// <summary>log Γ(k + n) − log Γ(n) − log k! + n log p + k log(1 − p) at k − loc = 0, 1, 2, …; −inf
                /// elsewhere.</summary>
                public static NDArray Logpmf(NDArray k, NDArray n, NDArray p, NDArray? loc = null)
                {
                    var (x, v, all) = LatticeArguments("nbinom.logpmf", k, loc, n, p);
                    var inside = IsWhole(x) & Jnp.GreaterEqual(x, 0);
                    var s = Jnp.Where(inside, x, 0);
                    var value = Special.Gammaln(s + v[0]) - Special.Gammaln(v[0]) - Special.Gammaln(s + 1)
                        + Special.Xlogy(v[0], v[1]) + Special.Xlog1py(s, -v[1]);
                    return ValidOrNan(Valid(v), Within(inside, value, all));
                }

                /// <summary>The probability mass function.</summary>
                public static NDArray Pmf(NDArray k, NDArray n, NDArray p, NDArray? loc = null) => Jnp.Exp(Logpmf(k, n, p, loc));

                /// <summary>The CDF, the regularized incomplete beta I_p(n, ⌊k − loc⌋ + 1); 0 below loc.</summary>
                public static NDArray Cdf(NDArray k, NDArray n, NDArray p, NDArray? loc = null)
                {
                    var (x, v, all) = LatticeArguments("nbinom.cdf", k, loc, n, p);
                    var inside = Jnp.GreaterEqual(x, 0);
                    var value = Special.Betainc(Jnp.Where(Valid(v), v[0], 1), Jnp.Floor(Jnp.Where(inside, x, 0)) + 1, v[1]);
                    return ValidOrNan(Valid(v), Within(inside, value, all, fill: 0));
                }

                private static NDArray Valid(NDArray[] v) => Jnp.Greater(v[0], 0) & Jnp.Greater(v[1], 0) & Jnp.LessEqual(v[1], 1);
            }
        }
    }
}
