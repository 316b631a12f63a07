using static JaxNet.Tests.Api.Expect;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet.Tests.Api;

/// <summary>lax.rng_uniform: uniform values from a hidden host-side generator state, new at every call.</summary>
public class LaxRngUniformTests
{
    [Fact]
    public void ValuesLieInTheRangeWithTheRightMean()
    {
        var x = Lax.RngUniform(Jnp.Array(2f), Jnp.Array(4f), [100, 100]);
        Assert.Equal([100, 100], x.Shape);
        Assert.Equal(DType.Float32, x.DType);
        var v = x.ToArray<float>();
        Assert.All(v, e => Assert.InRange(e, 2f, 4f));
        Assert.DoesNotContain(4f, v);
        // The mean of 10,000 uniform values on [2, 4) is 3 within 5 standard errors (0.58 / 100 each).
        Assert.InRange(v.Average(e => (double)e), 3 - 0.03, 3 + 0.03);
        Assert.True(v.Distinct().Count() > 9000);
    }

    [Fact]
    public void EveryCallEagerOrCompiledDrawsNewValues()
    {
        var a = Lax.RngUniform(0f, 1f, [8]).ToArray<float>();
        var b = Lax.RngUniform(0f, 1f, [8]).ToArray<float>();
        Assert.NotEqual(a, b);
        var f = Jax.Jit((NDArray scale) => Jnp.Stack([Lax.RngUniform(0f, 1f, [4]) * scale, Lax.RngUniform(0f, 1f, [4]) * scale]));
        var first = f(Jnp.Array(1f));
        var second = f(Jnp.Array(1f));
        Assert.NotEqual(first.ToArray<float>(), second.ToArray<float>());
        Assert.NotEqual(first[0].ToArray<float>(), first[1].ToArray<float>()); // two draws in one program differ too
        Assert.All(second.ToArray<float>(), e => Assert.InRange(e, 0f, 1f));
    }

    [Fact]
    public void HalfPrecisionBoundsGiveHalfPrecisionValues()
    {
        var x = Lax.RngUniform(Jnp.Array(-1f).Astype(DType.Float16), 1f, [64]);
        Assert.Equal(DType.Float16, x.DType);
        Assert.All(x.ToArray<float>(), e => Assert.InRange(e, -1f, 1f));
        Assert.Empty(Lax.RngUniform(0f, 1f, [0, 3]).ToArray<float>());
    }

    [Fact]
    public void BadBoundsAndShapesAreRefused()
    {
        Assert.Throws<ShapeException>(() => Lax.RngUniform(F(0, 1), 1f, [2]));
        Assert.Throws<ShapeException>(() => Lax.RngUniform(0f, 1f, [-1]));
        Assert.Throws<ArgumentException>(() => Lax.RngUniform(Jnp.Array(0), Jnp.Array(3), [2]));
        Assert.Throws<ArgumentException>(() => Lax.RngUniform(Jnp.Array(0f), Jnp.Array(1f).Astype(DType.Float16), [2]));
        Assert.Throws<ArgumentNullException>(() => Lax.RngUniform(0f, 1f, null!));
    }
}
