namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            public sealed partial class GaussianKde
            {
                /// <summary>Scott's rule, n_eff^(−1/(d+4)): the default bandwidth factor.</summary>
                public NDArray ScottsFactor() => Jnp.Power(Neff, -1.0 / (D + 4));

                /// <summary>Silverman's rule, (n_eff (d + 2) / 4)^(−1/(d+4)).</summary>
                public NDArray SilvermanFactor() => Jnp.Power(Neff * ((D + 2) / 4.0), -1.0 / (D + 4));

                /// <summary>
                /// set_bandwidth: this kde's data and weights with Scott's ("scott", the default for null) or Silverman's
                /// ("silverman") factor. A new kde is returned and this one is left as it was: JAX's kde is frozen (its
                /// set_bandwidth raises), SciPy's recomputes itself in place.
                /// </summary>
                /// <exception cref="ArgumentException">An unknown bandwidth name.</exception>
                public GaussianKde SetBandwidth(string? bwMethod = null) => new(Dataset, bwMethod, Weights);

                /// <summary>set_bandwidth with the factor <paramref name="bwMethod"/> itself; a new kde.</summary>
                public GaussianKde SetBandwidth(double bwMethod) => new(Dataset, bwMethod, Weights);

                /// <summary>set_bandwidth with the scalar array <paramref name="bwMethod"/> as the factor; a new kde.</summary>
                /// <exception cref="ArgumentException"><paramref name="bwMethod"/> is not a real scalar.</exception>
                public GaussianKde SetBandwidth(NDArray bwMethod) => new(Dataset, bwMethod, Weights);

                /// <summary>set_bandwidth with what <paramref name="bwMethod"/> returns for the new kde as the factor.</summary>
                /// <exception cref="ArgumentException">The callable returns something other than a real scalar.</exception>
                public GaussianKde SetBandwidth(Func<GaussianKde, NDArray> bwMethod) => new(Dataset, bwMethod, Weights);

                private static Func<GaussianKde, NDArray> NamedRule(string? name) => name switch
                {
                    null or "scott" => kde => kde.ScottsFactor(),
                    "silverman" => kde => kde.SilvermanFactor(),
                    _ => throw new ArgumentException($"gaussian_kde: bw_method should be 'scott', 'silverman', a scalar or a callable, got '{name}'", "bwMethod"),
                };

                private static Func<GaussianKde, NDArray> ConstantRule(double value) => kde => Jnp.Full([], value, kde.Dataset.DType);

                private static Func<GaussianKde, NDArray> GivenRule(NDArray value)
                {
                    ArgumentNullException.ThrowIfNull(value, "bwMethod");
                    return _ => value;
                }
            }
        }
    }
}
