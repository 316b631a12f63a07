using static JaxNet.SpecialSeries;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        /// <summary>
        /// jax.scipy.special: SciPy's special functions, elementwise with NumPy broadcasting. Integer and bool inputs
        /// promote to the default float; each is built from lax primitives, so it runs eagerly, under Jit, Vmap and
        /// Grad on every backend, and is differentiable where JAX's is.
        /// </summary>
        public static partial class Special
        {
            private const double TwoOverSqrtPi = 1.1283791670955126;
            private const double OneOverSqrtPi = 0.56418958354775629;

            /// <summary>scipy.special.erf: 2/√π ∫₀ˣ exp(−t²) dt (lax.erf).</summary>
            public static NDArray Erf(NDArray x) => Lax.Erf(Promote("erf", x)[0]);

            /// <summary>
            /// scipy.special.erfc: 1 − erf(x), accurate relative to its own size in the upper tail (where 1 − erf(x)
            /// would cancel): Cephes' rational approximations of exp(x²) erfc(x) for |x| ≥ 1, times exp(−x²) taken
            /// in two parts so that x² is not rounded. Its derivative is −2/√π exp(−x²).
            /// </summary>
            public static NDArray Erfc(NDArray x) => ErfcWithRule(Promote("erfc", x)[0]);

            /// <summary>scipy.special.erfinv: the inverse of erf on [−1, 1] (lax.erf_inv); ±1 give ±inf and values
            /// outside NaN. Its derivative is √π/2 exp(erfinv(x)²).</summary>
            public static NDArray Erfinv(NDArray x) => Lax.ErfInv(Promote("erfinv", x)[0]);

            private static readonly Func<NDArray, NDArray> ErfcWithRule = CustomJvp(x => Widened(x, ErfcValue),
                (x, t) => (ErfcWithRule!(x), t * (Jnp.Exp(-(x * x)) * -TwoOverSqrtPi)));

            private static NDArray ErfcValue(NDArray x)
            {
                var z = Jnp.Abs(x);
                var upper = ExpMinusSquare(z) * ErfcScaled(z);
                var tail = Jnp.Where(Jnp.Less(x, 0), 2 - upper, upper);
                return Jnp.Where(Jnp.Less(z, 1), 1 - Lax.Erf(x), tail);
            }

            /// <summary>exp(z²) erfc(z) for z ≥ 1 (what z &lt; 1 gives is not used): Cephes' P/Q below 8, R/S up to
            /// 10⁴ and the asymptote 1/(√π z) beyond, where the polynomials would overflow. Each branch reads clamped
            /// arguments, so none makes an infinity or NaN that the selection would hide.</summary>
            internal static NDArray ErfcScaled(NDArray z)
            {
                var near = Jnp.Clip(z, 1, 8);
                var far = Jnp.Clip(z, 8, 1e4);
                var rational = Jnp.Where(Jnp.Less(z, 8), Horner(near, ErfcP) / HornerMonic(near, ErfcQ),
                    Horner(far, ErfcR) / HornerMonic(far, ErfcS));
                return Jnp.Where(Jnp.Greater(z, 1e4), OneOverSqrtPi / z, rational);
            }

            // exp(-z^2) with z = m + r, m a multiple of 1/16 whose square is exact: exp(-m^2) exp(-r (z + m)), so the
            // rounding of z^2 (relative error eps z^2 in the result) never happens (Cephes' expx2). Beyond 40 the result
            // is 0 in every dtype; the clamp keeps z = inf from making inf - inf.
            private static NDArray ExpMinusSquare(NDArray z)
            {
                z = Jnp.Minimum(z, 40);
                var m = Jnp.Floor(z * 16 + 0.5) / 16;
                return Jnp.Exp(-(m * m)) * Jnp.Exp(-((z - m) * (z + m)));
            }

            // Cephes ndtr.c: erfc(x) = exp(-x^2) P(x)/Q(x) for 1 <= x < 8, exp(-x^2) R(x)/S(x) for x >= 8 (Q and S
            // have a leading coefficient of 1).
            private static readonly double[] ErfcP =
            [
                2.46196981473530512524E-10, 5.64189564831068821977E-1, 7.46321056442269912687E0, 4.86371970985681366614E1,
                1.96520832956077098242E2, 5.26445194995477358631E2, 9.34528527171957607540E2, 1.02755188689515710272E3,
                5.57535335369399327526E2,
            ];

            private static readonly double[] ErfcQ =
            [
                1.32281951154744992508E1, 8.67072140885989742329E1, 3.54937778887819891062E2, 9.75708501743205489753E2,
                1.82390916687909736289E3, 2.24633760818710981792E3, 1.65666309194161350182E3, 5.57535340817727675546E2,
            ];

            private static readonly double[] ErfcR =
            [
                5.64189583547755073984E-1, 1.27536670759978104416E0, 5.01905042251180477414E0, 6.16021097993053585195E0,
                7.40974269950448939160E0, 2.97886665372100240670E0,
            ];

            private static readonly double[] ErfcS =
            [
                2.26052863220117276590E0, 9.39603524938001434673E0, 1.20489539808096656605E1, 1.70814450747565897222E1,
                9.60896809063285878198E0, 3.36907645100081516050E0,
            ];
        }
    }
}
