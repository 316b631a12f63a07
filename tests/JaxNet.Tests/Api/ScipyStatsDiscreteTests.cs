using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.ScipySpecialChecks;
using Stats = JaxNet.Jax.Scipy.Stats;

namespace JaxNet.Tests.Api;

/// <summary>
/// jax.scipy.stats' binom, nbinom, geom and betabinom against tests/oracle/scipy_stats_oracle.py (mpmath at 50 digits
/// from the definitions): points inside and outside the support, tails, parameters outside their domains (NaN),
/// NaN arguments, broadcasting errors, empty arrays, float32, gradients against finite differences, Jit and Vmap.
/// </summary>
public class ScipyStatsDiscreteTests
{
    private const double Inf = double.PositiveInfinity;
    private const double NaN = double.NaN;

    [Fact]
    public void Binom()
    {
        var k = D(-1, 0, 1, 2.5, 3, 7, 10, 11);
        Relative([-Inf, -3.5667494393873236, -2.1114622067804816, -Inf, -1.3211512777668886, -4.710342719315703, -12.03972804325936, -Inf],
            Stats.Binom.Logpmf(k, 10, 0.3), 1e-14);
        Relative([0.0, 0.0282475249, 0.1493083459, 0.3827827864, 0.6496107184, 0.9984096136, 1.0, 1.0], Stats.Binom.Cdf(k, 10, 0.3), 1e-13);
        Relative([1.0, 0.9717524751, 0.8506916541, 0.6172172136, 0.3503892816, 0.0015903864, 0.0, 0.0], Stats.Binom.Sf(k, 10, 0.3), 1e-13);
        // Large n keeps its digits; the upper tail is not 1 − cdf.
        Relative([-512.9329438755053, -4.000763040462928, -29957.32273553991], Stats.Binom.Logpmf(D(0, 500, 10000), 10000, 0.05), 1e-13);
        Relative([7.427818096436505e-163, 2.503319603882797e-280], Stats.Binom.Sf(D(900, 990), 1000, 0.5), 1e-10);
        // p at the ends: all the mass at 0 or at n; loc shifts the support.
        Relative([0, -Inf, -Inf, 0], Stats.Binom.Logpmf(D(0, 3, 0, 3), 3, D(0, 0, 1, 1)), 0);
        Relative([-3.5667494393873236], Stats.Binom.Logpmf(D(5), 10, 0.3, D(5)), 1e-14);
        // Parameters outside the domain (n negative or fractional, p outside [0, 1]) give NaN, as do NaN arguments.
        Relative([NaN, NaN, NaN, NaN], Stats.Binom.Logpmf(D(1, 1, 1, 1), D(-2, 2.5, 3, 3), D(0.5, 0.5, -0.1, 1.5)), 0);
        Relative([NaN, NaN, NaN], Stats.Binom.Cdf(D(NaN, 1, 1), D(3, NaN, 3), D(0.5, 0.5, NaN)), 0);
        Relative([NaN, NaN], Stats.Binom.Sf(D(1, 1), D(-1, 3), D(0.5, 2)), 0);
    }

    [Fact]
    public void Nbinom()
    {
        var k = D(-1, 0, 1, 2.5, 3, 10);
        Relative([-Inf, -2.2907268296853878, -1.8852617215772234, -Inf, -1.9418320730656176, -4.053730998957283],
            Stats.Nbinom.Logpmf(k, 2.5, 0.4), 1e-14);
        Relative([0.0, 0.10119288512538814, 0.25298221281347033, 0.41236100688595667, 0.5558019215511943, 0.9645608619098024],
            Stats.Nbinom.Cdf(k, 2.5, 0.4), 1e-12);
        // p = 1: no failures; n ≤ 0 or p outside (0, 1] is NaN.
        Relative([0, -Inf], Stats.Nbinom.Logpmf(D(0, 2), 2, 1), 0);
        Relative([NaN, NaN, NaN], Stats.Nbinom.Logpmf(D(1, 1, 1), D(0, 2, 2), D(0.5, 0, 1.5)), 0);
        Relative([NaN, NaN], Stats.Nbinom.Cdf(D(NaN, 1), D(2, -1), D(0.5, 0.5)), 0);
    }

    [Fact]
    public void Geom()
    {
        var k = D(0, 1, 2, 3.5, 4, 50);
        Relative([-Inf, -1.3862943611198906, -1.6739764335716716, -Inf, -2.2493405784752336, -15.482715911257156], Stats.Geom.Logpmf(k, 0.25), 1e-14);
        Relative([0.0, 0.25, 0.4375, 0.578125, 0.68359375, 0.9999994336783435], Stats.Geom.Cdf(k, 0.25), 1e-14);
        Relative([1.0, 0.75, 0.5625, 0.421875, 0.31640625, 5.663216564269376e-07], Stats.Geom.Sf(k, 0.25), 1e-13);
        Relative([1e-10, 2.9999999997e-10], Stats.Geom.Cdf(D(1, 3), 1e-10), 1e-14);
        Relative([0, -Inf], Stats.Geom.Logpmf(D(1, 2), 1), 0);
        Relative([NaN, NaN, NaN], Stats.Geom.Logpmf(D(1, 1, NaN), D(0, 1.5, 0.5)), 0);
        Relative([NaN, NaN], Stats.Geom.Sf(D(1, NaN), D(-0.5, 0.5)), 0);
    }

    [Fact]
    public void Betabinom()
    {
        var k = D(-1, 0, 1, 2.5, 3, 6, 7);
        Relative([-Inf, -3.3549215364594365, -2.5186735122588177, -Inf, -1.766685831675939, -1.745483624025336, -Inf],
            Stats.Betabinom.Logpmf(k, 6, 2.5, 1.5), 1e-13);
        // The pmf sums to 1 over the support.
        var total = Jnp.Sum(Stats.Betabinom.Pmf(D(0, 1, 2, 3, 4, 5, 6), 6, 2.5, 1.5)).ToArray<double>()[0];
        Assert.True(Math.Abs(total - 1) < 1e-14, $"sum {total}");
        Relative([NaN, NaN, NaN, NaN], Stats.Betabinom.Logpmf(D(1, 1, 1, NaN), D(2.5, 3, 3, 3), D(1, 0, 1, 1), D(1, 1, -1, 1)), 0);
    }

    [Fact]
    public void BadInputs()
    {
        Assert.Throws<ShapeException>(() => Stats.Binom.Logpmf(D(1, 2, 3), D(3, 4), 0.5));
        Assert.Throws<ShapeException>(() => Stats.Nbinom.Cdf(D(1, 2, 3), 2, D(0.1, 0.2)));
        Assert.Throws<ShapeException>(() => Stats.Geom.Sf(D(1, 2, 3), D(0.1, 0.2)));
        Assert.Throws<ShapeException>(() => Stats.Betabinom.Logpmf(D(1, 2), 3, D(1, 2, 3), 1));
        // Empty arrays give empty results; integer counts promote to the default float.
        Assert.Equal([0], Stats.Binom.Cdf(D(), 3, 0.5).Shape);
        Assert.Equal([0], Stats.Geom.Logpmf(D(), 0.5).Shape);
        Relative32([-1.3862943611198906, -1.6739764335716716], Stats.Geom.Logpmf(Jnp.Array(new[] { 1, 2 }), 0.25f));
        Relative32([0.0282475249, 0.1493083459], Stats.Binom.Cdf(Jnp.Array(new[] { 0, 1 }), 10, 0.3f), 1e-5);
        // Parameters broadcast against the points.
        Assert.Equal([2, 3], Stats.Binom.Logpmf(D(0, 1, 2), D(3, 4).Reshape(2, 1), 0.5).Shape);
    }

    [Fact]
    public void GradientsAgreeWithFiniteDifferences()
    {
        var k = D(0, 1, 3, 7);
        GradCheck.Check(p => Stats.Binom.Logpmf(k, 10, p), D(0.2, 0.4, 0.5, 0.7));
        GradCheck.Check((n, p) => Stats.Nbinom.Logpmf(k, n, p), D(0.5, 1.5, 2.5, 4), D(0.2, 0.4, 0.5, 0.7));
        GradCheck.Check(p => Stats.Geom.Logpmf(D(1, 2, 4, 9), p), D(0.2, 0.4, 0.5, 0.7));
        GradCheck.Check((a, b) => Stats.Betabinom.Logpmf(k, 8, a, b), D(0.5, 1.5, 2.5, 4), D(1.2, 0.4, 3, 0.7));
        GradCheck.Check(p => Stats.Geom.Cdf(D(1, 2, 4, 9), p), D(0.2, 0.4, 0.5, 0.7));
        GradCheck.Check(p => Stats.Binom.Cdf(D(0, 2, 5, 9), 10, p), D(0.2, 0.4, 0.5, 0.7), order: 1);
        // d/dp of k log p + (n − k) log(1 − p) is k/p − (n − k)/(1 − p); points outside the support give 0, not NaN.
        var grad = Jax.Grad((NDArray p) => Jnp.Sum(Stats.Binom.Logpmf(D(3, -1, 2.5, 11), 10, p)))(D(0.25, 0.25, 0.25, 0.25));
        Relative([3 / 0.25 - 7 / 0.75, 0, 0, 0], grad, 1e-14);
    }

    [Fact]
    public void JitAndVmapAgreeWithEagerValues()
    {
        var batch = Shaped([0, 1, 2, 3, 5, 8], 2, 3);
        Expect.JitAndVmapAgree(u => Stats.Binom.Logpmf(u, 8, 0.35), batch);
        Expect.JitAndVmapAgree(u => Stats.Binom.Cdf(u, 8, 0.35), batch);
        Expect.JitAndVmapAgree(u => Stats.Nbinom.Cdf(u, 2.5, 0.4), batch);
        Expect.JitAndVmapAgree(u => Stats.Geom.Sf(u, 0.3), batch);
        Expect.JitAndVmapAgree(u => Stats.Betabinom.Pmf(u, 8, 2, 3), batch);
    }
}
