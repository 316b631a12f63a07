using static JaxNet.Tests.Api.ScipyOptimizeChecks;
using Optimize = JaxNet.Jax.Scipy.Optimize;

namespace JaxNet.Tests.Api;

/// <summary>
/// Jax.Scipy.Optimize.LineSearch: the step it returns satisfies the strong Wolfe conditions, checked with the
/// Rosenbrock function and its gradient written out in float64 on the host; the counts, JAX's failure statuses, and
/// bad input.
/// </summary>
public class ScipyOptimizeLineSearchTests
{
    private static double HostRosenbrock(double[] x)
    {
        var sum = 0.0;
        for (var i = 0; i + 1 < x.Length; i++) sum += 100 * Math.Pow(x[i + 1] - x[i] * x[i], 2) + Math.Pow(1 - x[i], 2);
        return sum;
    }

    private static double[] HostRosenbrockGradient(double[] x)
    {
        var g = new double[x.Length];
        for (var i = 0; i + 1 < x.Length; i++)
        {
            var r = x[i + 1] - x[i] * x[i];
            g[i] += -400 * x[i] * r - 2 * (1 - x[i]);
            g[i + 1] += 200 * r;
        }
        return g;
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (u, v) => u * v).Sum();

    /// <summary>Asserts the strong Wolfe conditions at the returned step, and that f_k and g_k are f and ∇f there.</summary>
    private static void AssertStrongWolfe(double[] x, double[] p, Optimize.LineSearchResults r, double c1, double c2, double tolerance)
    {
        Assert.False((bool)r.Failed, $"status {Int(r.Status)}");
        Assert.Equal(0, Int(r.Status));
        var a = Scalar(r.AK);
        Assert.True(a > 0);
        var moved = x.Zip(p, (xi, pi) => xi + a * pi).ToArray();
        var (f0, slope0) = (HostRosenbrock(x), Dot(HostRosenbrockGradient(x), p));
        var (f, g) = (HostRosenbrock(moved), HostRosenbrockGradient(moved));
        Assert.True(slope0 < 0);
        Assert.True(f <= f0 + c1 * a * slope0 + tolerance * Math.Abs(f0), $"sufficient decrease: f({a}) = {f} vs {f0 + c1 * a * slope0}");
        Assert.True(Math.Abs(Dot(g, p)) <= c2 * Math.Abs(slope0) * (1 + tolerance), $"curvature: |{Dot(g, p)}| vs {c2 * Math.Abs(slope0)}");
        AssertClose([f], r.FK, tolerance);
        AssertClose(g, r.GK, tolerance);
    }

    [Theory]
    [InlineData(-1.2, 1.0, 1e-4, 0.9)]
    [InlineData(-1.2, 1.0, 1e-4, 0.1)]
    [InlineData(0.0, 0.0, 1e-4, 0.9)]
    [InlineData(2.0, 2.0, 1e-3, 0.5)]
    [InlineData(0.9, 0.8, 1e-4, 0.01)]
    public void Steepest_descent_steps_satisfy_the_strong_wolfe_conditions(double x, double y, double c1, double c2)
    {
        double[] start = [x, y];
        var p = HostRosenbrockGradient(start).Select(v => -v).ToArray();
        var r = Optimize.LineSearch(Rosenbrock, F64(start), F64(p), c1: c1, c2: c2);
        AssertStrongWolfe(start, p, r, c1, c2, 1e-12);
        Assert.Equal(Int(r.Nfev), Int(r.Ngev));
        Assert.Equal(Int(r.Nit) + 1, Int(r.K));
        Assert.InRange(Int(r.Nit), 1, 20);
        Assert.InRange(Int(r.Nfev), 2, 1 + 20 + 2 * 30);
    }

    [Fact]
    public void A_short_direction_is_stretched_by_doubling()
    {
        // Along a direction 1/64 as long as the step to the minimum, the trial steps double until one fits.
        double[] start = [0.5, 0.5];
        double[] p = [0.5 / 64, 0.5 / 64];
        var r = Optimize.LineSearch(Rosenbrock, F64(start), F64(p), c2: 0.5);
        AssertStrongWolfe(start, p, r, 1e-4, 0.5, 1e-12);
        Assert.True(Scalar(r.AK) > 2, $"step {Scalar(r.AK)}");
        Assert.True(Int(r.Nit) > 1);
    }

    [Fact]
    public void Given_values_save_an_evaluation_and_old_old_fval_sets_the_first_step()
    {
        double[] start = [-1.2, 1];
        var g = HostRosenbrockGradient(start);
        var p = g.Select(v => -v).ToArray();
        var fresh = Optimize.LineSearch(Rosenbrock, F64(start), F64(p));
        var given = Optimize.LineSearch(Rosenbrock, F64(start), F64(p), oldFval: Jnp.Array(HostRosenbrock(start), DType.Float64), gfk: F64(g));
        Assert.Equal(Int(fresh.Nfev) - 1, Int(given.Nfev));
        AssertClose([Scalar(fresh.AK)], given.AK, 1e-15);
        // SciPy's heuristic: the first trial is min(1, 2.02 (f - f_prev) / -φ'(0)). A large previous decrease makes it 1,
        // the plain search; a small one, 0.0202 / |g|² here, a tiny first step that the search doubles.
        NDArray Heuristic(double previousDecrease) => Jnp.Array(HostRosenbrock(start) + previousDecrease, DType.Float64);
        var clamped = Optimize.LineSearch(Rosenbrock, F64(start), F64(p), oldFval: Jnp.Array(HostRosenbrock(start), DType.Float64),
            oldOldFval: Heuristic(1e6), gfk: F64(g));
        Assert.Equal((Scalar(given.AK), Int(given.Nfev), Int(given.Nit)), (Scalar(clamped.AK), Int(clamped.Nfev), Int(clamped.Nit)));
        var tiny = Optimize.LineSearch(Rosenbrock, F64(start), F64(p), oldFval: Jnp.Array(HostRosenbrock(start), DType.Float64),
            oldOldFval: Heuristic(0.01), gfk: F64(g));
        AssertStrongWolfe(start, p, tiny, 1e-4, 0.9, 1e-12);
        var firstStep = 2.02 * 0.01 / -Dot(g, p);
        Assert.True(Int(tiny.Nit) >= 2 && Scalar(tiny.AK) >= firstStep, $"{Int(tiny.Nit)} trials, step {Scalar(tiny.AK)}");
    }

    [Fact]
    public void An_exact_first_step_is_taken_with_two_evaluations()
    {
        // On |x|²/2 along -x the step 1 lands on the minimum, where φ' = 0.
        var r = Optimize.LineSearch(x => 0.5 * Jnp.Sum(Jnp.Square(x)), F64(3, -4), F64(-3, 4));
        Assert.Equal((1.0, 2, 1, 2, 0), (Scalar(r.AK), Int(r.Nfev), Int(r.Nit), Int(r.K), Int(r.Status)));
        AssertClose([0, 0], r.GK, 0);
    }

    [Fact]
    public void Float32_keeps_its_dtype_and_the_conditions()
    {
        double[] start = [-1.2, 1];
        var p = HostRosenbrockGradient(start).Select(v => -v).ToArray();
        var r = Optimize.LineSearch(Rosenbrock, F32(start), F32(p));
        Assert.Equal(DType.Float32, r.AK.DType);
        Assert.Equal(DType.Float32, r.GK.DType);
        AssertStrongWolfe(start, p.Select(v => (double)(float)v).ToArray(), r, 1e-4, 0.9, 1e-4);
    }

    [Fact]
    public void An_ascent_direction_fails_in_zoom_with_status_1()
    {
        double[] start = [-1.2, 1];
        var r = Optimize.LineSearch(Rosenbrock, F64(start), F64(HostRosenbrockGradient(start)));
        Assert.True((bool)r.Failed);
        Assert.Equal(1, Int(r.Status));
        Assert.Equal(1, Int(r.Nit));
    }

    [Fact]
    public void Running_out_of_iterations_is_status_3()
    {
        // The direction is so short that two doublings cannot reach the curvature condition.
        var r = Optimize.LineSearch(Rosenbrock, F64(0.5, 0.5), F64(1e-6, 1e-6), maxiter: 2);
        Assert.Equal((true, 3, 2), ((bool)r.Failed, Int(r.Status), Int(r.Nit)));
        var none = Optimize.LineSearch(Rosenbrock, F64(0.5, 0.5), F64(1e-6, 1e-6), maxiter: 0);
        Assert.Equal((true, 3, 0, 1, 0.0), ((bool)none.Failed, Int(none.Status), Int(none.Nit), Int(none.Nfev), Scalar(none.AK)));
    }

    [Fact]
    public void Nan_objective_fails_with_status_3_after_maxiter_trials()
    {
        var r = Optimize.LineSearch(x => Jnp.Sum(x) * double.NaN, F64(1, 2), F64(-1, -1), maxiter: 5);
        Assert.Equal((true, 3, 5, 6), ((bool)r.Failed, Int(r.Status), Int(r.Nit), Int(r.Nfev)));
    }

    [Fact]
    public void Bad_input_is_refused_with_clear_errors()
    {
        Assert.Throws<ShapeException>(() => Optimize.LineSearch(Rosenbrock, F64(1, 2), F64(1, 2, 3)));
        Assert.Throws<ShapeException>(() => Optimize.LineSearch(Rosenbrock, Jnp.Zeros([2, 2], DType.Float64), Jnp.Zeros([2, 2], DType.Float64)));
        Assert.Throws<ShapeException>(() => Optimize.LineSearch(Rosenbrock, F64(1, 2), F64(-1, -2), gfk: F64(1)));
        Assert.Throws<ShapeException>(() => Optimize.LineSearch(Rosenbrock, F64(1, 2), F64(-1, -2), oldFval: F64(1, 2), gfk: F64(1, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Optimize.LineSearch(Rosenbrock, F64(1, 2), F64(-1, -2), c1: 0.9, c2: 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Optimize.LineSearch(Rosenbrock, F64(1, 2), F64(-1, -2), c1: 0, c2: 0.9));
        Assert.Throws<ArgumentOutOfRangeException>(() => Optimize.LineSearch(Rosenbrock, F64(1, 2), F64(-1, -2), maxiter: -1));
        Assert.Throws<ArgumentException>(() => Optimize.LineSearch(x => x, F64(1, 2), F64(-1, -2)));
        Assert.Throws<ArgumentException>(() => Optimize.LineSearch(Rosenbrock, Jnp.Zeros([2], DType.Complex64), Jnp.Zeros([2], DType.Complex64)));
    }
}
