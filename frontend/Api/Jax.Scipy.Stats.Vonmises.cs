using static JaxNet.StatsSupport;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            /// <summary>scipy.stats.vonmises: the circular normal distribution with concentration kappa &gt; 0 (other
            /// values give NaN). As in JAX the density is periodic, defined for every x (SciPy gives 0 outside
            /// [loc − π scale, loc + π scale]).</summary>
            public static class Vonmises
            {
                private const double LogTwoPi = 1.8378770664093453;

                /// <summary>kappa (cos y − 1) − log(2π i0e(kappa)) − log scale, y = (x − loc) / scale: the exponentially
                /// scaled Bessel function keeps large kappa (700 and beyond) finite.</summary>
                public static NDArray Logpdf(NDArray x, NDArray kappa, NDArray? loc = null, NDArray? scale = null)
                {
                    var v = Arguments("vonmises.logpdf", x, loc, scale, kappa);
                    var y = (v[0] - v[1]) / v[2];
                    var k = Jnp.Where(Jnp.Greater(v[3], 0), v[3], 1);
                    var value = k * (Jnp.Cos(y) - 1) - LogTwoPi - Jnp.Log(Special.I0e(k)) - Jnp.Log(v[2]);
                    return ValidOrNan(Jnp.Greater(v[3], 0) & Jnp.Greater(v[2], 0), NanWhereAnyNan(v, value));
                }

                /// <summary>The density.</summary>
                public static NDArray Pdf(NDArray x, NDArray kappa, NDArray? loc = null, NDArray? scale = null) =>
                    Jnp.Exp(Logpdf(x, kappa, loc, scale));
            }
        }
    }
}
