using static JaxNet.StatsSupport;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        public static partial class Stats
        {
            /// <summary>scipy.stats.truncnorm: the normal distribution restricted to a ≤ z ≤ b, z = (x − loc) / scale
            /// (a and b in standard units, as SciPy's). a must be below b and scale positive; other values give NaN.
            /// The normal mass between two points is taken in the tail where it is small (log Φ(b) and log Φ(a) for
            /// b ≤ 0, their mirror images for a ≥ 0), so intervals far in a tail, [5, 8] or [−40, −38], keep their
            /// digits where Φ(b) − Φ(a) would cancel to 0.</summary>
            public static class Truncnorm
            {
                private const double LogSqrtTwoPi = 0.91893853320467274;

                /// <summary>−z²/2 − log √(2π) − log(Φ(b) − Φ(a)) − log scale on [a, b], −inf outside.</summary>
                public static NDArray Logpdf(NDArray x, NDArray a, NDArray b, NDArray? loc = null, NDArray? scale = null)
                {
                    var (z, v) = Standard("truncnorm.logpdf", x, a, b, loc, scale);
                    var inside = Jnp.GreaterEqual(z, v[3]) & Jnp.LessEqual(z, v[4]);
                    var value = -0.5 * z * z - LogSqrtTwoPi - LogMass(v[3], v[4]) - Jnp.Log(v[2]);
                    return ValidOrNan(Valid(v), Within(inside, value, v));
                }

                /// <summary>The density.</summary>
                public static NDArray Pdf(NDArray x, NDArray a, NDArray b, NDArray? loc = null, NDArray? scale = null) =>
                    Jnp.Exp(Logpdf(x, a, b, loc, scale));

                /// <summary>The CDF (Φ(z) − Φ(a)) / (Φ(b) − Φ(a)): 0 below a, 1 above b.</summary>
                public static NDArray Cdf(NDArray x, NDArray a, NDArray b, NDArray? loc = null, NDArray? scale = null) =>
                    Jnp.Exp(Logcdf(x, a, b, loc, scale));

                /// <summary>log of the CDF.</summary>
                public static NDArray Logcdf(NDArray x, NDArray a, NDArray b, NDArray? loc = null, NDArray? scale = null)
                {
                    var (z, v) = Standard("truncnorm.logcdf", x, a, b, loc, scale);
                    var clipped = Jnp.Clip(z, v[3], v[4]);
                    var value = Jnp.Where(Jnp.Equal(clipped, v[3]), double.NegativeInfinity, LogMass(v[3], clipped) - LogMass(v[3], v[4]));
                    return ValidOrNan(Valid(v), NanWhereAnyNan(v, value));
                }

                /// <summary>The survival function (Φ(b) − Φ(z)) / (Φ(b) − Φ(a)): 1 below a, 0 above b.</summary>
                public static NDArray Sf(NDArray x, NDArray a, NDArray b, NDArray? loc = null, NDArray? scale = null) =>
                    Jnp.Exp(Logsf(x, a, b, loc, scale));

                /// <summary>log of the survival function.</summary>
                public static NDArray Logsf(NDArray x, NDArray a, NDArray b, NDArray? loc = null, NDArray? scale = null)
                {
                    var (z, v) = Standard("truncnorm.logsf", x, a, b, loc, scale);
                    var clipped = Jnp.Clip(z, v[3], v[4]);
                    var value = Jnp.Where(Jnp.Equal(clipped, v[4]), double.NegativeInfinity, LogMass(clipped, v[4]) - LogMass(v[3], v[4]));
                    return ValidOrNan(Valid(v), NanWhereAnyNan(v, value));
                }

                /// <summary>log(Φ(hi) − Φ(lo)) for lo ≤ hi: in the lower tail a difference of log Φ, in the upper tail the
                /// same of the mirror image, and across 0 log1p of minus the two small tails.</summary>
                private static NDArray LogMass(NDArray lo, NDArray hi)
                {
                    var lower = LogDifference(Special.LogNdtr(hi), Special.LogNdtr(lo));
                    var upper = LogDifference(Special.LogNdtr(-lo), Special.LogNdtr(-hi));
                    var across = Jnp.Log1p(-Special.Ndtr(lo) - Special.Ndtr(-hi));
                    return Jnp.Where(Jnp.LessEqual(hi, 0), lower, Jnp.Where(Jnp.GreaterEqual(lo, 0), upper, across));
                }

                /// <summary>log(e^p − e^q) for p ≥ q.</summary>
                private static NDArray LogDifference(NDArray p, NDArray q) => p + Nn.Log1mexp(p - q);

                private static (NDArray Z, NDArray[] V) Standard(string op, NDArray x, NDArray a, NDArray b, NDArray? loc, NDArray? scale)
                {
                    var v = Arguments(op, x, loc, scale, a, b);
                    return ((v[0] - v[1]) / v[2], v);
                }

                private static NDArray Valid(NDArray[] v) => Jnp.Less(v[3], v[4]) & Jnp.Greater(v[2], 0);
            }
        }
    }
}
