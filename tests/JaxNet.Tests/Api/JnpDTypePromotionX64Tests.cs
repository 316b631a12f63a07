namespace JaxNet.Tests.Api;

/// <summary>jnp.result_type of dtypes with x64 on: the lattice's 64-bit joins stay wide.</summary>
[Collection(nameof(X64Collection))]
public class JnpDTypePromotionX64Tests
{
    [Fact]
    public void ResultTypeKeepsSixtyFourBitTypes() => RandomDistributionX64Tests.WithX64(() =>
    {
        Assert.Equal(DType.Int64, Jnp.ResultType(DType.Int32, DType.UInt32));
        Assert.Equal(DType.Float64, Jnp.ResultType(DType.Float64));
        Assert.Equal(DType.Complex128, Jnp.ResultType(DType.Float64, DType.Complex64));
        Assert.Equal(Jnp.PromoteTypes(DType.Int64, DType.Float16), Jnp.ResultType(DType.Int64, DType.Float16));
    });
}
