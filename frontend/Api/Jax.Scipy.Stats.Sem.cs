namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            /// <summary>
            /// scipy.stats.sem: the standard error of the mean, std(a, ddof) / √n along <paramref name="axis"/> (null: all
            /// of a). nan_policy "propagate" (a NaN gives NaN) or "omit" (NaNs are left out of both the deviation and
            /// n); JAX has no "raise" under tracing, and neither has this.
            /// </summary>
            /// <exception cref="ArgumentException">nan_policy is neither "propagate" nor "omit".</exception>
            public static NDArray Sem(NDArray a, int? axis = 0, int ddof = 1, string nanPolicy = "propagate", bool keepdims = false)
            {
                var b = Jnp.PromoteInexact(a)[0];
                switch (nanPolicy)
                {
                    case "propagate":
                        long n = axis is int ax ? b.Shape[ax < 0 ? ax + b.Ndim : ax] : b.Size;
                        return Jnp.Std(b, axis, keepdims, ddof) / Math.Sqrt(n);
                    case "omit":
                        var count = Jnp.Sum(Jnp.LogicalNot(Jnp.IsNan(b)), axis, keepdims).Astype(b.DType);
                        return Jnp.Nanstd(b, axis, keepdims, ddof) / Jnp.Sqrt(count);
                    default:
                        throw new ArgumentException($"sem: nan_policy must be \"propagate\" or \"omit\", got \"{nanPolicy}\"");
                }
            }
        }
    }
}
