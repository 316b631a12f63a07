using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.ScipySpecialChecks;
using Special = JaxNet.Jax.Scipy.Special;

namespace JaxNet.Tests.Api;

/// <summary>Special.Poch and Special.Bernoulli against mpmath (40 digits), and the lax names of the special functions
/// against their scipy forms, with lax's dtype and shape rules.</summary>
public class ScipySpecialPochBernoulliTests
{
    [Fact]
    public void PochMatchesMpmathAndKeepsJaxEdges()
    {
        var z = D(2, 0.5, -1.5, -2.5, 200, 1e-3, 10, 3, 7.25);
        var m = D(3, 2.5, 2, 0.7, 2, 5, -3.5, 0, -2);
        Relative([24.0, 1.1283791670955126, 0.75, -3.372534117194584, 40200.0, 0.024050035010001, 0.000793334650063504, 1.0,
            0.030476190476190476], Special.Poch(z, m), 1e-12);
        // As JAX's gamma ratio: NaN at the negative-integer poles, Γ(0) = inf makes inf or 0, m = 0 gives 1 even at a
        // pole, NaN propagates.
        Relative([double.NaN, 1, double.PositiveInfinity, 0, double.NaN], Special.Poch(D(-2, -2, 1, 0, double.NaN), D(1, 0, -1, 1, 1)), 0);
        Relative32([24.0, 1.1283791670955126], Special.Poch(Jnp.Array(new[] { 2f, 0.5f }), Jnp.Array(new[] { 3f, 2.5f })), 5e-6);
        // Integers promote to the default float; the arguments broadcast.
        Assert.Equal(Special.Gammaln(Jnp.Array(new[] { 2, 3 })).DType, Special.Poch(Jnp.Array(new[] { 2, 3 }), 2).DType);
        Relative([6, 12, 20], Special.Poch(D(2, 3, 4), D(2)), 1e-13);
        Assert.ThrowsAny<Exception>(() => Special.Poch(D(1, 2), D(1, 2, 3)));
    }

    [Fact]
    public void PochDerivativesAgreeWithFiniteDifferencesUnderJitAndVmap()
    {
        GradCheck.Check(Special.Poch, D(0.7, 2.5, 4, 9), D(1.5, 0.3, 2, -1.2), order: 1);
        var z = D(0.7, 2.5, 4);
        var digammaDifference = (Special.Digamma(z + 2) - Special.Digamma(z)) * Special.Poch(z, 2);
        Relative(digammaDifference.ToArray<double>(), Jax.Vmap(Jax.Grad((NDArray x) => Special.Poch(x, 2)))(z), 1e-12);
        Relative(Special.Poch(z, D(2)).ToArray<double>(), Jax.Jit((NDArray x) => Special.Poch(x, 2))(z), 1e-14);
    }

    [Fact]
    public void BernoulliNumbersAreExactRationalsRounded()
    {
        Relative([1.0, -0.5, 0.16666666666666666, 0.0, -0.03333333333333333, 0.0, 0.023809523809523808, 0.0,
            -0.03333333333333333, 0.0, 0.07575757575757576, 0.0, -0.2531135531135531], Special.Bernoulli(12), 6e-8, DType.Float32);
        // The default float (float32 here) rounds the exact values once; B₆₆ is beyond its range.
        var b = Special.Bernoulli(66).ToArray<double>();
        Assert.Equal(67, b.Length);
        Assert.Equal(7.500866746076964e+24, b[50], 6e-8 * 7.5e24);
        Assert.True(double.IsFinite(b[64]) && double.IsPositiveInfinity(b[66]));
        Relative([1.0], Special.Bernoulli(0), 0, DType.Float32);
        Relative([1.0, -0.5], Special.Bernoulli(1), 0, DType.Float32);
        Assert.Throws<ArgumentException>(() => Special.Bernoulli(-1));
    }

    [Fact]
    public void LaxNamesForwardToTheScipyFormsUnderLaxRules()
    {
        var a = D(0.5, 2, 7);
        var x = D(0.3, 2.5, 4);
        Relative(Special.Gammainc(a, x).ToArray<double>(), Jax.Lax.Igamma(a, x), 0);
        Relative(Special.Gammaincc(a, x).ToArray<double>(), Jax.Lax.Igammac(a, x), 0);
        Relative(Special.Gammainc(D(2), x).ToArray<double>(), Jax.Lax.Igamma(2.0, x), 0);
        var p = D(0.2, 0.5, 0.9);
        Relative(Special.Betainc(a, x, p).ToArray<double>(), Jax.Lax.RegularizedIncompleteBeta(a, x, p), 0);
        Relative(Special.I0e(x).ToArray<double>(), Jax.Lax.BesselI0e(x), 0);
        Relative(Special.I1e(x).ToArray<double>(), Jax.Lax.BesselI1e(x), 0);
        // lax neither promotes integers nor mixes dtypes nor broadcasts beyond scalars.
        Assert.Throws<ArgumentException>(() => Jax.Lax.BesselI0e(Jnp.Array(new[] { 1, 2 })));
        Assert.Throws<ArgumentException>(() => Jax.Lax.Igamma(a, Jnp.Array(new[] { 1f, 2f, 3f })));
        Assert.Throws<ShapeException>(() => Jax.Lax.Igammac(a, D(1, 2)));
        var grad = Jax.Grad((NDArray v) => Jnp.Sum(Jax.Lax.Igamma(a, v)))(x);
        Relative(Jax.Grad((NDArray v) => Jnp.Sum(Special.Gammainc(a, v)))(x).ToArray<double>(), grad, 1e-15);
    }
}
