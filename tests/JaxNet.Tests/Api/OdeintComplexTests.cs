using System.Numerics;
using Ode = JaxNet.Jax.Experimental.Ode;

namespace JaxNet.Tests.Api;

/// <summary>
/// odeint with complex states and arguments (JAX's odeint takes them): y' = lambda y with complex y0 and lambda
/// against y0 e^(lambda t), a complex state beside a real one in a pytree, reverse-mode gradients with respect to
/// y0 and lambda (JAX's convention, df/dx - i df/dy) against the closed form and central differences, the same under
/// Jit and Vmap, and the dtypes still refused. complex128 (x64 on).
/// </summary>
[Collection(nameof(X64Collection))]
public class OdeintComplexTests
{
    private static readonly double[] Times = [0, 0.4, 1.1, 2.0];
    private static readonly Complex Lambda = new(-0.3, 2.2);
    private static readonly Complex[] Y0 = [new(1, 0.5), new(-0.3, 2)];

    private static NDArray Z(params Complex[] v) => Jnp.FromHost<Complex>(v, [v.Length], DType.Complex128);

    private static NDArray Linear(NDArray y, NDArray t, NDArray lambda) => lambda * y;

    private static NDArray Solve(NDArray y0, NDArray lambda) => Ode.Odeint(Linear, y0, Jnp.Array(Times), lambda, rtol: 1e-10, atol: 1e-10);

    /// <summary>sum over times and elements of |y|^2 weighted by the time, plus the real part of y (a real loss
    /// that is not a function of |y| alone).</summary>
    private static NDArray Loss(NDArray y0, NDArray lambda)
    {
        var ys = Solve(y0, lambda);
        var weights = Jnp.Array(new[] { 0.5, 1.0, -0.7, 0.3 }).Reshape(4, 1);
        return Jnp.Sum(weights * (Jnp.Real(ys * Jnp.Conj(ys)) + Jnp.Real(ys)));
    }

    [Fact]
    public void A_complex_linear_system_matches_its_closed_form() => RandomDistributionX64Tests.WithX64(() =>
    {
        var ys = Solve(Z(Y0), Z(Lambda).Reshape());
        Assert.Equal(DType.Complex128, ys.DType);
        var expected = Times.SelectMany(t => Y0.Select(y => y * Complex.Exp(Lambda * t))).ToArray();
        ComplexCheck.Near(expected, ys, DType.Complex128, [Times.Length, 2], tol: 1e-8);
    });

    [Fact]
    public void A_pytree_holds_a_complex_leaf_beside_a_real_one() => RandomDistributionX64Tests.WithX64(() =>
    {
        // u' = i u (a rotation), v' = -v: each leaf keeps its dtype.
        var (u, v) = Ode.Odeint(((NDArray U, NDArray V) s, NDArray _) => (s.U * new Complex(0, 1), -s.V), (Z(Complex.One), Jnp.Array(new[] { 2.0 })),
            Jnp.Array(Times), rtol: 1e-10, atol: 1e-10);
        Assert.Equal(DType.Complex128, u.DType);
        Assert.Equal(DType.Float64, v.DType);
        ComplexCheck.Near(Times.Select(t => Complex.Exp(new Complex(0, t))).ToArray(), u, DType.Complex128, [4, 1], tol: 1e-8);
        Expect.Values(Times.Select(t => 2 * Math.Exp(-t)).ToArray(), v, DType.Float64, [4, 1], tol: 1e-8);
    });

    [Fact]
    public void Gradients_with_respect_to_complex_y0_and_lambda_follow_jaxs_convention() => RandomDistributionX64Tests.WithX64(() =>
    {
        var (y0, lambda) = (Z(Y0), Z(Lambda).Reshape());
        // Closed form: y = y0 e^(lambda t) = y0 E. JAX's gradient of a real L is dL/dx - i dL/dy = 2 dL/dz (Wirtinger),
        // and d/dz of |y|^2 = z conj(z) |E|^2 is conj(y) E, of Re y = (z E + conj(z E))/2 is E/2.
        double[] w = [0.5, 1.0, -0.7, 0.3];
        var expected = Y0.Select(y => Times.Select((t, i) => w[i] * (2 * Complex.Conjugate(y * Complex.Exp(Lambda * t)) + 1) * Complex.Exp(Lambda * t))
            .Aggregate(Complex.Zero, (a, b) => a + b)).ToArray();
        var grad = Jax.Grad((NDArray z) => Loss(z, lambda))(y0);
        ComplexCheck.Near(expected, grad, DType.Complex128, [2], tol: 1e-7);
        ComplexCheck.GradMatchesFiniteDifferences(z => Loss(z, lambda), y0, 1e-6, 1e-6);
        ComplexCheck.GradMatchesFiniteDifferences(l => Loss(y0, l.Reshape()), lambda.Reshape(1), 1e-6, 1e-6);
    });

    [Fact]
    public void Jit_and_vmap_agree_with_the_eager_solve_and_gradient() => RandomDistributionX64Tests.WithX64(() =>
    {
        var lambda = Z(Lambda).Reshape();
        var batch = Jnp.FromHost<Complex>([new(1, 0.5), new(-0.3, 2), new(0.7, -1), new(0, 0.25)], [2, 2], DType.Complex128);
        ComplexCheck.JitAndVmapAgree(z => Solve(z, lambda), batch, 1e-9);
        ComplexCheck.JitAndVmapAgree(z => Jax.Grad((NDArray y) => Loss(y, lambda))(z), batch, 1e-9);
    });

    [Fact]
    public void Integer_and_boolean_states_are_still_refused() => RandomDistributionX64Tests.WithX64(() =>
    {
        var t = Jnp.Array(new[] { 0.0, 1.0 });
        var e = Assert.Throws<ArgumentException>(() => Ode.Odeint((NDArray y, NDArray _) => y, Jnp.Array(new[] { 1, 2 }), t));
        Assert.Contains("floating or complex", e.Message);
        Assert.Throws<ArgumentException>(() => Ode.Odeint((NDArray y, NDArray _) => y, Jnp.Array(new[] { true }), t));
        Assert.Contains("real floating", Assert.Throws<ArgumentException>(() => Ode.Odeint((NDArray y, NDArray _) => y, Z(Y0), Z(Y0))).Message);
    });
}
