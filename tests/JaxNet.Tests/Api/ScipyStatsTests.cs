using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.ScipySpecialChecks;
using Stats = JaxNet.Jax.Scipy.Stats;

namespace JaxNet.Tests.Api;

/// <summary>
/// Jax.Scipy.Stats against scipy.stats: each distribution's functions at points inside and outside its support
/// (−inf log densities there), the tails, NaN arguments, broadcasting and defaults, gradients against finite
/// differences, Jit and Vmap, and the multivariate normal's batches and shape errors.
/// </summary>
public class ScipyStatsTests
{
    private const double Inf = double.PositiveInfinity;

    [Fact]
    public void Norm()
    {
        var x = D(-3, -0.5, 0, 1.2, 4);
        Relative([-3.143335713764618, -1.737085713764618, -1.643335713764618, -1.6733357137646179, -3.143335713764618], Stats.Norm.Logpdf(x, 0.5, 2), 1e-15);
        Relative([0.040059156863817086, 0.3085375387259869, 0.4012936743170763, 0.6368306511756191, 0.9599408431361829], Stats.Norm.Cdf(x, 0.5, 2), 1e-14);
        Relative(Stats.Norm.Logpdf(x, 0.5, 2).ToArray<double>().Select(Math.Exp).ToArray(), Stats.Norm.Pdf(x, 0.5, 2), 1e-15);
        Relative([-804.6084420137539, -6.60772622151035, -0.6931471805599453, -0.001350809964748193, -7.619853024160473e-24],
            Stats.Norm.Logcdf(D(-40, -3, 0, 3, 10)), 1e-13);
        var upper = D(-3, 0, 3, 10, 40);
        Relative([0.9986501019683699, 0.5, 0.0013498980316300933, 7.61985302416047e-24, 0.0], Stats.Norm.Sf(upper), 1e-13);
        Relative([-0.001350809964748193, -0.6931471805599453, -6.60772622151035, -53.23128515051248, -804.6084420137539], Stats.Norm.Logsf(upper), 1e-13);
        var q = D(1e-30, 0.05, 0.5, 0.9, 1);
        Relative([-33.39207406533084, -3.934560880854418, 1.0, 4.8446546966338015, Inf], Stats.Norm.Ppf(q, 1, 3), 1e-14);
        Relative([35.39207406533084, 5.934560880854418, 1.0, -2.844654696633801, -Inf], Stats.Norm.Isf(q, 1, 3), 1e-14);
        // Defaults loc = 0, scale = 1; integers promote to the default float; NaN propagates.
        Relative32([-0.9189385332046727, -1.4189385332046727], Stats.Norm.Logpdf(Jnp.Array(new[] { 0, 1 })));
        Relative([double.NaN, double.NaN], Stats.Norm.Cdf(D(double.NaN, 1), D(0, double.NaN)), 0);
        Assert.Throws<ShapeException>(() => Stats.Norm.Logpdf(D(1, 2, 3), D(1, 2)));
    }

    [Fact]
    public void LocationScaleFamilies()
    {
        var xu = D(-1, 0, 0.5, 2, 3, 3.5);
        var logThird = -1.0986122886681096;
        Relative([-Inf, logThird, logThird, logThird, logThird, -Inf], Stats.Uniform.Logpdf(xu, 0, 3), 1e-15);
        Relative([0, 1.0 / 3, 1.0 / 3, 1.0 / 3, 1.0 / 3, 0], Stats.Uniform.Pdf(xu, 0, 3), 1e-15);
        Relative([0.0, 0.0, 0.16666666666666666, 0.6666666666666666, 1.0, 1.0], Stats.Uniform.Cdf(xu, 0, 3), 1e-15);
        Relative([1.0, 1.5, 3.0, double.NaN], Stats.Uniform.Ppf(D(0, 0.25, 1, 1.5), 1, 2), 1e-15);
        Relative([double.NaN, double.NaN], Stats.Uniform.Logpdf(D(double.NaN, 1), D(0, double.NaN)), 0);

        var xe = D(-1, 0, 0.5, 2, 30);
        Relative([-Inf, -0.4054651081081644, -0.7387984414414976, -1.7387984414414976, -20.405465108108164], Stats.Expon.Logpdf(xe, 0, 1.5), 1e-15);
        Relative([0.0, 0.0, 0.28346868942621073, 0.7364028618842733, 0.9999999979388464], Stats.Expon.Cdf(xe, 0, 1.5), 1e-15);
        Relative([1.0, 1.0, 0.7165313105737893, 0.26359713811572677, 2.061153622438558e-09], Stats.Expon.Sf(xe, 0, 1.5), 1e-14);
        Relative([0.0, 1.5000000000007501e-12, 1.0397207708399179, Inf], Stats.Expon.Ppf(D(0, 1e-12, 0.5, 1), 0, 1.5), 1e-15);

        var xl = D(-800, -2, 0, 0.5, 3, 800);
        Relative([-401.6362943611199, -2.6362943611198904, -1.6362943611198906, -1.3862943611198906, -2.6362943611198904, -401.1362943611199],
            Stats.Laplace.Logpdf(xl, 0.5, 2), 1e-15);
        Relative([7.457677908177072e-175, 0.14325239843009505, 0.38940039153570244, 0.5, 0.8567476015699049, 1.0], Stats.Laplace.Cdf(xl, 0.5, 2), 1e-14);
        Relative([-400.94314718055995, -2.4470053432506913, -2.0950260203176327, -2.0794415416798357, -2.4470053432506913, -400.44314718055995],
            Stats.Logistic.Logpdf(xl, 0.5, 2), 1e-15);
        Relative([1.4915355816354141e-174, 0.22270013882530884, 0.43782349911420193, 0.5, 0.7772998611746911, 1.0], Stats.Logistic.Cdf(xl, 0.5, 2), 1e-14);
        Relative([1.0, 0.7772998611746911, 0.5621765008857981, 0.5, 0.22270013882530884, 2.459126439448395e-174], Stats.Logistic.Sf(xl, 0.5, 2), 1e-14);
        Relative([-Inf, -3.8944491546724382, 0.5, 9.690239700269178, Inf], Stats.Logistic.Ppf(D(0, 0.1, 0.5, 0.99, 1), 0.5, 2), 1e-14);
        Relative([-13.822062012338328, -2.778860410873872, -1.8985016882257804, -1.8378770664093453, -2.778860410873872, -13.819562027637723],
            Stats.Cauchy.Logpdf(xl, 0.5, 2), 1e-15);
        Relative([0.0007952760121644475, 0.21477671252272273, 0.4220208696226307, 0.5, 0.7852232874772773, 0.9992037292752696], Stats.Cauchy.Cdf(xl, 0.5, 2), 1e-13);
        Relative([-Inf, -5.655367074350505, 0.5, 64.14103190754815, Inf], Stats.Cauchy.Ppf(D(0, 0.1, 0.5, 0.99, 1), 0.5, 2), 1e-13);
    }

    [Fact]
    public void ShapeParameterFamilies()
    {
        var xg = D(-1, 0, 0.5, 2, 10);
        Relative([-Inf, -Inf, -2.671399744916582, -1.5919582032367454, -4.511134667918928], Stats.Gamma.Logpdf(xg, 2.5, 0, 1.5), 1e-14);
        Relative([0.0, -1.0], Stats.Gamma.Logpdf(D(0, 1), 1), 1e-15);
        Relative([0.0, 0.0, 0.015252120981490966, 0.2487882896338786, 0.9795525180541848], Stats.Gamma.Cdf(xg, 2.5, 0, 1.5), 1e-13);
        var xb = D(-0.1, 0, 0.25, 0.5, 0.9, 1, 1.2);
        Relative([-Inf, -Inf, 0.651340823022299, 0.33082523331183333, -3.1049828828712993, -Inf, -Inf], Stats.Beta.Logpdf(xb, 2, 3.5), 1e-14);
        Relative([0, 0, 0], Stats.Beta.Logpdf(D(0, 0.5, 1), 1, 1), 0);
        Relative([double.NaN, double.NaN], Stats.Beta.Logpdf(D(0.5, 0.5), D(-1, 2), D(2, 0)), 0);
        var xt = D(-30, -1, 0, 0.5, 4);
        Relative([-11.15812144376839, -2.017950824930545, -1.722444820293099, -1.682620771819447, -3.096990255519789], Stats.T.Logpdf(xt, 3.5, 0.5, 2), 1e-14);
        Relative([-7.9482351434577385, -1.8378770664093453, -1.1447298858494, -1.3678734371636097, -3.977943229905616], Stats.T.Logpdf(xt, 1), 1e-14);
        var xc = D(-1, 0, 0.5, 2, 10);
        Relative([-Inf, -Inf, -1.5155121234846454, -1.5723649429247, -4.76764598670765], Stats.Chi2.Logpdf(xc, 3), 1e-14);
        Relative([-0.6931471805599453, -1.1931471805599454], Stats.Chi2.Logpdf(D(0, 1), 2), 1e-15);
        Relative([0.0, 0.0, 0.04635782690374471, 0.27876662537223956, 0.916683694488798], Stats.Chi2.Cdf(xc, 3, 0, 1.5), 1e-13);
        Relative(Stats.Chi2.Logpdf(xc, 3).ToArray<double>().Select(Math.Exp).ToArray(), Stats.Chi2.Pdf(xc, 3), 1e-15);
        // Shape parameters broadcast against the points.
        Assert.Equal([2, 5], Stats.Gamma.Logpdf(xg, D(1, 2).Reshape(2, 1)).Shape);
    }

    [Fact]
    public void DiscreteDistributions()
    {
        var k = D(-1, 0, 1, 2.5, 3, 10);
        Relative([-Inf, -2.5, -1.583709268125845, -Inf, -1.5428872736055896, -8.441505254333965], Stats.Poisson.Logpmf(k, 2.5), 1e-14);
        Relative([0.0, 0.0820849986238988, 0.2872974951836458, 0.5438131158833297, 0.7575761331330662, 0.999938373089875], Stats.Poisson.Cdf(k, 2.5), 1e-13);
        Relative([Math.Exp(-2.5), 1], Stats.Poisson.Pmf(D(1, 0), 2.5, D(1, 0)).Astype(DType.Float64) * D(1, 1 / Math.Exp(-2.5)), 1e-15);
        var kb = D(-1, 0, 0.5, 1, 2);
        Relative([-Inf, -0.35667494393873245, -Inf, -1.2039728043259361, -Inf], Stats.Bernoulli.Logpmf(kb, 0.3), 1e-15);
        Relative([0, 0.7, 0, 0.3, 0], Stats.Bernoulli.Pmf(kb, 0.3), 1e-15);
        Relative([0.0, 0.7, 0.7, 1.0, 1.0], Stats.Bernoulli.Cdf(kb, 0.3), 1e-15);
        Relative([double.NaN, double.NaN], Stats.Poisson.Logpmf(D(double.NaN, 1), D(1, double.NaN)), 0);
        Relative([double.NaN], Stats.Bernoulli.Cdf(D(1), D(1.5)), 0);
    }

    [Fact]
    public void MultivariateNormal()
    {
        var mean = D(1, -1, 0.5);
        var cov = Shaped([2, 0.3, 0.1, 0.3, 1.5, -0.2, 0.1, -0.2, 1], 3, 3);
        var x = Shaped([0, 0, 0, 1, -1, 0.5, 2, 1, -1, -3, 0.5, 2], 4, 3);
        double[] expected = [-4.0173444674213625, -3.2721607357053437, -5.544279893750295, -10.885432230532317];
        Relative(expected, Stats.MultivariateNormal.Logpdf(x, mean, cov), 1e-14);
        Relative([expected[2]], Stats.MultivariateNormal.Logpdf(x[2], mean, cov).Reshape(1), 1e-14);
        Relative(expected.Select(Math.Exp).ToArray(), Stats.MultivariateNormal.Pdf(x, mean, cov), 1e-14);
        // A batch of covariances, each with its own mean; a scalar covariance (times the identity); a scalar mean (univariate).
        var covs = Jnp.Stack([Shaped([1, 0.5, 0.5, 2], 2, 2), Shaped([3, -1, -1, 1], 2, 2)]);
        Relative([-2.4033992460913423, -4.746950656689316], Stats.MultivariateNormal.Logpdf(D(0.5, 1), Shaped([0, 0, 1, -1], 2, 2), covs), 1e-14);
        Relative([-2.5935242469692907, -4.531024246969292], Stats.MultivariateNormal.Logpdf(Shaped([0.5, 1, 2, -1], 2, 2), D(0, 1), 2.0), 1e-14);
        Relative([-1.3280121234846454, -1.5155121234846454], Stats.MultivariateNormal.Logpdf(D(0.5, 2), D(1)[0], D(2)[0]), 1e-14);
        // A covariance that is not positive definite gives NaN, as in JAX.
        Relative([double.NaN], Stats.MultivariateNormal.Logpdf(D(0, 0), D(0, 0), Shaped([1, 2, 2, 1], 2, 2)).Reshape(1), 0);
        Assert.Throws<ShapeException>(() => Stats.MultivariateNormal.Logpdf(x, mean, Shaped([1, 0, 0, 1, 0, 0], 2, 3)));
        Assert.Throws<ShapeException>(() => Stats.MultivariateNormal.Logpdf(x, mean, Jnp.Eye(2, dtype: DType.Float64)));
        Assert.Throws<ShapeException>(() => Stats.MultivariateNormal.Logpdf(x, D(1, 2), Jnp.Eye(2, dtype: DType.Float64)));
        Assert.Throws<ShapeException>(() => Stats.MultivariateNormal.Logpdf(x, mean, D(1, 2, 3)));
    }

    [Fact]
    public void GradientsAgreeWithFiniteDifferences()
    {
        var x = D(-1.3, -0.2, 0.4, 2.1);
        GradCheck.Check((u, s) => Stats.Norm.Logpdf(x, u, s), D(0.5, -1, 0, 2), D(1, 2, 0.5, 3));
        GradCheck.Check((u, a) => Stats.Gamma.Logpdf(u, a), D(0.5, 1, 2.5, 4), D(1.5, 2, 0.7, 9));
        GradCheck.Check((u, b) => Stats.Beta.Logpdf(u, 2.5, b), D(0.1, 0.3, 0.5, 0.8), D(1.5, 2, 0.7, 9));
        GradCheck.Check((u, df) => Stats.T.Logpdf(u, df), x, D(1.5, 2, 3.5, 9));
        GradCheck.Check(u => Stats.Norm.Logcdf(u), D(-20, -2, 0.5, 3));
        GradCheck.Check(u => Stats.Logistic.Logpdf(u, 0.3, 1.5), x);
        GradCheck.Check(u => Stats.Poisson.Logpmf(D(0, 1, 3, 7), u), D(0.5, 1, 2.5, 4));
        var cov = Shaped([2, 0.3, 0.3, 1.5], 2, 2);
        GradCheck.Check((u, c) => Stats.MultivariateNormal.Logpdf(Shaped([0.5, -1, 2, 0.3], 2, 2), u, c), D(0.2, -0.4), cov, order: 1);
        // d/dx of the normal logpdf is -(x - loc) / scale^2.
        Relative([0.25 * 1.8, 0.25 * 0.7, -0.25 * 0.9], Jax.Vmap(Jax.Grad((NDArray u) => Stats.Norm.Logpdf(u, 0.5, 2)))(D(-1.3, -0.2, 1.4)), 1e-15);
    }

    [Fact]
    public void JitAndVmapAgreeWithEagerValues()
    {
        var batch = Shaped([-3, -0.5, 0.25, 0.8, 1.5, 7], 2, 3);
        Expect.JitAndVmapAgree(u => Stats.Norm.Logcdf(u, 0.5, 2), batch);
        Expect.JitAndVmapAgree(u => Stats.Gamma.Logpdf(Jnp.Abs(u), 2.5), batch);
        Expect.JitAndVmapAgree(u => Stats.Beta.Logpdf(Jnp.Abs(u) / 8, 2, 3), batch);
        Expect.JitAndVmapAgree(u => Stats.Chi2.Cdf(Jnp.Abs(u), 3), batch);
        Expect.JitAndVmapAgree(u => Stats.Uniform.Cdf(u, -1, 3), batch);
        var cov = Shaped([2, 0.3, 0.1, 0.3, 1.5, -0.2, 0.1, -0.2, 1], 3, 3);
        Expect.JitAndVmapAgree(u => Stats.MultivariateNormal.Logpdf(u, D(1, -1, 0.5), cov), batch);
    }
}
