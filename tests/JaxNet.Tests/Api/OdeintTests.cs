using Ode = JaxNet.Jax.Experimental.Ode;

namespace JaxNet.Tests.Api;

/// <summary>
/// jax.experimental.ode.odeint in float64: exponential decay and a harmonic oscillator (a pytree state) against their
/// closed forms, a stiff problem whose step budget runs out (JAX's extrapolation, not NaN), the adjoint gradients with
/// respect to y0, the times and an argument against the closed-form derivatives and central differences, the same
/// under Jit and Vmap, and bad input.
/// </summary>
[Collection(nameof(X64Collection))]
public class OdeintTests
{
    private static readonly double[] Times = [0, 0.5, 1.5, 2.0, 3.25];

    private static NDArray Decay(NDArray y, NDArray t, NDArray k) => -k * y;

    [Fact]
    public void Exponential_decay_matches_its_closed_form() => X64(() =>
    {
        var ys = Ode.Odeint(Decay, Jnp.Array(new[] { 1.0, -2.0 }), Jnp.Array(Times), Jnp.Array(0.7));
        Assert.Equal(new[] { Times.Length, 2 }, ys.Shape);
        Assert.Equal(DType.Float64, ys.DType);
        var values = ys.ToArray<double>();
        for (var i = 0; i < Times.Length; i++)
            for (var j = 0; j < 2; j++)
            {
                var expected = (j == 0 ? 1.0 : -2.0) * Math.Exp(-0.7 * Times[i]);
                Assert.True(Math.Abs(values[i * 2 + j] - expected) <= 1e-7 * Math.Abs(expected) + 1e-10,
                    $"y{j}({Times[i]}) = {values[i * 2 + j]}, expected {expected}");
            }
        Assert.Equal(new[] { 1.0, -2.0 }, values[..2]);
    });

    [Fact]
    public void A_harmonic_oscillator_as_a_tuple_state_matches_cos_and_sin() => X64(() =>
    {
        const double omega = 2.5;
        var t = Jnp.Linspace(0, 10, 21);
        var (x, v) = Ode.Odeint(((NDArray X, NDArray V) s, NDArray _) => (s.V, -omega * omega * s.X), (Jnp.Array(1.0), Jnp.Array(0.0)), t);
        Assert.Equal(new[] { 21 }, x.Shape);
        var (xs, vs, ts) = (x.ToArray<double>(), v.ToArray<double>(), t.ToArray<double>());
        for (var i = 0; i < ts.Length; i++)
        {
            Assert.True(Math.Abs(xs[i] - Math.Cos(omega * ts[i])) <= 2e-7, $"x({ts[i]}) = {xs[i]}");
            Assert.True(Math.Abs(vs[i] + omega * Math.Sin(omega * ts[i])) <= 5e-7, $"v({ts[i]}) = {vs[i]}");
        }
    });

    [Fact]
    public void An_array_of_arrays_state_keeps_each_leafs_shape_and_dtype() => X64(() =>
    {
        NDArray[] y0 = [Jnp.Ones([2, 2]), Jnp.Array(new[] { 3f })];
        var ys = Ode.Odeint((NDArray[] y, NDArray _) => [-y[0], y[1] * 0.5f], y0, Jnp.Array(new[] { 0.0, 1.0 }));
        Assert.Equal(new[] { 2, 2, 2 }, ys[0].Shape);
        Assert.Equal(DType.Float32, ys[1].DType);
        AssertClose(Math.Exp(-1), ys[0].ToArray<double>()[7], "y0[1, 1] at t = 1", 5e-7);
        AssertClose(3 * Math.Exp(0.5), ys[1].ToArray<double>()[1], "the float32 leaf at t = 1", 1e-5);
    });

    [Fact]
    public void A_single_time_returns_y0() => X64(() =>
    {
        var ys = Ode.Odeint((NDArray y, NDArray _) => y, Jnp.Array(new[] { 4.0, 5.0 }), Jnp.Array(new[] { 2.0 }));
        Assert.Equal(new[] { 1, 2 }, ys.Shape);
        Assert.Equal(new[] { 4.0, 5.0 }, ys.ToArray<double>());
    });

    [Fact]
    public void Running_out_of_steps_extrapolates_the_last_step_as_JAX_does() => X64(() =>
    {
        // y' = -1000 (y - cos t), y(0) = 0: a stiff problem that needs hundreds of steps to reach t = 1.
        static NDArray Stiff(NDArray y, NDArray t) => (y - Jnp.Cos(t)) * -1000.0;
        var t = Jnp.Array(new[] { 0.0, 1.0 });
        var exact = (1e6 * Math.Cos(1) + 1e3 * Math.Sin(1)) / (1e6 + 1) - 1e6 / (1e6 + 1) * Math.Exp(-1000);
        var full = Ode.Odeint(Stiff, Jnp.Array(0.0), t).ToArray<double>();
        Assert.True(Math.Abs(full[1] - exact) <= 1e-6, $"full solve {full[1]}, exact {exact}");
        var cut = Ode.Odeint(Stiff, Jnp.Array(0.0), t, mxstep: 3).ToArray<double>();
        Assert.True(double.IsFinite(cut[1]) && Math.Abs(cut[1] - exact) > 1, $"three steps give {cut[1]}");
        Assert.Equal(0.0, cut[0]);
    });

    // L = sum_i w_i . y(t_i) for y' = -k y: every derivative has a closed form.
    private static readonly double[] Weights = [0.3, -1.1, 0.7, 2.0, 0.45];

    private static NDArray Loss((NDArray Y0, NDArray T, NDArray K) p) =>
        Jnp.Sum(Ode.Odeint(Decay, p.Y0, p.T, p.K) * Jnp.Array(Weights));

    [Fact]
    public void Gradients_match_the_closed_form_and_central_differences() => X64(() =>
    {
        const double y0 = 1.3, k = 0.8;
        var point = (Jnp.Array(y0), Jnp.Array(Times), Jnp.Array(k));
        var (gy0, gt, gk) = Jax.Grad<(NDArray, NDArray, NDArray)>(Loss)(point);
        double dy0 = 0, dk = 0;
        var dt = new double[Times.Length];
        for (var i = 0; i < Times.Length; i++)
        {
            var decay = Math.Exp(-k * (Times[i] - Times[0]));
            dy0 += Weights[i] * decay;
            dk -= Weights[i] * y0 * (Times[i] - Times[0]) * decay;
            if (i > 0)
            {
                dt[i] = -Weights[i] * y0 * k * decay;
                dt[0] -= dt[i];
            }
        }
        AssertClose(dy0, gy0.Item<double>(), "dL/dy0");
        AssertClose(dk, gk.Item<double>(), "dL/dk");
        var times = gt.ToArray<double>();
        for (var i = 0; i < Times.Length; i++) AssertClose(dt[i], times[i], $"dL/dt{i}");

        const double h = 1e-5;
        double At(double a, double b) => Loss((Jnp.Array(a), Jnp.Array(Times), Jnp.Array(b))).Item<double>();
        AssertClose((At(y0 + h, k) - At(y0 - h, k)) / (2 * h), gy0.Item<double>(), "dL/dy0 by differences", 1e-6);
        AssertClose((At(y0, k + h) - At(y0, k - h)) / (2 * h), gk.Item<double>(), "dL/dk by differences", 1e-6);
    });

    [Fact]
    public void A_nonlinear_system_has_the_gradient_of_central_differences() => X64(() =>
    {
        // The Lotka-Volterra equations with their four rates as the argument.
        static NDArray Predation(NDArray y, NDArray t, NDArray r) => Jnp.Stack([
            r[0] * y[0] - r[1] * y[0] * y[1],
            r[2] * y[0] * y[1] - r[3] * y[1]]);
        var t = Jnp.Linspace(0, 2, 5);
        NDArray Loss(NDArray rates) => Jnp.Sum(Jnp.Square(Ode.Odeint(Predation, Jnp.Array(new[] { 1.0, 0.5 }), t, rates)));
        var rates = new[] { 1.1, 0.4, 0.3, 0.9 };
        var grad = Jax.Grad(Loss)(Jnp.Array(rates)).ToArray<double>();
        const double h = 1e-5;
        for (var i = 0; i < rates.Length; i++)
        {
            var (up, down) = ((double[])rates.Clone(), (double[])rates.Clone());
            up[i] += h;
            down[i] -= h;
            var difference = (Loss(Jnp.Array(up)).Item<double>() - Loss(Jnp.Array(down)).Item<double>()) / (2 * h);
            AssertClose(difference, grad[i], $"dL/dr{i}", 1e-5);
        }
    });

    [Fact]
    public void Solve_and_gradient_run_under_jit() => X64(() =>
    {
        var point = (Jnp.Array(1.3), Jnp.Array(Times), Jnp.Array(0.8));
        var eager = Jax.Grad<(NDArray, NDArray, NDArray)>(Loss)(point);
        var jitted = Jax.Jit(Jax.Grad<(NDArray, NDArray, NDArray)>(Loss))(point);
        AssertClose(eager.Item1.Item<double>(), jitted.Item1.Item<double>(), "dL/dy0 under jit", 1e-12);
        AssertClose(eager.Item3.Item<double>(), jitted.Item3.Item<double>(), "dL/dk under jit", 1e-12);
        var (eagerT, jittedT) = (eager.Item2.ToArray<double>(), jitted.Item2.ToArray<double>());
        for (var i = 0; i < Times.Length; i++) AssertClose(eagerT[i], jittedT[i], $"dL/dt{i} under jit", 1e-12);
        var solve = Jax.Jit((NDArray k) => Ode.Odeint(Decay, Jnp.Array(2.0), Jnp.Array(Times), k));
        var values = solve(Jnp.Array(0.5)).ToArray<double>();
        for (var i = 0; i < Times.Length; i++) AssertClose(2 * Math.Exp(-0.5 * Times[i]), values[i], $"jitted y({Times[i]})", 1e-7);
    });

    [Fact]
    public void Vmap_over_y0_solves_each_initial_value_and_differentiates_each() => X64(() =>
    {
        var y0s = Jnp.Array(new[] { 1.0, -0.5, 3.0 });
        var t = Jnp.Array(Times);
        var solve = Jax.Vmap((NDArray y0) => Ode.Odeint(Decay, y0, t, Jnp.Array(0.6)));
        var batched = solve(y0s);
        Assert.Equal(new[] { 3, Times.Length }, batched.Shape);
        var values = batched.ToArray<double>();
        var starts = y0s.ToArray<double>();
        for (var b = 0; b < 3; b++)
            for (var i = 0; i < Times.Length; i++)
                AssertClose(starts[b] * Math.Exp(-0.6 * Times[i]), values[b * Times.Length + i], $"batch {b}, y({Times[i]})", 1e-7);

        // d y(t_last)^2 / d y0 = 2 y0 exp(-2 k t_last) for each batch element.
        var grads = Jax.Vmap(Jax.Grad((NDArray y0) => Jnp.Square(Ode.Odeint(Decay, y0, t, Jnp.Array(0.6))[Times.Length - 1])))(y0s)
            .ToArray<double>();
        for (var b = 0; b < 3; b++) AssertClose(2 * starts[b] * Math.Exp(-1.2 * Times[^1]), grads[b], $"batch {b} gradient", 1e-6);
    });

    [Fact]
    public void Float32_inputs_keep_their_dtype_through_the_gradient() => X64(() =>
    {
        var t = Jnp.Array(new[] { 0f, 1f, 2f });
        var (gy0, gt) = Jax.Grad<(NDArray, NDArray)>(p => Jnp.Sum(Ode.Odeint(Decay, p.Item1, p.Item2, Jnp.Array(0.5f))))((Jnp.Array(2f), t));
        Assert.Equal(DType.Float32, gy0.DType);
        Assert.Equal(DType.Float32, gt.DType);
        AssertClose(1 + Math.Exp(-0.5) + Math.Exp(-1), gy0.Item<double>(), "dL/dy0 in float32", 1e-5);
        AssertClose(-0.5 * 2 * Math.Exp(-1), gt.ToArray<double>()[2], "dL/dt2 in float32", 1e-5);
    });

    [Fact]
    public void A_traced_value_func_closes_over_is_differentiated_too() => X64(() =>
    {
        // d/dk sum(y(0), y(1)) for y' = -k y with k captured rather than passed: -exp(-k).
        NDArray Loss(NDArray k) => Jnp.Sum(Ode.Odeint((NDArray y, NDArray _) => -k * y, Jnp.Array(1.0), Jnp.Array(new[] { 0.0, 1.0 })));
        AssertClose(-Math.Exp(-0.5), Jax.Grad(Loss)(Jnp.Array(0.5)).Item<double>(), "dL/dk through the closure");
        AssertClose(-Math.Exp(-0.5), Jax.Jit(Jax.Grad(Loss))(Jnp.Array(0.5)).Item<double>(), "the same under jit");
        var batched = Jax.Vmap(Jax.Grad(Loss))(Jnp.Array(new[] { 0.5, 2.0 })).ToArray<double>();
        AssertClose(-Math.Exp(-2.0), batched[1], "the same under vmap");
    });

    [Fact]
    public void Bad_input_is_refused_with_a_clear_error() => X64(() =>
    {
        var y0 = Jnp.Array(new[] { 1.0, 2.0 });
        NDArray Same(NDArray y, NDArray _) => y;
        Assert.Contains("one-dimensional", Assert.Throws<ShapeException>(() => Ode.Odeint(Same, y0, Jnp.Zeros([2, 2]))).Message);
        Assert.Throws<ShapeException>(() => Ode.Odeint(Same, y0, Jnp.Zeros([0])));
        Assert.Contains("real floating", Assert.Throws<ArgumentException>(() => Ode.Odeint(Same, y0, Jnp.Array(new[] { 0, 1 }))).Message);
        Assert.Contains("increasing", Assert.Throws<ArgumentException>(() => Ode.Odeint(Same, y0, Jnp.Array(new[] { 0.0, 2.0, 1.0 }))).Message);
        Assert.Throws<ArgumentException>(() => Ode.Odeint(Same, Jnp.Array(new[] { 1, 2 }), Jnp.Array(new[] { 0.0, 1.0 })));
        Assert.Throws<ArgumentException>(() => Ode.Odeint(Same, y0, Jnp.Array(new[] { 0.0, 1.0 }), mxstep: double.NaN));
        var shape = Assert.Throws<ShapeException>(() => Ode.Odeint((NDArray y, NDArray _) => Jnp.Concatenate([y, y]), y0, Jnp.Array(new[] { 0.0, 1.0 })));
        Assert.Contains("[4]", shape.Message);
        Assert.Throws<ShapeException>(() => Ode.Odeint((NDArray[] y, NDArray _) => [y[0]], [y0, y0], Jnp.Array(new[] { 0.0, 1.0 })));
    });

    [Fact]
    public void A_NaN_initial_value_gives_NaN() => X64(() =>
    {
        var ys = Ode.Odeint((NDArray y, NDArray _) => -y, Jnp.Array(new[] { double.NaN }), Jnp.Array(new[] { 0.0, 1.0 })).ToArray<double>();
        Assert.True(double.IsNaN(ys[0]) && !double.IsFinite(ys[1]), $"got {ys[0]}, {ys[1]}");
    });

    private static void AssertClose(double expected, double actual, string what, double tolerance = 1e-6) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: {actual}, expected {expected}");

    private static void X64(Action test) => RandomDistributionX64Tests.WithX64(test);
}
