using JaxNet.Core;
using static JaxNet.Tests.Api.Expect;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Api;

/// <summary>lax.approx_max_k and approx_min_k, which are exact here: values and indices, any dimension, gradients,
/// Jit and Vmap, and JAX's argument checks.</summary>
public class LaxApproxTopKTests
{
    [Fact]
    public void Max_k_and_min_k_are_exact()
    {
        var x = F(9, 3, 6, 4, 10, float.NaN);
        var (top, where) = Lax.ApproxMaxK(F(9, 3, 6, 4, 10), 3, recallTarget: 0.5);
        Assert.Equal([10f, 9, 6], top.ToArray<float>());
        Ints([4, 0, 2], where);
        var (bottom, at) = Lax.ApproxMinK(x, 3);
        Assert.Equal([3f, 4, 6], bottom.ToArray<float>());
        Ints([1, 3, 2], at);
        var (all, _) = Lax.ApproxMinK(x, 6, aggregateToTopk: false);
        Assert.Equal(6, all.Shape[0]);
        Assert.True(float.IsNaN(all.ToArray<float>()[5]));
    }

    [Fact]
    public void Along_the_first_dimension_with_jit_vmap_and_gradient()
    {
        var grid = Jnp.Reshape(F(4, 1, 3, 2, 9, 0), [3, 2]);
        var (lows, rows) = Lax.ApproxMinK(grid, 2, reductionDimension: 0);
        Assert.Equal([3f, 0, 4, 1], lows.ToArray<float>());
        Ints([1, 2, 0, 0], rows);
        var jitted = Jax.Jit((NDArray a) => Lax.ApproxMaxK(a, 1).Values)(grid);
        Assert.Equal([4f, 3, 9], jitted.ToArray<float>());
        var mapped = Jax.Vmap((NDArray a) => Lax.ApproxMinK(a, 1).Values)(grid);
        Assert.Equal([1f, 2, 0], mapped.ToArray<float>());
        var grad = Jax.Grad(a => Jnp.Sum(Lax.ApproxMinK(a, 2).Values * F(1, 10)))(F(5, 1, 3));
        Assert.Equal([0f, 1, 10], grad.ToArray<float>());
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Lax.ApproxMaxK(F(1, 2), 3));
        Assert.Throws<ArgumentException>(() => Lax.ApproxMinK(F(1, 2), -1));
        Assert.Throws<ArgumentException>(() => Lax.ApproxMaxK(F(1, 2), 1, recallTarget: 0));
        Assert.Throws<ArgumentException>(() => Lax.ApproxMaxK(F(1, 2), 1, recallTarget: 1.5));
        Assert.Throws<ArgumentException>(() => Lax.ApproxMaxK(F(1, 2, 3), 1, reductionInputSizeOverride: 2));
        Assert.Throws<ShapeException>(() => Lax.ApproxMaxK(Jnp.Array(1f), 1));
        Assert.Throws<ShapeException>(() => Lax.ApproxMinK(F(1, 2), 1, reductionDimension: 2));
    }
}
