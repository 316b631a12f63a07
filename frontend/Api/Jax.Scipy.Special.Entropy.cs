using static JaxNet.SpecialSeries;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Special
        {
            /// <summary>
            /// scipy.special.xlogy: x log(y), and 0 where x = 0 (even at y = 0), unless y is NaN. The derivative is
            /// JAX's rule, log(y) dx + x / y dy, so that x log(x)-style terms differentiate at x = 0 to log(y).
            /// </summary>
            public static NDArray Xlogy(NDArray x, NDArray y) => Binary("xlogy", XlogyWithRule, x, y);

            /// <summary>scipy.special.xlog1py: x log1p(y), and 0 where x = 0 (even at y = −1), unless y is NaN; JAX's
            /// derivative log1p(y) dx + x / (1 + y) dy.</summary>
            public static NDArray Xlog1py(NDArray x, NDArray y) => Binary("xlog1py", Xlog1pyWithRule, x, y);

            /// <summary>scipy.special.entr: −x log x for x &gt; 0, 0 at 0, −inf below 0. Its derivative is −(log x + 1).</summary>
            public static NDArray Entr(NDArray x)
            {
                var v = Promote("entr", x)[0];
                return Jnp.Where(Jnp.Less(v, 0), double.NegativeInfinity, -XlogxWithRule(v));
            }

            /// <summary>scipy.special.rel_entr: p log(p / q) where p, q &gt; 0; 0 where p = 0 and q ≥ 0; +inf
            /// elsewhere.</summary>
            public static NDArray RelEntr(NDArray p, NDArray q)
            {
                var a = Promote("rel_entr", p, q);
                var positive = Jnp.Greater(a[0], 0) & Jnp.Greater(a[1], 0);
                var zero = Jnp.Equal(a[0], 0) & Jnp.GreaterEqual(a[1], 0);
                // Safe arguments where the logarithm is not selected, so its gradient there is 0, not NaN.
                var (sp, sq) = (Jnp.Where(positive, a[0], 1), Jnp.Where(positive, a[1], 1));
                var value = XlogxWithRule(sp) - XlogyWithRule(sp, sq);
                var result = Jnp.Where(positive, value, Jnp.Where(zero, 0, double.PositiveInfinity));
                return Jnp.Where(AnyNan(a[0], a[1]), double.NaN, result);
            }

            /// <summary>scipy.special.kl_div: <see cref="RelEntr"/>(p, q) − p + q.</summary>
            public static NDArray KlDiv(NDArray p, NDArray q) => Binary("kl_div", (u, v) => RelEntr(u, v) - u + v, p, q);

            private static readonly Func<NDArray, NDArray, NDArray> XlogyWithRule = CustomJvp(
                (x, y) => Jnp.Where(Jnp.NotEqual(x, 0) | Jnp.IsNan(y), x * Jnp.Log(y), Jnp.ZerosLike(x * y)),
                (primals, tangents) =>
                {
                    var (x, y) = (primals[0], primals[1]);
                    return (XlogyWithRule!(x, y), tangents[0] * Jnp.Log(y) + tangents[1] * x / y);
                });

            private static readonly Func<NDArray, NDArray, NDArray> Xlog1pyWithRule = CustomJvp(
                (x, y) => Jnp.Where(Jnp.NotEqual(x, 0) | Jnp.IsNan(y), x * Jnp.Log1p(y), Jnp.ZerosLike(x * y)),
                (primals, tangents) =>
                {
                    var (x, y) = (primals[0], primals[1]);
                    return (Xlog1pyWithRule!(x, y), tangents[0] * Jnp.Log1p(y) + tangents[1] * x / (1 + y));
                });

            // x log x with the derivative log x + 1 (xlogy's rule would count the two roles of x separately: the same).
            private static readonly Func<NDArray, NDArray> XlogxWithRule = CustomJvp(x => XlogyWithRule(x, x),
                (x, t) => (XlogxWithRule!(x), t * (Jnp.Log(x) + 1)));
        }
    }
}
