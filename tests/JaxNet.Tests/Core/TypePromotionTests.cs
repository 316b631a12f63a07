using JaxNet.Core;

namespace JaxNet.Tests.Core;

public class TypePromotionTests
{
    // JAX's promotion table (jax.numpy.promote_types) for the dtypes of ABI v1, as jnp.result_type gives it with x64
    // off: uint32 and int32 meet at int64, which is canonicalized to int32.
    [Theory]
    [InlineData(DType.Bool, DType.Bool, DType.Bool)]
    [InlineData(DType.Bool, DType.UInt8, DType.UInt8)]
    [InlineData(DType.Bool, DType.Int32, DType.Int32)]
    [InlineData(DType.Bool, DType.Float16, DType.Float16)]
    [InlineData(DType.UInt8, DType.Int32, DType.Int32)]
    [InlineData(DType.UInt8, DType.UInt32, DType.UInt32)]
    [InlineData(DType.UInt32, DType.Int32, DType.Int32)]
    [InlineData(DType.UInt32, DType.Int64, DType.Int64)]
    [InlineData(DType.Int32, DType.Int64, DType.Int64)]
    [InlineData(DType.Int32, DType.Float16, DType.Float16)]
    [InlineData(DType.Int64, DType.BFloat16, DType.BFloat16)]
    [InlineData(DType.Float16, DType.BFloat16, DType.Float32)]
    [InlineData(DType.Float16, DType.Float32, DType.Float32)]
    [InlineData(DType.BFloat16, DType.Float64, DType.Float64)]
    [InlineData(DType.Float32, DType.Float64, DType.Float64)]
    [InlineData(DType.UInt8, DType.Float32, DType.Float32)]
    public void StrongTypesJoinOnTheLattice(DType a, DType b, DType expected)
    {
        Assert.Equal((expected, false), TypePromotion.ResultType((a, false), (b, false)));
        Assert.Equal((expected, false), TypePromotion.ResultType((b, false), (a, false)));
    }

    [Theory]
    [InlineData(DType.Float16, DType.Float16)]
    [InlineData(DType.BFloat16, DType.BFloat16)]
    [InlineData(DType.Float64, DType.Float64)]
    [InlineData(DType.Int32, DType.Float32)]
    [InlineData(DType.UInt8, DType.Float32)]
    public void WeakFloatAdoptsTheOtherFloatOrTheDefault(DType strong, DType expected)
    {
        var (dtype, _) = TypePromotion.ResultType((strong, false), (DType.Float32, true));
        Assert.Equal(expected, dtype);
    }

    [Fact]
    public void WeakIntKeepsStrongIntegerTypes()
    {
        Assert.Equal((DType.UInt8, false), TypePromotion.ResultType((DType.UInt8, false), (DType.Int32, true)));
        Assert.Equal((DType.Int64, false), TypePromotion.ResultType((DType.Int64, false), (DType.Int32, true)));
        Assert.Equal((DType.Float16, false), TypePromotion.ResultType((DType.Float16, false), (DType.Int32, true)));
    }

    [Fact]
    public void TwoWeakOperandsGiveAWeakResult()
    {
        Assert.Equal((DType.Float32, true), TypePromotion.ResultType((DType.Int32, true), (DType.Float32, true)));
        Assert.Equal((DType.Int32, true), TypePromotion.ResultType((DType.Int32, true), (DType.Int32, true)));
        // A weak float with a strong int: the int climbs to float*, which stays weak (as in JAX).
        Assert.Equal((DType.Float32, true), TypePromotion.ResultType((DType.Int32, false), (DType.Float32, true)));
    }

    [Fact]
    public void ScalarLiteralsKeepTheArraysDType()
    {
        var x = Jnp.Array(new Half[] { (Half)1, (Half)2 });
        Assert.Equal(DType.Float16, (x * 2f).DType);
        Assert.Equal(DType.Float16, (2f * x).DType);
        var i = Jnp.Array(new[] { 1, 2 });
        Assert.Equal(DType.Int32, (i + 1).DType);
        Assert.Equal(DType.Float32, (i * 1.5f).DType);
        Assert.Equal(new[] { 1.5f, 3f }, (i * 1.5f).ToArray<float>());
    }

    [Fact]
    public void TypedIntegerLiteralsAreNotConvertedToFloat()
    {
        // Without their own conversions C# would turn 1u and 1L into floats (the nearest conversion it found).
        var u = Jnp.Array(new uint[] { uint.MaxValue });
        Assert.Equal(DType.UInt32, (u + 1u).DType);
        Assert.Equal([0u], (u + 1u).ToArray<uint>());
        // uint is a typed scalar, as numpy's uint32: it widens uint8; long is weak, as an int is.
        Assert.Equal(DType.UInt32, (Jnp.Array(new byte[] { 1 }) + 1u).DType);
        var i = Jnp.Array(new[] { 1, 2 });
        Assert.Equal(DType.Int32, (i + 1L).DType);
        Assert.Equal([3, 4], (i + 2L).ToArray<int>());
        Assert.Equal(DType.Int32, (i + Jnp.Array(new uint[] { 1, 1 })).DType);
        var e = Assert.Throws<OverflowException>(() => i + 5_000_000_000L);
        Assert.Contains("too large to convert to int32", e.Message);
    }

    [Fact]
    public void DoublesNarrowToFloat32UnlessRequested()
    {
        Assert.Equal(DType.Float32, Jnp.Array(new double[] { 1, 2 }).DType);
        Assert.Equal(DType.Float64, Jnp.Array(new double[] { 1, 2 }, DType.Float64).DType);
        Assert.Equal(DType.Int32, Jnp.Array(new long[] { 1, 2 }).DType);
        var f32 = Jnp.Array(new float[] { 1 });
        var f64 = Jnp.Array(new double[] { 1 }, DType.Float64);
        Assert.Equal(DType.Float64, (f32 + f64).DType);
    }
}
