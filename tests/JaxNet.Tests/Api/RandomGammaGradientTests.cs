using JaxRandom = JaxNet.Jax.Random;
using Special = JaxNet.Jax.Scipy.Special;

namespace JaxNet.Tests.Api;

/// <summary>
/// jax.random.gamma differentiated in its shape parameter (implicit reparameterisation, as JAX): each draw's derivative
/// against -(dF/da) / f(x) of the gamma CDF at that draw, computed by another path (Gammainc's own derivative and the
/// density); the pathwise estimates of d E[X]/da = 1, d E[log X]/da = trigamma(a) and, through two gammas,
/// d E[Beta(a, b)]/da = b / (a + b)^2 within five standard errors; and the same under Jit.
/// </summary>
[Collection(nameof(X64Collection))]
public class RandomGammaGradientTests
{
    private const int Draws = 20_000;

    [Theory]
    [InlineData(0.3)]
    [InlineData(2.0)]
    [InlineData(9.5)]
    public void Each_draws_derivative_is_the_implicit_one(double a) => RandomDistributionX64Tests.WithX64(() =>
    {
        var key = JaxRandom.PRNGKey(7);
        var alphas = Jnp.Full([64], a);
        var draws = JaxRandom.Gamma(key, alphas).ToArray<double>();
        var derivatives = Jax.Grad((NDArray alpha) => Jnp.Sum(JaxRandom.Gamma(key, alpha)))(alphas).ToArray<double>();

        var x = Jnp.Array(draws);
        var dCdfDa = Jax.Grad((NDArray alpha) => Jnp.Sum(Special.Gammainc(alpha, x)))(alphas).ToArray<double>();
        for (var i = 0; i < draws.Length; i++)
        {
            var logDensity = (a - 1) * Math.Log(draws[i]) - draws[i] - Special.Gammaln(Jnp.Array(a)).Item<double>();
            var expected = -dCdfDa[i] / Math.Exp(logDensity);
            Assert.True(Math.Abs(derivatives[i] - expected) <= 1e-7 * Math.Abs(expected) + 1e-12,
                $"a = {a}, draw {i} = {draws[i]}: dx/da = {derivatives[i]}, implicit {expected}");
        }
    });

    [Theory]
    [InlineData(0.3)]
    [InlineData(2.0)]
    [InlineData(9.5)]
    public void Pathwise_gradients_estimate_the_derivative_of_the_mean(double a)
    {
        var key = JaxRandom.PRNGKey(11);
        var alphas = Jnp.Full([Draws], (float)a);
        var perDraw = Jax.Grad((NDArray alpha) => Jnp.Sum(JaxRandom.Gamma(key, alpha)))(alphas).ToArray<float>();
        AssertMean(perDraw, 1, $"d E[Gamma({a})]/da");

        // log space: d E[log X]/da = trigamma(a).
        var logPerDraw = Jax.Grad((NDArray alpha) => Jnp.Sum(JaxRandom.LogGamma(key, alpha)))(alphas).ToArray<float>();
        AssertMean(logPerDraw, Special.Polygamma(Jnp.Array(1), Jnp.Array((float)a)).Item<float>(), $"d E[log Gamma({a})]/da");
    }

    [Fact]
    public void Samplers_built_on_gamma_are_differentiable_and_jit_agrees()
    {
        var key = JaxRandom.PRNGKey(3);
        var (a, b) = (2f, 3f);
        var alphas = Jnp.Full([Draws], a);
        Func<NDArray, NDArray> beta = alpha => Jnp.Sum(JaxRandom.Beta(key, alpha, Jnp.Array(b)));
        var perDraw = Jax.Grad(beta)(alphas).ToArray<float>();
        AssertMean(perDraw, b / ((a + b) * (a + b)), "d E[Beta(2, 3)]/da");

        var jitted = Jax.Jit(Jax.Grad(beta))(alphas).ToArray<float>();
        Assert.Equal(perDraw, jitted);
    }

    [Fact]
    public void Negative_and_NaN_shapes_give_NaN_derivatives()
    {
        var key = JaxRandom.PRNGKey(5);
        // A negative a draws NaN, and so is its derivative; a NaN a likewise.
        var derivatives = Jax.Grad((NDArray alpha) => Jnp.Sum(JaxRandom.Gamma(key, alpha)))(Jnp.Array(new[] { -1f, float.NaN, 1f })).ToArray<float>();
        Assert.True(float.IsNaN(derivatives[0]) && float.IsNaN(derivatives[1]), string.Join(", ", derivatives));
        Assert.True(float.IsFinite(derivatives[2]) && derivatives[2] > 0, $"{derivatives[2]}");
    }

    private static void AssertMean(float[] values, double expected, string what)
    {
        var mean = values.Average(v => (double)v);
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        var standardError = Math.Sqrt(variance / values.Length);
        Assert.True(Math.Abs(mean - expected) <= 5 * standardError,
            $"{what}: pathwise mean {mean} against {expected} (standard error {standardError})");
    }
}
