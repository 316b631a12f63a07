using static JaxNet.StatsSupport;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            /// <summary>scipy.stats.betabinom: a binomial count of n trials whose probability is drawn from Beta(a, b),
            /// shifted by loc. n must be a whole number ≥ 0 and a, b positive; other parameters give NaN.</summary>
            public static class Betabinom
            {
                /// <summary>log C(n, k) + log B(k + a, n − k + b) − log B(a, b) at k − loc = 0, 1, …, n; −inf
                /// elsewhere.</summary>
                public static NDArray Logpmf(NDArray k, NDArray n, NDArray a, NDArray b, NDArray? loc = null)
                {
                    var (x, v, all) = LatticeArguments("betabinom.logpmf", k, loc, n, a, b);
                    var inside = IsWhole(x) & Jnp.GreaterEqual(x, 0) & Jnp.LessEqual(x, v[0]);
                    var s = Jnp.Where(inside, x, 0);
                    var logCoefficient = LogBinomialCoefficient(v[0], s);
                    var value = logCoefficient + Special.Betaln(s + v[1], v[0] - s + v[2]) - Special.Betaln(v[1], v[2]);
                    var valid = IsWhole(v[0]) & Jnp.GreaterEqual(v[0], 0) & Jnp.Greater(v[1], 0) & Jnp.Greater(v[2], 0);
                    return ValidOrNan(valid, Within(inside, value, all));
                }

                /// <summary>The probability mass function.</summary>
                public static NDArray Pmf(NDArray k, NDArray n, NDArray a, NDArray b, NDArray? loc = null) =>
                    Jnp.Exp(Logpmf(k, n, a, b, loc));
            }
        }
    }
}
