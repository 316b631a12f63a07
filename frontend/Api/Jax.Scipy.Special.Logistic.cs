using static JaxNet.SpecialSeries;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Special
        {
            /// <summary>scipy.special.expit: the logistic sigmoid 1 / (1 + exp(−x)) (lax.logistic).</summary>
            public static NDArray Expit(NDArray x) => Lax.Logistic(Promote("expit", x)[0]);

            /// <summary>scipy.special.logit: log(p / (1 − p)), the inverse of <see cref="Expit"/>: ∓inf at 0 and 1, NaN
            /// outside [0, 1]. Its derivative is JAX's 1 / (p (1 − p)).</summary>
            public static NDArray Logit(NDArray p) => LogitWithRule(Promote("logit", p)[0]);

            private static readonly Func<NDArray, NDArray> LogitWithRule = CustomJvp(p => Jnp.Log(p / (1 - p)),
                (p, t) => (LogitWithRule!(p), t / (p * (1 - p))));
        }
    }
}
