using JaxRandom = JaxNet.Jax.Random;

namespace JaxNet.Tests.Api;

/// <summary>Tests that switch on the process-wide <see cref="Jax.Config.EnableX64"/>, so they run on their own.</summary>
[CollectionDefinition(nameof(X64Collection), DisableParallelization = true)]
public class X64Collection;

/// <summary>The jax.random distributions with 64-bit types enabled: float64 and int64 defaults, as in JAX.</summary>
[Collection(nameof(X64Collection))]
public class RandomDistributionX64Tests
{
    [Fact]
    public void DefaultDtypesAreWideUnderX64()
    {
        WithX64(() =>
        {
            var key = JaxRandom.PRNGKey(0);
            var u = JaxRandom.Uniform(key, [1000]);
            Assert.Equal(DType.Float64, u.DType);
            var exponential = JaxRandom.Exponential(key, [1000]);
            Assert.Equal(DType.Float64, exponential.DType);
            var expected = RandomDistributionTests.Host(-Jnp.Log1p(-u));
            var actual = RandomDistributionTests.Host(exponential);
            for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-15 * Math.Max(1, expected[i]));
            Assert.Equal(DType.Float64, JaxRandom.Beta(key, 2.0, 3.0, [4]).DType);
            Assert.Equal(DType.Float64, JaxRandom.Binomial(key, 10.0, 0.5, [4]).DType);
            Assert.Equal(DType.Int64, JaxRandom.Poisson(key, 3.0, [4]).DType);
            Assert.Equal(DType.Int64, JaxRandom.Rademacher(key, [4]).DType);
            Assert.Equal(DType.Int64, JaxRandom.Choice(key, 10, [3]).DType);
            Assert.Equal(DType.Int64, JaxRandom.Geometric(key, 0.5, [3]).DType);
        });
    }

    [Fact]
    public void Float64SamplesHaveTheRightMoments()
    {
        WithX64(() =>
        {
            const int n = 20_000;
            var key = JaxRandom.PRNGKey(3);
            var gamma = RandomDistributionTests.Host(JaxRandom.Gamma(key, 0.6, [n]));
            Assert.Equal(0.6, gamma.Average(), 5 * Math.Sqrt(0.6 / n));
            var poisson = RandomDistributionTests.Host(JaxRandom.Poisson(key, 40.0, [n]));
            Assert.Equal(40, poisson.Average(), 5 * Math.Sqrt(40.0 / n));
            var q = JaxRandom.Orthogonal(key, 6, [2]);
            Assert.Equal(DType.Float64, q.DType);
            Assert.True(Jnp.Allclose(Jnp.Matmul(Jnp.Swapaxes(q, -1, -2), q), Jnp.BroadcastTo(Jnp.Eye(6), [2, 6, 6]), atol: 1e-12));
            var dirichlet = JaxRandom.Dirichlet(key, Jnp.Array(new[] { 0.05, 0.5, 5 }), [100]);
            Assert.True(Jnp.Allclose(Jnp.Sum(dirichlet, -1), Jnp.Ones([100], DType.Float64), atol: 1e-12));
        });
    }

    /// <summary>Runs <paramref name="test"/> with 64-bit types on, then restores the setting (for the tests of this
    /// collection).</summary>
    internal static void WithX64(Action test)
    {
        var previous = Jax.Config.EnableX64;
        Jax.Config.EnableX64 = true;
        try
        {
            test();
        }
        finally
        {
            Jax.Config.EnableX64 = previous;
        }
    }
}
