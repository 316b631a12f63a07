using static JaxNet.Tests.Api.Expect;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Api;

/// <summary>lax.composite: a named decomposition kept as one staged equation, lowered and transformed through its body.</summary>
public class LaxCompositeTests
{
    private static readonly Func<NDArray, NDArray> Softplus = Lax.Composite(x => Jnp.Log1p(Jnp.Exp(x)), "my.softplus",
        new Dictionary<string, object> { ["beta"] = 1.0, ["kind"] = "smooth", ["exact"] = true, ["order"] = 2 }, version: 1);

    private static double ExactSoftplus(double x) => Math.Log(1 + Math.Exp(x));

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    [Fact]
    public void StagedItIsOneNamedEquation()
    {
        var jaxpr = Jax.MakeJaxpr((NDArray x) => Softplus(x) * 2f)(F(1, 2));
        Assert.Equal(["composite", "mul"], jaxpr.Jaxpr.Eqns.Select(e => e.Primitive.Name));
        var p = jaxpr.Jaxpr.Eqns[0].Params;
        Assert.Equal("my.softplus", p.Get<string>("name"));
        Assert.Equal(1, p.Get<int>("version"));
        var text = jaxpr.ToString();
        Assert.Contains("name=my.softplus", text);
        Assert.Contains("beta=1, exact=True, kind='smooth', order=2", text);
    }

    [Fact]
    public void LoweringInlinesTheDecomposition()
    {
        var f = Jax.Jit((NDArray x) => Softplus(x));
        var x = F(-30, 0, 1, 30);
        Assert.DoesNotContain(f.Lower(x).Jaxpr.Jaxpr.Eqns, e => e.Primitive.Name == "composite");
        Values([ExactSoftplus(-30), ExactSoftplus(0), ExactSoftplus(1), 30], f(x), tol: 1e-5);
        Values([ExactSoftplus(-30), ExactSoftplus(0), ExactSoftplus(1), 30], Softplus(x), tol: 1e-5); // eager: the body runs
    }

    [Fact]
    public void GradientsAndVmapGoThroughTheDecomposition()
    {
        var x = F(-1, 0, 2);
        double[] expected = [Sigmoid(-1), Sigmoid(0), Sigmoid(2)];
        var loss = (NDArray v) => Jnp.Sum(Softplus(v));
        Values(expected, Jax.Grad(Jax.Jit(loss))(x));
        Values(expected, Jax.Jit(Jax.Grad(loss))(x));
        var (_, tangent) = Jax.Jvp(Jax.Jit(Softplus), [x], [Jnp.OnesLike(x)]);
        Values(expected, tangent);
        var batched = Jax.Jit(Jax.Vmap(Softplus))(Jnp.Array(new float[,] { { 0, 1 }, { 2, 3 } }));
        Values([ExactSoftplus(0), ExactSoftplus(1), ExactSoftplus(2), ExactSoftplus(3)], batched, shape: [2, 2]);
        var staged = Jax.MakeJaxpr(Jax.Vmap(Softplus))(Jnp.Zeros([2, 2]));
        Assert.Contains(staged.Jaxpr.Eqns, e => e.Primitive.Name == "composite"); // batched, still named
    }

    [Fact]
    public void ClosedOverValuesAndManyResults()
    {
        var scale = F(3);
        var pair = Lax.Composite(a => [a[0] * scale, a[0] + a[1]], "pair");
        var r = Jax.Jit((NDArray a, NDArray b) => Jnp.Stack(pair([a, b])))(F(1, 2), F(10, 20));
        Values([3, 6, 11, 22], r, shape: [2, 2]);
    }

    [Fact]
    public void BadNamesVersionsAndAttributesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => Lax.Composite(Jnp.Sin, ""));
        Assert.Throws<ArgumentOutOfRangeException>(() => Lax.Composite(Jnp.Sin, "sin", version: -1));
        Assert.Throws<ArgumentException>(() => Lax.Composite(Jnp.Sin, "sin", new Dictionary<string, object> { ["w"] = F(1) }));
        Assert.Throws<ArgumentNullException>(() => Lax.Composite((Func<NDArray, NDArray>)null!, "sin"));
    }
}
