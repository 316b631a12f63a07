using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.ScipySpecialChecks;
using Stats = JaxNet.Jax.Scipy.Stats;

namespace JaxNet.Tests.Api;

/// <summary>
/// jax.scipy.stats' wrapcauchy, dirichlet and sem, and the cdf family of beta and the log tails of gamma, against
/// values from mpmath at 40 digits: the support's edges, parameters outside their domains, NaN, broadcasting, shape
/// errors, gradients against finite differences, Jit and Vmap.
/// </summary>
public class ScipyStatsAdditionsTests
{
    private const double Inf = double.PositiveInfinity;
    private const double NaN = double.NaN;

    [Fact]
    public void Wrapcauchy()
    {
        Relative([-1.218837858003122, -1.3585118867815649, -2.4533569882768793, -1.2230630860522926],
            Stats.Wrapcauchy.Logpdf(D(0, 0.5, 3, 6.2), 0.3), 1e-14);
        // Outside [0, 2π] is −inf; c outside (0, 1) is NaN, wherever x is; NaN x is NaN.
        Relative([-Inf, -Inf, NaN, NaN, NaN, NaN], Stats.Wrapcauchy.Logpdf(D(-0.1, 6.3, 1, 7, 1, NaN), D(0.3, 0.3, 0, 1, -0.5, 0.3)), 0);
        Relative([0, 0.5 / Math.PI * 0.91 / (1.09 - 0.6 * Math.Cos(1))], Stats.Wrapcauchy.Pdf(D(-1, 1), 0.3), 1e-14);
        Assert.Equal([2, 3], Stats.Wrapcauchy.Logpdf(D(0, 1, 2), D(0.2, 0.4).Reshape(2, 1)).Shape);
        Assert.Throws<ShapeException>(() => Stats.Wrapcauchy.Logpdf(D(1, 2, 3), D(0.1, 0.2)));
        // The density integrates to 1 over one period.
        var grid = Jnp.Linspace(0, 2 * Math.PI, 256, endpoint: false, dtype: DType.Float64);
        var total = (Jnp.Sum(Stats.Wrapcauchy.Pdf(grid, 0.6)) * (2 * Math.PI / 256)).ToArray<double>()[0];
        Assert.True(Math.Abs(total - 1) < 1e-12, $"integral {total}");
    }

    [Fact]
    public void BetaTails()
    {
        var x = D(-2, -0.5, 0, 0.9, 2);
        var cdf = new[] { 0.0, 0.3149603739595749, 0.7569320439671243, 0.9998791125749664, 1.0 };
        var sf = new[] { 1.0, 0.6850396260404251, 0.2430679560328757, 0.00012088742503358238, 0.0 };
        Relative(cdf, Stats.Beta.Cdf(x, 2, 3.5, -1, 2), 1e-13);
        Relative(sf, Stats.Beta.Sf(x, 2, 3.5, -1, 2), 1e-12);
        Relative(cdf.Select(p => Math.Log(p)).ToArray(), Stats.Beta.Logcdf(x, 2, 3.5, -1, 2), 1e-13);
        Relative(sf.Select(p => Math.Log(p)).ToArray(), Stats.Beta.Logsf(x, 2, 3.5, -1, 2), 1e-12);
        // The survival function keeps its digits in the upper tail, where 1 − cdf would be all rounding.
        Relative([1.4219181498947118e-10], Stats.Beta.Sf(D(0.999), 2, 3.5), 1e-9);
        Relative([NaN, NaN], Stats.Beta.Cdf(D(NaN, 0.5), D(2, NaN), 3), 0);
        Assert.Throws<ShapeException>(() => Stats.Beta.Cdf(D(0.1, 0.2, 0.3), D(1, 2), 2));
    }

    [Fact]
    public void GammaLogTails()
    {
        var x = D(0, 0.5, 2, 30);
        Relative([-Inf, -3.2851698392439914, -0.7972106518608857], Stats.Gamma.Logcdf(D(0, 0.5, 2), 2.5), 1e-12);
        // log of a cdf next to 1, as JAX takes it: only the digits of 1 − Q survive (Q = 1.2e-11 here).
        Relative([-1.2154569777256906e-11], Stats.Gamma.Logcdf(D(30), 2.5), 1e-4);
        Relative([0, -0.03815287931363813, -0.5988994716092456, -25.13331590350649], Stats.Gamma.Logsf(x, 2.5), 1e-13);
        Relative([-Inf, -Inf], Stats.Gamma.Logcdf(D(-1, 3), 2, 5), 0);
        Relative([NaN], Stats.Gamma.Logsf(D(NaN), 2), 0);
    }

    [Fact]
    public void Dirichlet()
    {
        var alpha = D(1.5, 2, 0.7);
        var points = Shaped([0.2, 0.6, 0.5, 0.1, 0.3, 0.3], 3, 2);
        Relative([0.7717963325849538, -0.2883354355150917], Stats.Dirichlet.Logpdf(points, alpha), 1e-14);
        // K − 1 coordinates: the last is 1 minus their sum.
        Relative([0.7717963325849538], Stats.Dirichlet.Logpdf(D(0.2, 0.5), alpha), 1e-14);
        Relative([Math.Exp(0.7717963325849538)], Stats.Dirichlet.Pdf(D(0.2, 0.5, 0.3), alpha), 1e-14);
        // Off the simplex (a coordinate ≤ 0, or a sum off 1 by more than 1e-6) is −inf.
        var off = Shaped([0.2, 0, 0.5, 0.5, 0.3 + 1e-5, 0.5], 3, 2);
        Relative([-Inf, -Inf], Stats.Dirichlet.Logpdf(off, alpha), 0);
        Relative([-Inf], Stats.Dirichlet.Logpdf(D(0.7, 0.5), alpha), 0);
        Assert.Throws<ShapeException>(() => Stats.Dirichlet.Logpdf(D(0.2, 0.8), Shaped([1, 2, 3, 4], 2, 2)));
        Assert.Throws<ShapeException>(() => Stats.Dirichlet.Logpdf(D(0.1, 0.1, 0.1, 0.7, 0), alpha));
        Assert.Throws<ShapeException>(() => Stats.Dirichlet.Logpdf(Jnp.Array(0.5), alpha));
    }

    [Fact]
    public void Sem()
    {
        Relative([1.3228756555322954], Stats.Sem(D(1, 2, 4, 7)), 1e-15);
        var table = Shaped([1, 5, 2, 5, 4, 5, 7, 5], 4, 2);
        Relative([1.3228756555322954, 0], Stats.Sem(table), 1e-15);
        Assert.Equal([1, 2], Stats.Sem(table, keepdims: true).Shape);
        Relative([1.3228756555322954 * Math.Sqrt(1.5), 0], Stats.Sem(table, ddof: 2), 1e-15);
        Relative([NaN], Stats.Sem(D(1, NaN, 4)), 0);
        // "omit" leaves NaNs out of the deviation and the count: sem of (1, 2, 4, 7) again.
        Relative([1.3228756555322954], Stats.Sem(D(1, NaN, 2, 4, 7), nanPolicy: "omit"), 1e-15);
        Assert.Throws<ArgumentException>(() => Stats.Sem(D(1, 2), nanPolicy: "raise"));
    }

    [Fact]
    public void GradientsAgreeWithFiniteDifferences()
    {
        GradCheck.Check((u, c) => Stats.Wrapcauchy.Logpdf(u, c), D(0.5, 1, 3, 5), D(0.1, 0.3, 0.6, 0.9));
        GradCheck.Check(u => Stats.Dirichlet.Logpdf(u, D(1.5, 2, 0.7)), D(0.2, 0.5));
        GradCheck.Check(u => Stats.Beta.Logcdf(u, 2, 3.5), D(0.1, 0.4, 0.8), order: 1);
        GradCheck.Check(u => Stats.Gamma.Logsf(u, 2.5), D(0.5, 2, 6), order: 1);
        GradCheck.Check(u => Stats.Sem(u), D(1, 2, 4, 7));
    }

    [Fact]
    public void JitAndVmapAgreeWithEagerValues()
    {
        var batch = Shaped([0.05, 0.3, 0.5, 0.7, 0.9, 0.95], 2, 3);
        Expect.JitAndVmapAgree(u => Stats.Wrapcauchy.Pdf(u, 0.4), batch);
        Expect.JitAndVmapAgree(u => Stats.Beta.Sf(u, 2, 3), batch);
        Expect.JitAndVmapAgree(u => Stats.Gamma.Logcdf(u, 1.5), batch);
        Expect.JitAndVmapAgree(u => Stats.Dirichlet.Logpdf(u, D(1.5, 2, 0.7, 3)), Shaped([0.05, 0.3, 0.5, 0.2, 0.1, 0.3], 2, 3));
    }
}
