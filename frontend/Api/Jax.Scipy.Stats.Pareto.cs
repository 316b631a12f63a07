using static JaxNet.StatsSupport;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            /// <summary>scipy.stats.pareto: density b / y^(b+1) on y = (x − loc) / scale ≥ 1. b and scale must be
            /// positive; other values give NaN.</summary>
            public static class Pareto
            {
                /// <summary>log b − (b + 1) log y − log scale on the support, −inf below it.</summary>
                public static NDArray Logpdf(NDArray x, NDArray b, NDArray? loc = null, NDArray? scale = null)
                {
                    var (y, v) = Standard("pareto.logpdf", x, b, loc, scale);
                    var inside = Jnp.GreaterEqual(y, 1);
                    var value = Jnp.Log(v[3]) - (v[3] + 1) * Jnp.Log(Jnp.Where(inside, y, 1)) - Jnp.Log(v[2]);
                    return ValidOrNan(Valid(v), Within(inside, value, v));
                }

                /// <summary>The density.</summary>
                public static NDArray Pdf(NDArray x, NDArray b, NDArray? loc = null, NDArray? scale = null) => Jnp.Exp(Logpdf(x, b, loc, scale));

                /// <summary>The CDF 1 − y^−b, through expm1 so that it keeps its digits near the support's start; 0 below it.</summary>
                public static NDArray Cdf(NDArray x, NDArray b, NDArray? loc = null, NDArray? scale = null)
                {
                    var (y, v) = Standard("pareto.cdf", x, b, loc, scale);
                    var inside = Jnp.GreaterEqual(y, 1);
                    var value = -Jnp.Expm1(-v[3] * Jnp.Log(Jnp.Where(inside, y, 1)));
                    return ValidOrNan(Valid(v), Within(inside, value, v, fill: 0));
                }

                /// <summary>The survival function y^−b; 1 below the support.</summary>
                public static NDArray Sf(NDArray x, NDArray b, NDArray? loc = null, NDArray? scale = null)
                {
                    var (y, v) = Standard("pareto.sf", x, b, loc, scale);
                    var inside = Jnp.GreaterEqual(y, 1);
                    var value = Jnp.Exp(-v[3] * Jnp.Log(Jnp.Where(inside, y, 1)));
                    return ValidOrNan(Valid(v), Within(inside, value, v, fill: 1));
                }

                /// <summary>The percent point function loc + scale (1 − q)^(−1/b); NaN for q outside [0, 1].</summary>
                public static NDArray Ppf(NDArray q, NDArray b, NDArray? loc = null, NDArray? scale = null)
                {
                    var v = Arguments("pareto.ppf", q, loc, scale, b);
                    var value = v[1] + v[2] * Jnp.Exp(-Jnp.Log1p(-v[0]) / v[3]);
                    return ValidOrNan(Valid(v) & Jnp.GreaterEqual(v[0], 0) & Jnp.LessEqual(v[0], 1), value);
                }

                private static (NDArray Y, NDArray[] V) Standard(string op, NDArray x, NDArray b, NDArray? loc, NDArray? scale)
                {
                    var v = Arguments(op, x, loc, scale, b);
                    return ((v[0] - v[1]) / v[2], v);
                }

                private static NDArray Valid(NDArray[] v) => Jnp.Greater(v[3], 0) & Jnp.Greater(v[2], 0);
            }
        }
    }
}
