using JaxNet.Tests.Transforms;
using static JaxNet.Tests.Api.ScipySpecialChecks;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Api;

/// <summary>lax.clamp and the *_in_dim slicing helpers: values against hand-worked NumPy equivalents
/// (np.clip, x[i], x[:, s:s+n]), JAX's clamping of dynamic starts, derivatives, Jit and Vmap, and bad input.</summary>
public class LaxClampAndInDimTests
{
    [Fact]
    public void ClampLimitsToTheBoundsAndKeepsNaN()
    {
        var x = D(-3, -1, 0.5, 1, 4, double.NaN);
        Relative([-1, -1, 0.5, 1, 2, double.NaN], Lax.Clamp(-1.0, x, 2.0), 0);
        // Bounds of the operand's shape, elementwise.
        Relative([0, -1, 0.5, 1, 3, double.NaN], Lax.Clamp(D(0, -2, 0, 0, 0, 0), x, D(1, 1, 1, 1, 3, 3)), 0);
        // Integers stay integers.
        Assert.Equal([0, 0, 1, 2, 2], Lax.Clamp(0, Jnp.Array(new[] { -5, 0, 1, 2, 9 }), 2).ToArray<int>());
        Assert.Equal([0], Lax.Clamp(0.0, D(), 1.0).Shape);
    }

    [Fact]
    public void ClampDerivatives()
    {
        // d/dx is 1 strictly inside the bounds, 0 outside; the bound that is the result gets the cotangent.
        var x = D(-3, 0.5, 4);
        Relative([0, 1, 0], Jax.Grad((NDArray u) => Jnp.Sum(Lax.Clamp(-1.0, u, 2.0)))(x), 0);
        var lo = Jax.Grad((NDArray m) => Jnp.Sum(Lax.Clamp(m, x, D(2, 2, 2))))(D(-1, -1, -1));
        Relative([1, 0, 0], lo, 0);
        GradCheck.Check(u => Lax.Clamp(-1.0, u, 2.0) * u, D(-2.5, 0.3, 1.7, 3));
        Expect.JitAndVmapAgree(u => Lax.Clamp(-1.0, u, 1.5), Shaped([-3, -0.5, 0.25, 0.8, 1.5, 7], 2, 3));
    }

    [Fact]
    public void ClampRefusesBadBounds()
    {
        Assert.Throws<ShapeException>(() => Lax.Clamp(D(0, 1), D(1, 2, 3), 2.0));
        Assert.Throws<ShapeException>(() => Lax.Clamp(Jnp.Array(0f), D(1, 2, 3), 2.0));
        Assert.Throws<ShapeException>(() => Lax.Clamp(0.0, D(1, 2, 3), Jnp.Array(new[] { 1, 2, 3 })));
    }

    [Fact]
    public void InDimSlicesAlongOneAxis()
    {
        var x = Jnp.Arange(12).Reshape(3, 4);
        // x[:, 1:3]; a start past the end is clamped so the slice fits (x[:, 2:4]); a negative one counts from the end.
        Assert.Equal([1, 2, 5, 6, 9, 10], Lax.DynamicSliceInDim(x, Jnp.Array(1), 2, axis: 1).ToArray<int>());
        Assert.Equal([2, 3, 6, 7, 10, 11], Lax.DynamicSliceInDim(x, Jnp.Array(3), 2, axis: 1).ToArray<int>());
        Assert.Equal([8, 9, 10, 11], Lax.DynamicSliceInDim(x, Jnp.Array(-1), 1).ToArray<int>());
        Assert.Equal([1, 4], Lax.DynamicIndexInDim(x, Jnp.Array(2), axis: 0).Shape);
        Assert.Equal([4, 5, 6, 7], Lax.DynamicIndexInDim(x, Jnp.Array(1), keepdims: false).ToArray<int>());
        Assert.Equal([3], Lax.IndexInDim(x, -1, axis: 1, keepdims: false).Shape);
        Assert.Equal([3, 7, 11], Lax.IndexInDim(x, -1, axis: 1, keepdims: false).ToArray<int>());
        var updated = Lax.DynamicUpdateSliceInDim(x, Jnp.Full([3, 1], -1), Jnp.Array(2), axis: 1);
        Assert.Equal([0, 1, -1, 3, 4, 5, -1, 7, 8, 9, -1, 11], updated.ToArray<int>());
    }

    [Fact]
    public void InDimUnderJitVmapAndGrad()
    {
        var x = Shaped([1, 2, 3, 4, 5, 6], 2, 3);
        var f = Jax.Jit((NDArray a, NDArray i) => Lax.DynamicIndexInDim(a, i, axis: 1, keepdims: false));
        Relative([2, 5], f(x, Jnp.Array(1)), 0);
        Relative([3, 6], f(x, Jnp.Array(2)), 0);
        // Row by row, a different start per row.
        var rows = Jax.Vmap((NDArray r, NDArray i) => Lax.DynamicSliceInDim(r, i, 2))(x, Jnp.Array(new[] { 0, 1 }));
        Relative([1, 2, 5, 6], rows.Reshape(4), 0);
        // The gradient of a sum of the slice is 1 on the sliced entries.
        var g = Jax.Grad((NDArray a) => Jnp.Sum(Lax.DynamicSliceInDim(a, Jnp.Array(1), 2, axis: 1)))(x);
        Relative([0, 1, 1, 0, 1, 1], g.Reshape(6), 0);
    }

    [Fact]
    public void InDimRefusesBadInput()
    {
        var x = Jnp.Arange(12).Reshape(3, 4);
        Assert.Throws<ShapeException>(() => Lax.DynamicSliceInDim(x, Jnp.Array(0), 2, axis: 2));
        Assert.Throws<ShapeException>(() => Lax.DynamicSliceInDim(x, Jnp.Array(new[] { 0, 1 }), 2));
        Assert.Throws<IndexOutOfRangeException>(() => Lax.IndexInDim(x, 3));
        Assert.Throws<IndexOutOfRangeException>(() => Lax.IndexInDim(x, -5, axis: 1));
    }
}
