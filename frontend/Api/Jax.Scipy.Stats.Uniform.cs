using static JaxNet.StatsSupport;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            /// <summary>scipy.stats.uniform: the uniform distribution on [loc, loc + scale].</summary>
            public static class Uniform
            {
                /// <summary>−log(scale) on [loc, loc + scale], −inf elsewhere.</summary>
                public static NDArray Logpdf(NDArray x, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("uniform.logpdf", x, loc, scale);
                    var inside = Jnp.GreaterEqual(a[0], a[1]) & Jnp.LessEqual(a[0], a[1] + a[2]);
                    return Within(inside, -Jnp.Log(a[2]) + Jnp.ZerosLike(a[0]), a);
                }

                /// <summary>The density, 1 / scale on [loc, loc + scale] and 0 elsewhere.</summary>
                public static NDArray Pdf(NDArray x, NDArray? loc = null, NDArray? scale = null) => Jnp.Exp(Logpdf(x, loc, scale));

                /// <summary>(x − loc) / scale clamped to [0, 1].</summary>
                public static NDArray Cdf(NDArray x, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("uniform.cdf", x, loc, scale);
                    var z = (a[0] - a[1]) / a[2];
                    return Within(Jnp.GreaterEqual(z, 0), Jnp.Where(Jnp.Greater(z, 1), 1, z), a, fill: 0);
                }

                /// <summary>loc + scale q for q in [0, 1]; NaN outside.</summary>
                public static NDArray Ppf(NDArray q, NDArray? loc = null, NDArray? scale = null)
                {
                    var a = Arguments("uniform.ppf", q, loc, scale);
                    return Within(Jnp.GreaterEqual(a[0], 0) & Jnp.LessEqual(a[0], 1), a[1] + a[2] * a[0], a, fill: double.NaN);
                }
            }
        }
    }
}
