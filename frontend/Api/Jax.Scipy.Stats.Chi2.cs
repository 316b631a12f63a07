namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            /// <summary>scipy.stats.chi2: the chi-squared distribution with df degrees of freedom, which is the
            /// <see cref="Gamma"/> distribution of shape df/2 and scale 2·scale; each function is that one's.</summary>
            public static class Chi2
            {
                /// <summary>(df/2 − 1) log y − y/2 − log Γ(df/2) − (df/2) log 2 − log(scale), y = (x − loc) / scale,
                /// from loc on (0 log 0 = 0, so df = 2 gives −log 2 at loc), −inf below.</summary>
                public static NDArray Logpdf(NDArray x, NDArray df, NDArray? loc = null, NDArray? scale = null) =>
                    Gamma.Logpdf(x, Shape(df), loc, Scale(scale));

                /// <summary>The density.</summary>
                public static NDArray Pdf(NDArray x, NDArray df, NDArray? loc = null, NDArray? scale = null) => Jnp.Exp(Logpdf(x, df, loc, scale));

                /// <summary>The CDF, <see cref="Special.Gammainc"/>(df/2, y/2), 0 below loc.</summary>
                public static NDArray Cdf(NDArray x, NDArray df, NDArray? loc = null, NDArray? scale = null) =>
                    Gamma.Cdf(x, Shape(df), loc, Scale(scale));

                /// <summary>The survival function, <see cref="Special.Gammaincc"/>(df/2, y/2), 1 below loc.</summary>
                public static NDArray Sf(NDArray x, NDArray df, NDArray? loc = null, NDArray? scale = null) =>
                    Gamma.Sf(x, Shape(df), loc, Scale(scale));

                private static NDArray Shape(NDArray df) => Jnp.Divide(df, 2);

                private static NDArray Scale(NDArray? scale) => scale is null ? 2 : 2 * scale;
            }
        }
    }
}
