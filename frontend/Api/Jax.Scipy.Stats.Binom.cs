using static JaxNet.StatsSupport;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            /// <summary>scipy.stats.binom: the number of successes in n trials of probability p, shifted by loc.
            /// n must be a whole number ≥ 0 and p lie in [0, 1]; other parameters give NaN, as in SciPy.</summary>
            public static class Binom
            {
                /// <summary>log C(n, k) + k log p + (n − k) log(1 − p) at k − loc = 0, 1, …, n; −inf elsewhere (the
                /// coefficient from <see cref="StatsSupport.LogBinomialCoefficient"/>, accurate for large n).</summary>
                public static NDArray Logpmf(NDArray k, NDArray n, NDArray p, NDArray? loc = null)
                {
                    var (x, v, all) = LatticeArguments("binom.logpmf", k, loc, n, p);
                    var inside = IsWhole(x) & Jnp.GreaterEqual(x, 0) & Jnp.LessEqual(x, v[0]);
                    // Outside the support x is replaced by 0, so the unselected branch has finite derivatives.
                    var s = Jnp.Where(inside, x, 0);
                    var logCoefficient = LogBinomialCoefficient(v[0], s);
                    var value = logCoefficient + Special.Xlogy(s, v[1]) + Special.Xlog1py(v[0] - s, -v[1]);
                    return ValidOrNan(Valid(v), Within(inside, value, all));
                }

                /// <summary>The probability mass function.</summary>
                public static NDArray Pmf(NDArray k, NDArray n, NDArray p, NDArray? loc = null) => Jnp.Exp(Logpmf(k, n, p, loc));

                /// <summary>The CDF: 0 below loc, 1 from loc + n on, and between them the regularized incomplete beta
                /// I_{1−p}(n − ⌊k⌋, ⌊k⌋ + 1) (k − loc in place of k).</summary>
                public static NDArray Cdf(NDArray k, NDArray n, NDArray p, NDArray? loc = null) => Tail("binom.cdf", k, n, p, loc, upper: false);

                /// <summary>The survival function 1 − CDF, computed as I_p(⌊k⌋ + 1, n − ⌊k⌋) so that small upper tails
                /// keep their digits.</summary>
                public static NDArray Sf(NDArray k, NDArray n, NDArray p, NDArray? loc = null) => Tail("binom.sf", k, n, p, loc, upper: true);

                /// <summary>The mass at or below k (or above it, <paramref name="upper"/>), each tail its own incomplete
                /// beta, I_x(a, b) and I_{1−x}(b, a) being complements.</summary>
                private static NDArray Tail(string op, NDArray k, NDArray n, NDArray p, NDArray? loc, bool upper)
                {
                    var (x, v, all) = LatticeArguments(op, k, loc, n, p);
                    var between = Jnp.GreaterEqual(x, 0) & Jnp.Less(x, v[0]);
                    var j = Jnp.Floor(Jnp.Where(between, x, 0));
                    var rest = Jnp.Where(between, v[0] - j, 1);
                    var middle = upper ? Special.Betainc(j + 1, rest, v[1]) : Special.Betainc(rest, j + 1, 1 - v[1]);
                    var below = Jnp.Less(x, 0);
                    var value = Jnp.Where(between, middle, upper ? Jnp.Where(below, 1.0, 0.0) : Jnp.Where(below, 0.0, 1.0));
                    return ValidOrNan(Valid(v), NanWhereAnyNan(all, value));
                }

                private static NDArray Valid(NDArray[] v) =>
                    IsWhole(v[0]) & Jnp.GreaterEqual(v[0], 0) & Jnp.GreaterEqual(v[1], 0) & Jnp.LessEqual(v[1], 1);
            }
        }
    }
}
