namespace JaxNet.Tests.Api;

/// <summary>The dtypes sums, products and cumulative sums accumulate in, as JAX's: narrow integers widen to the
/// default int, unsigned ones to uint32, int32 to int64 with x64.</summary>
[Collection(nameof(X64Collection))]
public class AccumulationDtypeTests
{
    [Fact]
    public void NarrowIntegersWiden()
    {
        var bytes = Jnp.Array(new byte[] { 200, 100, 255 });
        var sum = Jnp.Sum(bytes);
        Assert.Equal(DType.UInt32, sum.DType);
        Assert.Equal(555u, sum.Item<uint>());
        Assert.Equal(DType.UInt32, Jnp.Cumsum(bytes).DType);
        Assert.Equal(DType.UInt32, Jnp.Prod(bytes).DType);
        Assert.Equal(DType.Int32, Jnp.Sum(Jnp.Array(new[] { true, true })).DType);
        Assert.Equal(DType.Int32, Jnp.Sum(Jnp.Array(new[] { 1, 2 })).DType);
        Assert.Equal(DType.Float16, Jnp.Sum(Jnp.Ones([3], DType.Float16)).DType);
    }

    [Fact]
    public void Int32SumsAreInt64WithX64()
    {
        RandomDistributionX64Tests.WithX64(() =>
        {
            var x = Jnp.Array(new[] { int.MaxValue, int.MaxValue });
            var sum = Jnp.Sum(x);
            Assert.Equal(DType.Int64, sum.DType);
            Assert.Equal(2L * int.MaxValue, sum.Item<long>());
            Assert.Equal(DType.Int64, Jnp.Cumsum(x).DType);
            Assert.Equal(DType.Int64, Jnp.Sum(Jnp.Array(new[] { true })).DType);
        });
    }
}
