using static JaxNet.Tests.Api.ScipySpecialChecks;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Api;

/// <summary>lax.igamma_grad_a and lax.random_gamma_grad against mpmath (40 digits): <c>diff(lambda t:
/// gammainc(t, 0, x, regularized=True), a)</c>, and its quotient by the Gamma(a) density x^(a−1) e^(−x) / Γ(a), negated.</summary>
[Collection(nameof(X64Collection))]
public class LaxIgammaGradTests
{
    private static readonly double[] As = [0.5, 2.0, 7.5, 3.0, 0.8, 20.0];
    private static readonly double[] Xs = [0.3, 2.0, 9.0, 0.5, 4.0, 15.0];
    private static readonly double[] GradA =
        [-0.7705703513753519, -0.29400469074623087, -0.11761013727635435, -0.02852023587882894, -0.029209344757468, -0.04851376809420051];
    private static readonly double[] SampleGrad =
        [1.0098019459488545, 1.0862085766363285, 1.1185401953866183, 0.37617535631048193, 2.4499116327949975, 0.8702478030170773];

    [Fact]
    public void MatchMpmathInFloat64AndFloat32()
    {
        Relative(GradA, Lax.IgammaGradA(D(As), D(Xs)), 1e-10);
        Relative(SampleGrad, Lax.RandomGammaGrad(D(As), D(Xs)), 1e-10);
        var (a32, x32) = (D(As).Astype(DType.Float32), D(Xs).Astype(DType.Float32));
        Relative32(GradA, Lax.IgammaGradA(a32, x32), 1e-4);
        Relative32(SampleGrad, Lax.RandomGammaGrad(a32, x32), 1e-4);
    }

    [Fact]
    public void AgreesWithIgammasOwnDerivativeAndTransforms()
    {
        var (a, x) = (D(As), D(Xs));
        var viaGrad = Jax.Vmap(Jax.Grad((NDArray u, NDArray v) => Lax.Igamma(u, v)))(a, x);
        Relative(viaGrad.ToArray<double>(), Lax.IgammaGradA(a, x), 1e-14);
        var jitted = Jax.Jit((NDArray u, NDArray v) => Lax.RandomGammaGrad(u, v));
        Relative(SampleGrad, jitted(a, x), 1e-10);
        Relative(SampleGrad, Jax.Vmap((NDArray u, NDArray v) => Lax.RandomGammaGrad(u, v))(a, x), 1e-10);
    }

    [Fact]
    public void EdgesAndBadInput()
    {
        Assert.True(Jnp.All(Jnp.IsNan(Lax.IgammaGradA(D(-1, double.NaN), D(1, 1)))).Item<bool>());
        Assert.Throws<ArgumentException>(() => Lax.IgammaGradA(Jnp.Array(new[] { 1 }), Jnp.Array(new[] { 1 })));
        Assert.Throws<ArgumentException>(() => Lax.RandomGammaGrad(D(1), Jnp.Array(new[] { 1f })));
        Assert.Throws<ShapeException>(() => Lax.IgammaGradA(D(1, 2), D(1, 2, 3)));
    }
}
