using JaxRandom = JaxNet.Jax.Random;

namespace JaxNet.Tests.Api;

/// <summary>jax.random.double_sided_maxwell and clone: JAX's construction, shapes, dtypes and bad input (the moments
/// are checked with the other distributions in <see cref="RandomDistributionTests"/>).</summary>
public class RandomDoubleSidedMaxwellTests
{
    [Fact]
    public void IsASignedMaxwellFromTwoSplitKeys()
    {
        var key = JaxRandom.PRNGKey(5);
        var keys = JaxRandom.Split(key);
        var expected = JaxRandom.Rademacher(keys[1], [1000], DType.Float32) * JaxRandom.Maxwell(keys[0], [1000]) * 2f + 0.5f;
        var actual = JaxRandom.DoubleSidedMaxwell(key, 0.5f, 2f, [1000]);
        Assert.True(Jnp.Allclose(expected, actual, rtol: 1e-6f, atol: 1e-6f));
        // Symmetric about loc: each half holds a binomial proportion 1/2 of the values.
        var below = actual.ToArray<float>().Count(v => v < 0.5f) / 1000.0;
        Assert.Equal(0.5, below, 5 * Math.Sqrt(0.25 / 1000));
        Assert.Equal(actual.ToArray<float>(), Jax.Jit((NDArray k) => JaxRandom.DoubleSidedMaxwell(k, 0.5f, 2f, [1000]))(key).ToArray<float>());
    }

    [Fact]
    public void ShapeIsAddedToTheParametersShape()
    {
        var key = JaxRandom.PRNGKey(1);
        var loc = Jnp.Array(new float[] { -10, 0, 10 });
        var scale = Jnp.Array(new float[,] { { 1 }, { 2 } });
        Assert.Equal([2, 3], JaxRandom.DoubleSidedMaxwell(key, loc, scale).Shape);
        Assert.Equal([4, 2, 3], JaxRandom.DoubleSidedMaxwell(key, loc, scale, [4]).Shape);
        Assert.Equal([], JaxRandom.DoubleSidedMaxwell(key, 0f, 1f).Shape);
        Assert.Equal([0, 3], JaxRandom.DoubleSidedMaxwell(key, loc, 1f, [0]).Shape);
        // Each column is centred on its loc: the values stay within a few scales of it.
        var x = JaxRandom.DoubleSidedMaxwell(key, loc, 1f, [500]).ToArray<float>();
        for (var i = 0; i < x.Length; i++) Assert.InRange(x[i], (i % 3 - 1) * 10 - 8, (i % 3 - 1) * 10 + 8);
    }

    [Fact]
    public void DtypesAndBadInput()
    {
        var key = JaxRandom.PRNGKey(2);
        Assert.Equal(DType.Float32, JaxRandom.DoubleSidedMaxwell(key, 0f, 1f, [3]).DType);
        Assert.Equal(DType.Float16, JaxRandom.DoubleSidedMaxwell(key, 0f, 1f, [3], DType.Float16).DType);
        Assert.Equal(DType.BFloat16, JaxRandom.DoubleSidedMaxwell(key, 0f, 1f, [3], DType.BFloat16).DType);
        Assert.ThrowsAny<ArgumentException>(() => JaxRandom.DoubleSidedMaxwell(key, 0f, 1f, [3], DType.Int32));
        Assert.ThrowsAny<ArgumentException>(() => JaxRandom.DoubleSidedMaxwell(key, 0f, 1f, [-1]));
        Assert.Throws<ShapeException>(() => JaxRandom.DoubleSidedMaxwell(key, Jnp.Zeros([2]), Jnp.Ones([3])));
        // A NaN parameter gives NaN samples, as the formula does.
        Assert.All(JaxRandom.DoubleSidedMaxwell(key, float.NaN, 1f, [4]).ToArray<float>(), v => Assert.True(float.IsNaN(v)));
    }

    [Fact]
    public void CloneIsTheSameKey()
    {
        var key = JaxRandom.PRNGKey(9);
        Assert.Equal(JaxRandom.Normal(key, [5]).ToArray<float>(), JaxRandom.Normal(JaxRandom.Clone(key), [5]).ToArray<float>());
    }
}
