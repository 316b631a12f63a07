using static JaxNet.Tests.Api.ScipyOptimizeChecks;
using Optimize = JaxNet.Jax.Scipy.Optimize;

namespace JaxNet.Tests.Api;

/// <summary>
/// Jax.Scipy.Optimize.Minimize with BFGS and L-BFGS: known minima in float64 (Rosenbrock in 2 and 10 dimensions, a
/// convex quadratic against a float64 solve, a separable closed form, Himmelblau from several starts), float32, the
/// status codes JAX gives for each way of stopping, NaN, and bad input.
/// </summary>
public class ScipyOptimizeMinimizeTests
{
    private const string Lbfgs = "l-bfgs-experimental-do-not-rely-on-this";

    /// <summary>
    /// L-BFGS as JAX writes it stops (status 4, not a success) once an iteration lowers f by less than ftol, an
    /// absolute 2.2e-9, which near a minimum of value 0 comes before the gradient test; ftol 0 leaves that test only.
    /// </summary>
    private static Optimize.MinimizeOptions ToGradientTolerance(string method, double gtol = 1e-5) =>
        method == Lbfgs ? new Optimize.MinimizeOptions { Gtol = gtol, Ftol = 0 } : new Optimize.MinimizeOptions { Gtol = gtol };

    [Theory]
    [InlineData("BFGS")]
    [InlineData(Lbfgs)]
    public void Rosenbrock_in_two_dimensions_from_the_classic_start(string method)
    {
        var r = Optimize.Minimize(Rosenbrock, F64(-1.2, 1), method, options: ToGradientTolerance(method));
        Assert.True((bool)r.Success, $"status {Int(r.Status)}");
        Assert.Equal(0, Int(r.Status));
        AssertClose([1, 1], r.X, 1e-5);
        Assert.True(Scalar(r.Fun) < 1e-10);
        Assert.True(Host(r.Jac).Max(Math.Abs) < 1e-5);
        Assert.InRange(Int(r.Nit), 10, 400);
        Assert.True(Int(r.Nfev) > Int(r.Nit) && Int(r.Nfev) == Int(r.Njev));
        Assert.Equal(method == "BFGS", r.HessInv is not null);
    }

    [Theory]
    [InlineData("BFGS")]
    [InlineData(Lbfgs)]
    public void Rosenbrock_in_ten_dimensions(string method)
    {
        var r = Optimize.Minimize(Rosenbrock, Jnp.Zeros([10], DType.Float64), method, options: ToGradientTolerance(method));
        Assert.True((bool)r.Success, $"status {Int(r.Status)}");
        AssertClose(Enumerable.Repeat(1.0, 10).ToArray(), r.X, 1e-5);
        Assert.InRange(Int(r.Nit), 10, 2000);
    }

    /// <summary>
    /// A fixed symmetric positive definite 5×5 matrix (Mᵀ M + I), a solution x* and b = A x* formed in float64: the
    /// quadratic's minimum is the solution of A x = b, which is x* to float64 rounding (A's condition number is small).
    /// </summary>
    private static (double[,] A, double[] B, double[] Solution) Quadratic()
    {
        const int n = 5;
        var rng = new Random(11);
        var m = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) m[i, j] = rng.NextDouble() - 0.5;
        var a = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                for (var k = 0; k < n; k++) a[i, j] += m[k, i] * m[k, j];
                if (i == j) a[i, j] += 1;
            }
        var solution = Enumerable.Range(0, n).Select(i => Math.Cos(i + 1.0)).ToArray();
        var b = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Sum(j => a[i, j] * solution[j])).ToArray();
        return (a, b, solution);
    }

    [Theory]
    [InlineData("BFGS")]
    [InlineData(Lbfgs)]
    public void A_convex_quadratic_minimum_solves_its_linear_system(string method)
    {
        var (a, b, solution) = Quadratic();
        var (matrix, rhs) = (Jnp.Array(a, DType.Float64), F64(b));
        var r = Optimize.Minimize(x => 0.5 * Jnp.Dot(x, Jnp.Matmul(matrix, x)) - Jnp.Dot(rhs, x), Jnp.Zeros([5], DType.Float64), method,
            options: ToGradientTolerance(method, 1e-8));
        Assert.True((bool)r.Success, $"status {Int(r.Status)}");
        // The gradient is A(x - x*) with A's eigenvalues at least 1, so ‖x - x*‖∞ ≤ √5 · 1e-8.
        AssertClose(solution, r.X, 3e-8);
        // Quasi-Newton on a quadratic: a handful of iterations for 5 unknowns, not hundreds.
        Assert.InRange(Int(r.Nit), 1, 15);
        if (method == "BFGS")
        {
            var h = Host(r.HessInv!);
            for (var i = 0; i < 5; i++)
                for (var j = 0; j < 5; j++) Assert.Equal(h[i * 5 + j], h[j * 5 + i], 1e-12);
        }
    }

    [Theory]
    [InlineData("BFGS")]
    [InlineData(Lbfgs)]
    public void A_separable_closed_form_minimum(string method)
    {
        // Σ exp(x_i) - c_i x_i is smallest at x_i = ln c_i, where it is Σ c_i (1 - ln c_i).
        double[] c = [0.5, 1, 2, 7];
        var weights = F64(c);
        var r = Optimize.Minimize(x => Jnp.Sum(Jnp.Exp(x) - weights * x), Jnp.Zeros([4], DType.Float64), method,
            options: ToGradientTolerance(method, 1e-8));
        Assert.True((bool)r.Success, $"status {Int(r.Status)}");
        // |exp(x_i) - c_i| < 1e-8 puts x_i within about 1e-8 / c_i of ln c_i. (Much below that, an iteration would lower
        // f by less than its rounding, and the line search, seeing no decrease, fails: status 5, as in JAX.)
        AssertClose(c.Select(ci => Math.Log(ci)).ToArray(), r.X, 3e-8);
        AssertClose([c.Sum(ci => ci * (1 - Math.Log(ci)))], r.Fun, 1e-12);
    }

    [Theory]
    [InlineData("BFGS", 0.0, 0.0)]
    [InlineData("BFGS", -3.0, 3.0)]
    [InlineData("BFGS", -4.0, -4.0)]
    [InlineData("BFGS", 4.0, -2.0)]
    [InlineData(Lbfgs, 1.0, 1.0)]
    [InlineData(Lbfgs, -2.0, 2.0)]
    [InlineData(Lbfgs, -3.0, -3.0)]
    [InlineData(Lbfgs, 3.0, -1.0)]
    public void Himmelblau_reaches_one_of_its_four_minima(string method, double x, double y)
    {
        var r = Optimize.Minimize(Himmelblau, F64(x, y), method, options: ToGradientTolerance(method));
        Assert.True((bool)r.Success, $"status {Int(r.Status)}");
        Assert.True(Scalar(r.Fun) < 1e-10);
        var found = Host(r.X);
        Assert.Contains(HimmelblauMinima, m => Math.Abs(m[0] - found[0]) < 1e-6 && Math.Abs(m[1] - found[1]) < 1e-6);
    }

    [Theory]
    [InlineData("BFGS")]
    [InlineData(Lbfgs)]
    public void Float32_stays_float32_and_nears_the_minimum(string method)
    {
        var r = Optimize.Minimize(Rosenbrock, F32(-1.2, 1), method, options: new Optimize.MinimizeOptions { Gtol = 1e-3 });
        Assert.Equal(DType.Float32, r.X.DType);
        Assert.Equal(DType.Float32, r.Fun.DType);
        Assert.True((bool)r.Success, $"status {Int(r.Status)}");
        AssertClose([1, 1], r.X, 1e-2);
        var quadratic = Optimize.Minimize(x => Jnp.Sum(Jnp.Square(x - F32(1, -2, 3))), F32(0, 0, 0), method);
        Assert.True((bool)quadratic.Success);
        AssertClose([1, -2, 3], quadratic.X, 1e-5);
    }

    [Fact]
    public void Lbfgs_with_the_default_ftol_stops_near_the_minimum_with_status_4()
    {
        var r = Optimize.Minimize(Rosenbrock, F64(-1.2, 1), Lbfgs);
        Assert.Equal((false, 4), ((bool)r.Success, Int(r.Status)));
        AssertClose([1, 1], r.X, 1e-3);
        Assert.True(Scalar(r.Fun) < 1e-6);
    }

    [Fact]
    public void Bfgs_stops_at_maxiter_with_status_1()
    {
        var r = Optimize.Minimize(Rosenbrock, F64(-1.2, 1), "BFGS", options: new Optimize.MinimizeOptions { Maxiter = 3 });
        Assert.False((bool)r.Success);
        Assert.Equal(1, Int(r.Status));
        Assert.Equal(3, Int(r.Nit));
        var none = Optimize.Minimize(Rosenbrock, F64(-1.2, 1), "BFGS", options: new Optimize.MinimizeOptions { Maxiter = 0 });
        Assert.Equal((1, 0, 1), (Int(none.Status), Int(none.Nit), Int(none.Nfev)));
        AssertClose([-1.2, 1], none.X, 0);
    }

    [Fact]
    public void Lbfgs_stops_on_each_bound_with_jax_status()
    {
        // JAX tests the counts from before an iteration, so maxiter 3 stops after the fourth.
        var byIterations = Optimize.Minimize(Rosenbrock, F64(-1.2, 1), Lbfgs, options: new Optimize.MinimizeOptions { Maxiter = 3 });
        Assert.Equal((1, 4), (Int(byIterations.Status), Int(byIterations.Nit)));
        Assert.False((bool)byIterations.Success);
        var byEvaluations = Optimize.Minimize(Rosenbrock, F64(-1.2, 1), Lbfgs, options: new Optimize.MinimizeOptions { Maxfun = 10 });
        Assert.Equal(2, Int(byEvaluations.Status));
        Assert.InRange(Int(byEvaluations.Nfev), 10, 10 + 21);
        var byGradients = Optimize.Minimize(Rosenbrock, F64(-1.2, 1), Lbfgs, options: new Optimize.MinimizeOptions { Maxgrad = 7 });
        Assert.Equal(3, Int(byGradients.Status));
        var byDecrease = Optimize.Minimize(Rosenbrock, F64(-1.2, 1), Lbfgs, options: new Optimize.MinimizeOptions { Ftol = 1e3 });
        Assert.Equal((4, 1), (Int(byDecrease.Status), Int(byDecrease.Nit)));
    }

    /// <summary>
    /// JAX's behaviour, worked through its code: with NaN in the objective the first line search never satisfies
    /// (nor rules out) a Wolfe condition, so it runs out of iterations (its status 3); BFGS reports 2 + 3 and L-BFGS 5,
    /// after one iteration, with every line-search trial counted.
    /// </summary>
    [Theory]
    [InlineData("BFGS", 5, 1 + 10)]
    [InlineData(Lbfgs, 5, 1 + 20)]
    public void Nan_start_or_objective_fails_with_jax_status_and_does_not_hang(string method, int status, int nfev)
    {
        foreach (var r in new[]
        {
            Optimize.Minimize(Rosenbrock, F64(double.NaN, 1), method),
            Optimize.Minimize(x => Jnp.Sum(Jnp.Square(x)) * double.NaN, F64(1, 2), method),
            Optimize.Minimize(Rosenbrock, F32(1, double.NaN), method),
        })
        {
            Assert.False((bool)r.Success);
            Assert.Equal(status, Int(r.Status));
            Assert.Equal(1, Int(r.Nit));
            Assert.Equal(nfev, Int(r.Nfev));
        }
    }

    [Fact]
    public void Infinite_objective_away_from_the_start_still_converges()
    {
        // log barrier: the first trial step from 0.5 lands where the objective is +inf; the search backs off.
        var r = Optimize.Minimize(x => Jnp.Sum(x - Jnp.Log(x)), F64(0.5, 3), "BFGS");
        Assert.True((bool)r.Success, $"status {Int(r.Status)}");
        AssertClose([1, 1], r.X, 1e-6);
    }

    [Fact]
    public void Extra_arguments_are_passed_through()
    {
        var r = Optimize.Minimize((x, args) => Jnp.Sum(Jnp.Square(x - args[0])) * args[1], F64(0, 0), [F64(2, -1), Jnp.Array(3.0, DType.Float64)], "bfgs");
        AssertClose([2, -1], r.X, 1e-8);
    }

    [Fact]
    public void Starting_at_the_minimum_returns_it_without_iterating()
    {
        var r = Optimize.Minimize(Rosenbrock, F64(1, 1), "BFGS");
        Assert.Equal((true, 0, 0, 1), ((bool)r.Success, Int(r.Status), Int(r.Nit), Int(r.Nfev)));
        AssertClose([1, 1], r.X, 0);
    }

    [Fact]
    public void Bad_input_is_refused_with_clear_errors()
    {
        Assert.Contains("not recognized", Assert.Throws<ArgumentException>(() => Optimize.Minimize(Rosenbrock, F64(0, 0), "Nelder-Mead")).Message);
        Assert.Contains("one-dimensional", Assert.Throws<ShapeException>(() => Optimize.Minimize(Rosenbrock, Jnp.Zeros([2, 2], DType.Float64), "BFGS")).Message);
        Assert.Contains("one-dimensional", Assert.Throws<ShapeException>(() => Optimize.Minimize(Rosenbrock, Jnp.Array(1.0), "BFGS")).Message);
        Assert.Contains("real floating-point scalar", Assert.Throws<ArgumentException>(() => Optimize.Minimize(x => x * x, F64(1, 2), "BFGS")).Message);
        Assert.Contains("real floating-point scalar",
            Assert.Throws<ArgumentException>(() => Optimize.Minimize(x => Jnp.Sum(x * x).Astype(DType.Complex128), F64(1, 2), Lbfgs)).Message);
        Assert.Throws<ArgumentException>(() => Optimize.Minimize(x => Jnp.Sum(x), Jnp.Zeros([0], DType.Float64), "BFGS"));
        Assert.Throws<ArgumentException>(() => Optimize.Minimize(x => Jnp.Sum(Jnp.Abs(x)), Jnp.Zeros([2], DType.Complex64), "BFGS"));
        Assert.Contains("maxcor", Assert.Throws<ArgumentException>(() =>
            Optimize.Minimize(Rosenbrock, F64(0, 0), "BFGS", options: new Optimize.MinimizeOptions { Maxcor = 5 })).Message);
        Assert.Contains("line_search_maxiter", Assert.Throws<ArgumentException>(() =>
            Optimize.Minimize(Rosenbrock, F64(0, 0), Lbfgs, options: new Optimize.MinimizeOptions { LineSearchMaxiter = 5 })).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Optimize.Minimize(Rosenbrock, F64(0, 0), "BFGS", options: new Optimize.MinimizeOptions { Maxiter = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Optimize.Minimize(Rosenbrock, F64(0, 0), Lbfgs, options: new Optimize.MinimizeOptions { Maxcor = 0 }));
    }
}

/// <summary>Minimize with 64-bit types enabled: an integer start becomes float64, the default float.</summary>
[Collection(nameof(X64Collection))]
public class ScipyOptimizeX64Tests
{
    [Fact]
    public void Integer_start_becomes_the_default_float() => RandomDistributionX64Tests.WithX64(() =>
    {
        var r = Optimize.Minimize(x => Jnp.Sum(Jnp.Square(x - 0.25)), Jnp.Array(new[] { 1, 2 }), "BFGS");
        Assert.True((bool)r.Success);
        Assert.Equal(DType.Float64, r.X.DType);
        AssertClose([0.25, 0.25], r.X, 1e-10);
    });
}
