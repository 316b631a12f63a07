using System.Numerics;
using static JaxNet.Tests.Api.ComplexCheck;

namespace JaxNet.Tests.Api;

/// <summary>jax.nn's smooth activations and jnp.logaddexp on complex64, as JAX computes them (lax.logistic and
/// logaddexp's complex branch), against System.Numerics' principal exp and log; relu and softmax's shift in JAX's
/// complex order.</summary>
public class ComplexNnTests
{
    private static readonly Complex[] Z = [new(1, 2), new(-3, 0.5), new(0, -1), new(2.5, 0), new(-0.5, -1.5)];

    private static Complex[] Map(Func<Complex, Complex> f) => Z.Select(f).ToArray();

    private static Complex Sigmoid(Complex z) => 1 / (1 + Complex.Exp(-z));

    private static Complex Logaddexp(Complex x, Complex y) => Complex.Log(Complex.Exp(x) + Complex.Exp(y));

    [Fact]
    public void SmoothActivationsTakeComplexValues()
    {
        var z = C(Z);
        Near(Map(Sigmoid), Jax.Nn.Sigmoid(z));
        Near(Map(v => v * Sigmoid(v)), Jax.Nn.Silu(z));
        Near(Map(v => Logaddexp(v, 0)), Jax.Nn.Softplus(z));
        Near(Map(v => -Logaddexp(-v, 0)), Jax.Nn.LogSigmoid(z));
    }

    [Fact]
    public void LogaddexpWrapsTheImaginaryPart()
    {
        Complex[] x = [new(1, 2), new(0, 2.5), new(30, 1), new(-2, 2)];
        Complex[] y = [new(0.5, -1), new(0, -3), new(-30, 0), new(-2, -3)];
        Near(x.Zip(y, Logaddexp).ToArray(), Jnp.Logaddexp(C(x), C(y)));
        Near(x.Zip(y, Logaddexp).ToArray(), Jnp.Logaddexp(C(y), C(x)));
        // Large real parts stay finite: e^800 overflows, the form with the maximum does not.
        Near([new(800 + Math.Log(2 * Math.Cos(0.5)), 0)], Jnp.Logaddexp(C(new Complex(800, 0.5)), C(new Complex(800, -0.5))), tol: 1e-6);
    }

    [Fact]
    public void GradientsAndTransforms()
    {
        GradMatchesFiniteDifferences(a => Jnp.Sum(Jnp.Abs(Jax.Nn.Sigmoid(a))), C(Z), 1e-3, 3e-3);
        GradMatchesFiniteDifferences(a => Jnp.Real(Jnp.Sum(Jax.Nn.Softplus(a) * C(Z))), C(Z), 1e-3, 3e-3);
        var batch = Jnp.Reshape(C([.. Z, new(0.25, 0.25)]), [2, 3]);
        JitAndVmapAgree(r => Jax.Nn.Silu(r), batch);
        JitAndVmapAgree(r => Jnp.Logaddexp(r, r[0]), batch);
    }

    [Fact]
    public void ReluIsTheLexicographicMaximumWithZero()
    {
        // jax.nn.relu is jnp.maximum(x, 0): complex values in JAX's order, with its JVP where(x > 0, t, 0).
        Near([new(1, 2), Complex.Zero, Complex.Zero, new(2.5, 0), Complex.Zero], Jax.Nn.Relu(C(Z)));
        Near([Complex.One, Complex.Zero, Complex.Zero, Complex.One, Complex.Zero], Jax.Grad((NDArray a) => Jnp.Real(Jnp.Sum(Jax.Nn.Relu(a))))(C(Z)));
    }

    [Fact]
    public void SoftmaxShiftsByTheLexicographicMaximum()
    {
        // As JAX: exp(z - max z) / Σ exp(z - max z), max in the complex order (only a shift: the value is exp(z) / Σ exp(z)).
        var total = Z.Aggregate(Complex.Zero, (s, v) => s + Complex.Exp(v));
        Near(Map(v => Complex.Exp(v) / total), Jax.Nn.Softmax(C(Z)));
        Near(Map(v => Complex.Log(Complex.Exp(v) / total)), Jax.Nn.LogSoftmax(C(Z)));
        // logsumexp's imaginary part is defined up to 2πk: compare its exponential.
        Near([total], Jnp.Exp(Jax.Nn.Logsumexp(C(Z))).Reshape(1));
        GradMatchesFiniteDifferences(a => Jnp.Sum(Jnp.Abs(Jax.Nn.Softmax(a))), C(Z), 1e-3, 3e-3);
    }
}
