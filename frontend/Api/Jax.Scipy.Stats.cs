using static JaxNet.SpecialSeries;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Scipy
    {
        /// <summary>
        /// jax.scipy.stats: one nested class per distribution (<c>Jax.Scipy.Stats.Norm.Logpdf(x, loc, scale)</c>), with
        /// SciPy's parameters; loc and scale default to 0 and 1. Arguments broadcast, integers promote to the default
        /// float, and a NaN argument gives NaN. Values outside the support give −inf log densities (0 densities), as in
        /// SciPy and JAX. Everything is built from <see cref="Special"/> and jnp, so it differentiates, jits and vmaps.
        /// </summary>
        public static partial class Stats
        {
        }
    }
}

/// <summary>What the distributions of jax.scipy.stats share: their arguments promoted and broadcast, and the
/// treatment of points outside the support and of NaN arguments.</summary>
internal static class StatsSupport
{
    /// <summary>x, loc and scale (and any shape parameters) promoted to one inexact dtype and broadcast; null loc and
    /// scale mean 0 and 1.</summary>
    public static NDArray[] Arguments(string op, NDArray x, NDArray? loc, NDArray? scale, params NDArray[] shape) =>
        Promote(op, [x, loc ?? 0, scale ?? 1, .. shape]);

    /// <summary>
    /// The log pmf of a distribution on the integers shifted by loc: k, its parameter and loc (null: 0) promoted and
    /// broadcast, then <paramref name="logpmf"/>(n, parameter) at n = k − loc where <paramref name="inside"/>(n) holds,
    /// −inf elsewhere, NaN for NaN arguments.
    /// </summary>
    public static NDArray Lattice(string op, NDArray k, NDArray parameter, NDArray? loc, Func<NDArray, NDArray> inside,
        Func<NDArray, NDArray, NDArray> logpmf)
    {
        var v = Promote(op, k, parameter, loc ?? 0);
        var n = v[0] - v[2];
        return Within(inside(n), logpmf(n, v[1]), v);
    }

    /// <summary>k − loc and the parameters, promoted to one inexact dtype and broadcast together (null loc: 0);
    /// <c>All</c> holds every argument, for the NaN check of <see cref="Within"/>.</summary>
    public static (NDArray Shifted, NDArray[] Parameters, NDArray[] All) LatticeArguments(string op, NDArray k, NDArray? loc,
        params NDArray[] parameters)
    {
        var v = Promote(op, [k, loc ?? 0, .. parameters]);
        return (v[0] - v[1], v[2..], v);
    }

    /// <summary>log C(n, k) as −log(n + 1) − log B(n − k + 1, k + 1), which keeps its digits for large n where a
    /// difference of three log-gammas would not; exactly 0 at k = 0 and k = n, where the two logarithms would leave
    /// a rounding error.</summary>
    public static NDArray LogBinomialCoefficient(NDArray n, NDArray k) =>
        Jnp.Where(Jnp.Equal(k, 0) | Jnp.Equal(k, n), 0.0, -Jnp.Log1p(n) - Jax.Scipy.Special.Betaln(n - k + 1, k + 1));

    /// <summary>True where x is a whole number (the points a distribution on the integers can take).</summary>
    public static NDArray IsWhole(NDArray x) => Jnp.Equal(Jnp.Round(x), x);

    /// <summary><paramref name="value"/> where the distribution's parameters are <paramref name="valid"/>, NaN
    /// elsewhere (SciPy's answer for a parameter outside its domain).</summary>
    public static NDArray ValidOrNan(NDArray valid, NDArray value) => Jnp.Where(valid, value, double.NaN);

    /// <summary><paramref name="value"/>, and NaN wherever one of <paramref name="args"/> is NaN.</summary>
    public static NDArray NanWhereAnyNan(NDArray[] args, NDArray value) => Jnp.Where(AnyNan(args), double.NaN, value);

    /// <summary><paramref name="value"/> where <paramref name="inside"/> (the point is in the support),
    /// <paramref name="fill"/> (−inf by default) where not, and NaN wherever one of <paramref name="args"/> is NaN.</summary>
    public static NDArray Within(NDArray inside, NDArray value, NDArray[] args, double fill = double.NegativeInfinity) =>
        Jnp.Where(AnyNan(args), double.NaN, Jnp.Where(inside, value, fill));
}
