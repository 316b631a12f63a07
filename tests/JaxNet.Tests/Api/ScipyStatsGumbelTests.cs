using static JaxNet.Tests.Api.Expect;
using Stats = JaxNet.Jax.Scipy.Stats;

namespace JaxNet.Tests.Api;

/// <summary>
/// jax.scipy.stats.gumbel_r and gumbel_l against SciPy 1.10.1, computed with /usr/bin/python3:
/// <code>
/// x = [-3, -0.5, 0, 1.25, 4, 40]; q = [0, 1e-10, 0.1, 0.5, 0.9, 1]; loc = 0.5; scale = 1.5
/// gumbel_r.f(x, loc, scale) for f in logpdf, pdf, cdf, logcdf, sf, logsf; gumbel_r.ppf(q, ...), .isf(q, ...); same for gumbel_l
/// </code>
/// </summary>
public class ScipyStatsGumbelTests
{
    private static readonly NDArray X = D(-3, -0.5, 0, 1.25, 4, 40);
    private static readonly NDArray Q = D(0, 1e-10, 0.1, 0.5, 0.9, 1);
    private static readonly NDArray Loc = D(0.5);
    private static readonly NDArray Scale = D(1.5);

    [Fact]
    public void Gumbel_r_matches_scipy()
    {
        Check([-8.384390276100596, -1.6865324824961736, -1.4677441998609206, -1.5119957678207978, -2.835770409305903, -26.738798441445155],
            Stats.GumbelR.Logpdf(X, Loc, Scale));
        Check([2.2840498010658124e-04, 1.8516045925715655e-01, 2.3044473657166911e-01, 2.2046953259361204e-01, 5.8673305956284838e-02, 2.4405481714019928e-12],
            Stats.GumbelR.Pdf(X, Loc, Scale));
        Check([3.3223320586448193e-05, 1.4259682432584139e-01, 2.4768130366579458e-01, 5.4523921189260505e-01, 9.0758144722287892e-01, 9.9999999999633926e-01],
            Stats.GumbelR.Cdf(X, Loc, Scale));
        Check([-1.0312258501325767e+01, -1.9477340410546760e+00, -1.3956124250860895e+00, -6.0653065971263342e-01, -9.6971967864405040e-02, -3.6608222571163857e-12],
            Stats.GumbelR.Logcdf(X, Loc, Scale));
        Check([9.9996677667941358e-01, 8.5740317567415858e-01, 7.5231869633420545e-01, 4.5476078810739495e-01, 9.2418552777121035e-02, 3.6608222571096850e-12],
            Stats.GumbelR.Sf(X, Loc, Scale));
        Check([-3.3223872493156957e-05, -1.5384702098308714e-01, -2.8459524649267726e-01, -7.8798373870444860e-01, -2.3814275328584569e+00, -2.6333333333335162e+01],
            Stats.GumbelR.Logsf(X, Loc, Scale));
        Check([double.NegativeInfinity, -4.204926307363002, -0.7510486678719337, 1.0497693808724966, 3.875550990968668, double.PositiveInfinity],
            Stats.GumbelR.Ppf(Q, Loc, Scale));
        Check([double.PositiveInfinity, 35.038776394835686, 3.875550990968668, 1.0497693808724966, -0.7510486678719337, double.NegativeInfinity],
            Stats.GumbelR.Isf(Q, Loc, Scale));
    }

    [Fact]
    public void Gumbel_l_matches_scipy()
    {
        Check([-2.8357704093059031e+00, -1.5855488938074231e+00, -1.4553297520152870e+00, -1.5541863788082926e+00, -8.3843902761005964e+00, -2.7316267485020660e+11],
            Stats.GumbelL.Logpdf(X, Loc, Scale));
        Check([5.8673305956284838e-02, 2.0483532941045005e-01, 2.3332341234894818e-01, 2.1136128071862811e-01, 2.2840498010658124e-04, 0],
            Stats.GumbelL.Pdf(X, Loc, Scale));
        Check([0.09241855277712104, 0.4015528841449275, 0.5115564199934841, 0.807704354452035, 0.9999667766794136, 1], Stats.GumbelL.Cdf(X, Loc, Scale));
        Check([-2.381427532858457e+00, -9.124160378434452e-01, -6.702973966558221e-01, -2.135591853734342e-01, -3.322387249315696e-05, 0],
            Stats.GumbelL.Logcdf(X, Loc, Scale));
        Check([9.0758144722287892e-01, 5.9844711585507249e-01, 4.8844358000651594e-01, 1.9229564554796494e-01, 3.3223320586448193e-05, 0],
            Stats.GumbelL.Sf(X, Loc, Scale));
        Check([-9.6971967864405040e-02, -5.1341711903259202e-01, -7.1653131057378927e-01, -1.6487212707001282e+00, -1.0312258501325767e+01, -2.7316267487613449e+11],
            Stats.GumbelL.Logsf(X, Loc, Scale));
        Check([double.NegativeInfinity, -34.038776394835686, -2.875550990968668, -0.0497693808724966, 1.7510486678719337, double.PositiveInfinity],
            Stats.GumbelL.Ppf(Q, Loc, Scale));
        Check([double.PositiveInfinity, 5.204926307363002, 1.7510486678719337, -0.0497693808724966, -2.875550990968668, double.NegativeInfinity],
            Stats.GumbelL.Isf(Q, Loc, Scale));
    }

    [Fact]
    public void Defaults_nan_dtypes_and_transformations()
    {
        // loc 0 and scale 1 by default; gumbel_l(x) is gumbel_r(-x) mirrored.
        var x = D(-2, 0.3, 1.7);
        Values(Stats.GumbelR.Logpdf(-x).ToArray<double>(), Stats.GumbelL.Logpdf(x), DType.Float64, [3], 1e-15);
        Values(Stats.GumbelR.Sf(-x).ToArray<double>(), Stats.GumbelL.Cdf(x), DType.Float64, [3], 1e-15);
        // NaN arguments give NaN; q outside [0, 1] gives NaN; integers promote to float32.
        Values([double.NaN, double.NaN], Stats.GumbelR.Cdf(D(double.NaN, 1), D(0, double.NaN)), DType.Float64, [2]);
        Values([double.NaN, double.NaN], Stats.GumbelL.Ppf(D(-0.1, 1.5)), DType.Float64, [2]);
        Assert.Equal(DType.Float32, Stats.GumbelR.Pdf(Jnp.Array(new[] { 1, 2 })).DType);
        // d logpdf / dx = (exp(-z) - 1) / scale for gumbel_r.
        var grad = Jax.Grad((NDArray v) => Jnp.Sum(Stats.GumbelR.Logpdf(v, Loc, Scale)))(x);
        var z = (x - 0.5) / 1.5;
        Values(((Jnp.Exp(-z) - 1) / 1.5).ToArray<double>(), grad, DType.Float64, [3], 1e-15);
        Values(Stats.GumbelL.Logsf(x, Loc, Scale).ToArray<double>(), Jax.Jit((NDArray v) => Stats.GumbelL.Logsf(v, Loc, Scale))(x), DType.Float64, [3], 1e-15);
        Values(Stats.GumbelR.Ppf(Q).ToArray<double>(), Jax.Vmap((NDArray q) => Stats.GumbelR.Ppf(q))(Q), DType.Float64, [6], 1e-15);
    }

    private static void Check(double[] expected, NDArray actual) => Values(expected, actual, DType.Float64, [expected.Length], 1e-13);
}
