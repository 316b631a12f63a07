using static JaxNet.SpecialSeries;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Special
        {
            /// <summary>
            /// scipy.special.poch: the rising factorial (z)ₘ = Γ(z + m) / Γ(z), 1 where m = 0. As in JAX's ratio of
            /// gammas it is NaN where z or z + m is a negative integer, inf where z + m = 0 and 0 where z = 0. The
            /// ratio is formed as the signs of the two gammas times exp(log Γ(z + m) − log Γ(z)), so that it stays
            /// finite where Γ(z) alone overflows
            /// (poch(200, 2) = 40,200). Its derivatives are those of that composition: (z)ₘ (ψ(z + m) − ψ(z)) in z
            /// and (z)ₘ ψ(z + m) in m.
            /// </summary>
            public static NDArray Poch(NDArray z, NDArray m) => Binary("poch", (x, n) =>
            {
                var ratio = Sign(x + n) * Sign(x) * Jnp.Exp(Lax.Lgamma(x + n) - Lax.Lgamma(x));
                return Jnp.Where(Jnp.Equal(n, 0), Jnp.OnesLike(ratio), ratio);
            }, z, m);
        }
    }
}
