using static JaxNet.StatsSupport;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            /// <summary>scipy.stats.gennorm: the generalized normal distribution, density β / (2 Γ(1/β)) e^(−|y|^β)
            /// (β = 1 Laplace, β = 2 a normal of variance ½). β and scale must be positive; other values give NaN.</summary>
            public static class Gennorm
            {
                /// <summary>log β − log 2 − log Γ(1/β) − |y|^β − log scale, y = (x − loc) / scale.</summary>
                public static NDArray Logpdf(NDArray x, NDArray beta, NDArray? loc = null, NDArray? scale = null)
                {
                    var v = Arguments("gennorm.logpdf", x, loc, scale, beta);
                    var y = (v[0] - v[1]) / v[2];
                    var value = Jnp.Log(v[3] / 2) - Special.Gammaln(1 / v[3]) - Jnp.Power(Jnp.Abs(y), v[3]) - Jnp.Log(v[2]);
                    return ValidOrNan(Valid(v), NanWhereAnyNan(v, value));
                }

                /// <summary>The density.</summary>
                public static NDArray Pdf(NDArray x, NDArray beta, NDArray? loc = null, NDArray? scale = null) =>
                    Jnp.Exp(Logpdf(x, beta, loc, scale));

                /// <summary>The CDF: ½ Q(1/β, |y|^β) below loc (the upper incomplete gamma, so the lower tail keeps its
                /// digits) and ½ + ½ P(1/β, y^β) above it.</summary>
                public static NDArray Cdf(NDArray x, NDArray beta, NDArray? loc = null, NDArray? scale = null)
                {
                    var v = Arguments("gennorm.cdf", x, loc, scale, beta);
                    var y = (v[0] - v[1]) / v[2];
                    var shape = 1 / Jnp.Where(Valid(v), v[3], 1);
                    var t = Jnp.Power(Jnp.Abs(y), Jnp.Where(Valid(v), v[3], 1));
                    var value = Jnp.Where(Jnp.Less(y, 0), 0.5 * Special.Gammaincc(shape, t), 0.5 + 0.5 * Special.Gammainc(shape, t));
                    return ValidOrNan(Valid(v), NanWhereAnyNan(v, value));
                }

                private static NDArray Valid(NDArray[] v) => Jnp.Greater(v[3], 0) & Jnp.Greater(v[2], 0);
            }
        }
    }
}
