using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.ScipySpecialChecks;
using Stats = JaxNet.Jax.Scipy.Stats;

namespace JaxNet.Tests.Api;

/// <summary>
/// jax.scipy.stats' pareto, truncnorm, vonmises and gennorm against tests/oracle/scipy_stats_oracle.py (mpmath at
/// 50 digits from the definitions): the support's edges, truncation intervals far in either tail, large
/// concentrations, parameters outside their domains (NaN), NaN arguments, shape errors, empty arrays, float32,
/// gradients against finite differences, Jit and Vmap.
/// </summary>
public class ScipyStatsContinuousTests
{
    private const double Inf = double.PositiveInfinity;
    private const double NaN = double.NaN;

    [Fact]
    public void Pareto()
    {
        var x = D(0.5, 1, 1.5, 3, 20);
        Relative([-Inf, -Inf, -Inf, -1.2770640594149767, -8.466497127349388], Stats.Pareto.Logpdf(x, 2.5, 0.5, 1.5), 1e-14);
        Relative([0.0, 0.0, 0.0, 0.721145199073066, 0.9983588751590969], Stats.Pareto.Cdf(x, 2.5, 0.5, 1.5), 1e-14);
        Relative([1.0, 1.0, 1.0, 0.27885480092693404, 0.0016411248409030448], Stats.Pareto.Sf(x, 2.5, 0.5, 1.5), 1e-14);
        Relative([2.0, 2.4792618661593413, 9.964360167202898, NaN], Stats.Pareto.Ppf(D(0, 0.5, 0.99, 1.5), 2.5, 0.5, 1.5), 1e-14);
        // The support starts at y = 1 (density b there); b or scale not positive is NaN.
        Relative([Math.Log(3)], Stats.Pareto.Logpdf(D(1), 3), 1e-15);
        Relative([NaN, NaN, NaN], Stats.Pareto.Logpdf(D(2, 2, NaN), D(0, 1, 1), 0, D(1, -1, 1)), 0);
    }

    [Fact]
    public void Truncnorm()
    {
        var x = D(-2, -1.5, 0, 2.5, 4.5, 6);
        Relative([-Inf, -1.9119194194401554, -1.4431694194401554, -1.9119194194401554, -3.4119194194401556, -Inf],
            Stats.Truncnorm.Logpdf(x, -1, 2, 0.5, 2), 1e-14);
        Relative([0.0, 0.0, 0.2964085228515105, 0.8339775028579717, 1.0, 1.0], Stats.Truncnorm.Cdf(x, -1, 2, 0.5, 2), 1e-14);
        Relative([1.0, 1.0, 0.7035914771484896, 0.1660224971420283, 0.0, 0.0], Stats.Truncnorm.Sf(x, -1, 2, 0.5, 2), 1e-14);
        // Far in the upper and the lower tail, where Φ(b) − Φ(a) cancels.
        var upper = D(5, 5.5, 7.9);
        Relative([1.6460598629542698, -0.9789401370457302, -17.058940137045735], Stats.Truncnorm.Logpdf(upper, 5, 8), 1e-13);
        Relative([0.0, 0.9337538539889603, 0.9999999973053659], Stats.Truncnorm.Cdf(upper, 5, 8), 1e-13);
        Relative([1.0, 0.06624614601103972, 2.6946340668731282e-09], Stats.Truncnorm.Sf(upper, 5, 8), 1e-12);
        var lower = D(-7.5, -5.2, -5);
        Relative([-13.978940137045731, 0.6260598629542689, 1.6460598629542698], Stats.Truncnorm.Logpdf(lower, -8, -5), 1e-13);
        Relative([1.0914581955533964e-07, 0.3476145695286202, 1.0], Stats.Truncnorm.Cdf(lower, -8, -5), 1e-12);
        Relative([0.9999998908541804, 0.6523854304713799, 0.0], Stats.Truncnorm.Sf(lower, -8, -5), 1e-13);
        // a ≥ b or scale ≤ 0 is NaN; so is a NaN argument.
        Relative([NaN, NaN, NaN, NaN], Stats.Truncnorm.Logpdf(D(0, 0, 0, NaN), D(1, 1, -1, -1), D(1, 0, 1, 1), 0, D(1, 1, 0, 1)), 0);
        Relative([NaN, NaN], Stats.Truncnorm.Cdf(D(0, NaN), D(2, -1), D(1, 1)), 0);
    }

    [Fact]
    public void Vonmises()
    {
        var x = D(-3, -1, 0, 0.5, 2, 7);
        Relative([-2.3944230338950496, -1.629275632660757, -1.3994267855948268, -1.4606355046496404, -2.107500203868398, -1.5224756584231744],
            Stats.Vonmises.Logpdf(x, 0.5), 1e-14);
        Relative([-8.222819848326587, -2.101640638452246, -0.2628498619248048, -0.7525196143633139, -5.927437208113374, -1.2472408445515863],
            Stats.Vonmises.Logpdf(x, 4), 1e-13);
        // kappa = 700: I0(700) overflows float64's exp range nowhere, as i0e is used.
        Relative([-1390.6383246851647, -319.431962957155, 2.3564229351472052, -83.3357837415919, -988.9463626478524, -169.91199902453954],
            Stats.Vonmises.Logpdf(x, 700), 1e-12);
        Relative([NaN, NaN, NaN], Stats.Vonmises.Logpdf(D(0, 0, NaN), D(0, -1, 1)), 0);
        // The density integrates to 1 over one period (a Riemann sum of a smooth periodic function is exact to rounding).
        var grid = Jnp.Linspace(-Math.PI, Math.PI, 64, endpoint: false, dtype: DType.Float64);
        var total = (Jnp.Sum(Stats.Vonmises.Pdf(grid, 4)) * (2 * Math.PI / 64)).ToArray<double>()[0];
        Assert.True(Math.Abs(total - 1) < 1e-13, $"integral {total}");
    }

    [Fact]
    public void Gennorm()
    {
        var x = D(-3, -0.5, 0, 0.25, 2);
        Relative([-3.0865393638407, -1.5444422905385649, -0.9288700838661067, -1.307799225493706, -2.5533748765785775], Stats.Gennorm.Logpdf(x, 0.7), 1e-14);
        Relative([0.10568739300570214, 0.3606192485117365, 0.5, 0.579424741834046, 0.8343191659588413], Stats.Gennorm.Cdf(x, 0.7), 1e-12);
        Relative([-9.5723649429247, -0.8223649429247001, -0.5723649429247001, -0.6348649429247001, -4.5723649429247], Stats.Gennorm.Logpdf(x, 2), 1e-14);
        Relative([1.104524849929272e-05, 0.23975006109347674, 0.5, 0.6381631950841185, 0.9976611325094764], Stats.Gennorm.Cdf(x, 2), 1e-12);
        // The lower tail keeps its digits (½ Q rather than ½ − ½ P).
        Relative([3.9229407177244896e-109, 0.2291250251935354, 0.5, 0.6361184002394339, 0.9999999999999999], Stats.Gennorm.Cdf(x, 5), 1e-11);
        Relative([NaN, NaN, NaN], Stats.Gennorm.Cdf(D(0, 0, NaN), D(0, 1, 1), 0, D(1, -2, 1)), 0);
    }

    [Fact]
    public void BadInputs()
    {
        Assert.Throws<ShapeException>(() => Stats.Pareto.Logpdf(D(1, 2, 3), D(3, 4)));
        Assert.Throws<ShapeException>(() => Stats.Truncnorm.Cdf(D(1, 2, 3), D(-1, 0), 2));
        Assert.Throws<ShapeException>(() => Stats.Vonmises.Logpdf(D(1, 2, 3), D(1, 2)));
        Assert.Throws<ShapeException>(() => Stats.Gennorm.Cdf(D(1, 2), D(1, 2, 3)));
        Assert.Equal([0], Stats.Truncnorm.Logpdf(D(), -1, 1).Shape);
        Assert.Equal([0], Stats.Gennorm.Cdf(D(), 1.5).Shape);
        Relative32([-1.4431694194401554], Stats.Truncnorm.Logpdf(Jnp.Array(new[] { 0 }), -1, 2, 0.5f, 2), 1e-6);
        Relative32([-0.5723649429247001], Stats.Gennorm.Logpdf(Jnp.Array(new[] { 0 }), 2));
        Assert.Equal([2, 3], Stats.Vonmises.Logpdf(D(0, 1, 2), D(1, 2).Reshape(2, 1)).Shape);
    }

    [Fact]
    public void GradientsAgreeWithFiniteDifferences()
    {
        var x = D(1.3, 2, 3.5, 9);
        GradCheck.Check((u, b) => Stats.Pareto.Logpdf(u, b), x, D(0.5, 1.5, 2.5, 4));
        GradCheck.Check(u => Stats.Truncnorm.Logpdf(u, -1, 2, 0.5, 2), D(-1.2, 0, 1.5, 4));
        GradCheck.Check(u => Stats.Truncnorm.Logcdf(u, 5, 8), D(5.3, 6, 7, 7.9), order: 1);
        GradCheck.Check((u, k) => Stats.Vonmises.Logpdf(u, k), D(-2, 0.3, 1, 3), D(0.5, 1.5, 20, 300), order: 1);
        GradCheck.Check((u, b) => Stats.Gennorm.Logpdf(u, b), D(-2, 0.3, 1, 3), D(0.8, 1.5, 2, 4));
        // d/dx of the normal part: −z / scale, unchanged by truncation.
        Relative([0.25 * 1.7, -0.5], Jax.Vmap(Jax.Grad((NDArray u) => Stats.Truncnorm.Logpdf(u, -1, 2, 0.5, 2)))(D(-1.2, 2.5)), 1e-15);
    }

    [Fact]
    public void JitAndVmapAgreeWithEagerValues()
    {
        var batch = Shaped([-3, -0.5, 0.25, 0.8, 1.5, 7], 2, 3);
        Expect.JitAndVmapAgree(u => Stats.Pareto.Cdf(u, 2, -4), batch);
        Expect.JitAndVmapAgree(u => Stats.Truncnorm.Logpdf(u, -1, 1.5), batch);
        Expect.JitAndVmapAgree(u => Stats.Truncnorm.Sf(u, -1, 1.5), batch);
        Expect.JitAndVmapAgree(u => Stats.Vonmises.Pdf(u, 2), batch);
        Expect.JitAndVmapAgree(u => Stats.Gennorm.Cdf(u, 1.5), batch);
    }
}
