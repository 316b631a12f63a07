using static JaxNet.SpecialSeries;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Special
        {
            private const double Sqrt2 = 1.4142135623730951;
            private const double SqrtTwoPi = 2.5066282746310002;
            private const double LogSqrtTwoPi = 0.91893853320467274;

            /// <summary>
            /// scipy.special.ndtr: the standard normal CDF, ½ erfc(−x/√2), through erf near 0 and erfc in the tails, so
            /// that the lower tail keeps its relative accuracy (ndtr(−30) ≈ 4.9e−198).
            /// </summary>
            public static NDArray Ndtr(NDArray x) => NdtrOf(Promote("ndtr", x)[0]);

            /// <summary>
            /// scipy.special.ndtri: the inverse of <see cref="Ndtr"/> on [0, 1] (0 and 1 give ∓inf, values outside and
            /// NaN give NaN): Cephes' rational approximations, in the centre on p − ½ and in the tails on
            /// √(−2 log p), with p or 1 − p whichever is smaller. Its derivative is √(2π) exp(ndtri(p)²/2).
            /// </summary>
            public static NDArray Ndtri(NDArray p) => NdtriWithRule(Promote("ndtri", p)[0]);

            /// <summary>
            /// scipy.special.log_ndtr: log of <see cref="Ndtr"/>, finite far into the lower tail (log_ndtr(−1e5) ≈
            /// −5e9) where ndtr underflows: there it is −x²/2 − log 2 + log(exp(z²) erfc(z)), z = −x/√2, with the
            /// scaled erfc of <see cref="Erfc"/>; above 0 it is log1p(−ndtr(−x)). Its derivative, the ratio of the normal
            /// pdf to ndtr (JAX's rule), is taken with their common factor exp(−x²/2) cancelled, so it stays finite and
            /// accurate (≈ −x) in the lower tail.
            /// </summary>
            public static NDArray LogNdtr(NDArray x) => LogNdtrWithRule(Promote("log_ndtr", x)[0]);

            internal static NDArray NdtrOf(NDArray x)
            {
                var w = x / Sqrt2;
                var z = Jnp.Abs(w);
                var tail = Jnp.Where(Jnp.Greater(w, 0), 1 - 0.5 * Erfc(z), 0.5 * Erfc(z));
                return Jnp.Where(Jnp.Less(z, 1 / Sqrt2), 0.5 + 0.5 * Lax.Erf(w), tail);
            }

            // The derivative pdf(x) / ndtr(x): below -sqrt(2) both share the factor exp(-x^2/2), which cancels to
            // sqrt(2/pi) / (exp(z^2) erfc(z)), z = -x/sqrt(2), free of the cancellation of x^2/2 - log ndtr(x) (each
            // 5e5 at x = -1000).
            private static readonly Func<NDArray, NDArray> LogNdtrWithRule = CustomJvp(x => Widened(x, LogNdtrValue),
                (x, t) =>
                {
                    var y = LogNdtrWithRule!(x);
                    return (y, t * Widened(x, y, LogNdtrSlope));
                });

            private static NDArray LogNdtrSlope(NDArray x, NDArray logNdtr)
            {
                var z = -x / Sqrt2;
                var tail = Math.Sqrt(2 / Math.PI) / ErfcScaled(Jnp.Maximum(z, 1));
                return Jnp.Where(Jnp.Less(z, 1), Jnp.Exp(-0.5 * x * x - LogSqrtTwoPi - logNdtr), tail);
            }

            private static NDArray LogNdtrValue(NDArray x)
            {
                var z = -x / Sqrt2;
                var upper = Jnp.Log1p(-0.5 * ErfcValue(-z));
                var middle = Jnp.Log(0.5 * ErfcValue(z));
                var lower = -Math.Log(2) - z * z + Jnp.Log(ErfcScaled(Jnp.Maximum(z, 1)));
                return Jnp.Where(Jnp.Greater(x, 0), upper, Jnp.Where(Jnp.Less(z, 1), middle, lower));
            }

            private static readonly Func<NDArray, NDArray> NdtriWithRule = CustomJvp(p => Widened(p, NdtriValue),
                (p, t) =>
                {
                    var x = NdtriWithRule!(p);
                    return (x, t * (SqrtTwoPi * Jnp.Exp(0.5 * x * x)));
                });

            private static NDArray NdtriValue(NDArray p)
            {
                const double expMinus2 = 0.1353352832366127;
                // Both tails are the lower one's: 1 - p is exact for p >= 1/2, and ndtri(p) = -ndtri(1 - p).
                var flip = Jnp.Greater(p, 1 - expMinus2);
                var y = Jnp.Where(flip, 1 - p, p);
                var c = y - 0.5;
                var c2 = c * c;
                var centre = (c + c * (c2 * Horner(c2, NdtriP0) / HornerMonic(c2, NdtriQ0))) * SqrtTwoPi;
                // sqrt(-2 log y) of a clamped y: the centre's y would give nothing the selection keeps.
                var s = Jnp.Sqrt(-2 * Jnp.Log(Jnp.Clip(y, null, expMinus2)));
                var inverse = 1 / s;
                var correction = Jnp.Where(Jnp.Less(s, 8), inverse * Horner(inverse, NdtriP1) / HornerMonic(inverse, NdtriQ1),
                    inverse * Horner(inverse, NdtriP2) / HornerMonic(inverse, NdtriQ2));
                var lowerTail = correction - (s - Jnp.Log(s) / s);
                var tail = Jnp.Where(flip, -lowerTail, lowerTail);
                var x = Jnp.Where(Jnp.Greater(y, expMinus2), centre, tail);
                var ends = Jnp.Where(Jnp.Equal(p, 0), double.NegativeInfinity, double.PositiveInfinity);
                var result = Jnp.Where(Jnp.Equal(p, 0) | Jnp.Equal(p, 1), ends, x);
                return Jnp.Where(Jnp.Less(p, 0) | Jnp.Greater(p, 1) | Jnp.IsNan(p), double.NaN, result);
            }

            // Cephes ndtri.c: x = c + c c^2 P0(c^2)/Q0(c^2) scaled by sqrt(2 pi) for exp(-2) < y < 1 - exp(-2), c = y - 1/2;
            // in the tails s - log(s)/s - (1/s) P(1/s)/Q(1/s), s = sqrt(-2 log y), with P1/Q1 for s < 8, P2/Q2 beyond.
            private static readonly double[] NdtriP0 =
            [
                -5.99633501014107895267E1, 9.80010754185999661536E1, -5.66762857469070293439E1, 1.39312609387279679503E1,
                -1.23916583867381258016E0,
            ];

            private static readonly double[] NdtriQ0 =
            [
                1.95448858338141759834E0, 4.67627912898881538453E0, 8.63602421390890590575E1, -2.25462687854119370527E2,
                2.00260212380060660359E2, -8.20372256168333339912E1, 1.59056225126211695515E1, -1.18331621121330003142E0,
            ];

            private static readonly double[] NdtriP1 =
            [
                4.05544892305962419923E0, 3.15251094599893866154E1, 5.71628192246421288162E1, 4.40805073893200834700E1,
                1.46849561928858024014E1, 2.18663306850790267539E0, -1.40256079171354495875E-1, -3.50424626827848203418E-2,
                -8.57456785154685413611E-4,
            ];

            private static readonly double[] NdtriQ1 =
            [
                1.57799883256466749731E1, 4.53907635128879210584E1, 4.13172038254672030440E1, 1.50425385692907503408E1,
                2.50464946208309415979E0, -1.42182922854787788574E-1, -3.80806407691578277194E-2, -9.33259480895457427372E-4,
            ];

            private static readonly double[] NdtriP2 =
            [
                3.23774891776946035970E0, 6.91522889068984211695E0, 3.93881025292474443415E0, 1.33303460815807542389E0,
                2.01485389549179081538E-1, 1.23716634817820021358E-2, 3.01581553508235416007E-4, 2.65806974686737550832E-6,
                6.23974539184983293730E-9,
            ];

            private static readonly double[] NdtriQ2 =
            [
                6.02427039364742014255E0, 3.67983563856160859403E0, 1.37702099489081330271E0, 2.16236993594496635890E-1,
                1.34204006088543189037E-2, 3.28014464682127739104E-4, 2.89247864745380683936E-6, 6.79019408009981274425E-9,
            ];
        }
    }
}
