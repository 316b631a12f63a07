using JaxNet.Tests.Api;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Transforms;

/// <summary>
/// Lax.ForiLoop&lt;T&gt; with int bounds and a pytree carry: a scan (as JAX lowers fori_loop with concrete bounds), so
/// reverse mode, Jit and Vmap go through it. Checked against the same steps unrolled in C# (the Python-style loop).
/// </summary>
public class ForiLoopStaticPytreeTests
{
    private static readonly NDArray Weight = Jnp.Array(new[] { 0.3f, -0.7f, 1.1f });

    /// <summary>One step of a two-leaf recurrence that mixes the counter, both leaves and a closed-over weight.</summary>
    private static (NDArray X, NDArray V) Step(NDArray i, (NDArray X, NDArray V) c) =>
        (c.X * Jnp.Cos(c.V) + 0.1f * i.Astype(DType.Float32), c.V + Jnp.Tanh(c.X * Weight));

    private static NDArray Looped(NDArray x)
    {
        var (a, b) = Lax.ForiLoop(1, 6, Step, (x, 0.5f * x));
        return Jnp.Sum(a * b);
    }

    private static NDArray Unrolled(NDArray x)
    {
        var c = (X: x, V: 0.5f * x);
        for (var i = 1; i < 6; i++) c = Step(Jnp.Array(i), c);
        return Jnp.Sum(c.X * c.V);
    }

    private static readonly NDArray X = Jnp.Array(new[] { 0.2f, -1.3f, 0.8f });

    [Fact]
    public void Is_a_scan_and_reverse_differentiable()
    {
        // It was a while loop over array bounds, which Jax.Grad refuses.
        var jaxpr = Jax.MakeJaxpr(Looped)(X).ToString();
        Assert.Contains("scan", jaxpr);
        Assert.DoesNotContain("while", jaxpr);
        Assert.Equal(Unrolled(X).Item<float>(), Looped(X).Item<float>(), 5);
        Expect.Values(Jax.Grad(Unrolled)(X).ToArray<float>().Select(v => (double)v).ToArray(), Jax.Grad(Looped)(X), tol: 1e-5);
    }

    [Fact]
    public void Jit_and_vmap_of_the_gradient_agree_with_the_unrolled_loop()
    {
        var batch = Jnp.Array(new float[,] { { 0.2f, -1.3f, 0.8f }, { 1.5f, 0.1f, -0.4f } });
        var expected = Enumerable.Range(0, 2).SelectMany(r => Jax.Grad(Unrolled)(batch[r]).ToArray<float>()).Select(v => (double)v).ToArray();
        Expect.Values(expected[..3], Jax.Jit(Jax.Grad(Looped))(batch[0]), tol: 1e-5);
        Expect.Values(expected, Jax.Vmap(Jax.Grad(Looped))(batch), shape: [2, 3], tol: 1e-5);
        Expect.Values(expected, Jax.Jit(Jax.Vmap(Jax.Grad(Looped)))(batch), shape: [2, 3], tol: 1e-5);
    }

    [Fact]
    public void Empty_and_reversed_ranges_return_the_carry_and_its_identity_gradient()
    {
        foreach (var (lo, hi) in new[] { (3, 3), (5, 2) })
        {
            NDArray F(NDArray x) => Jnp.Sum(Lax.ForiLoop(lo, hi, Step, (X: x, V: 2f * x)).V);
            Assert.Equal(2f * (0.2f - 1.3f + 0.8f), F(X).Item<float>(), 5);
            Expect.Values([2, 2, 2], Jax.Grad(F)(X));
        }
    }

    [Fact]
    public void A_body_that_changes_the_structure_is_named()
    {
        var e = Assert.Throws<ShapeException>(() => Lax.ForiLoop(0, 2, (i, c) => new List<NDArray> { c[0], c[0] }, new List<NDArray> { X }));
        Assert.Contains("fori_loop: body_fun must return the structure", e.Message);
    }
}
