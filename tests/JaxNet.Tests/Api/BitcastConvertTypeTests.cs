namespace JaxNet.Tests.Api;

/// <summary>lax.bitcast_convert_type: the same bits read as another dtype of the same width.</summary>
public class BitcastConvertTypeTests
{
    [Fact]
    public void ReadsTheBits()
    {
        var x = Jnp.Array(new[] { 1f, -2f, 0f, -0f, float.PositiveInfinity });
        Assert.Equal(new[] { 0x3F800000u, 0xC0000000u, 0u, 0x80000000u, 0x7F800000u },
            Jax.Lax.BitcastConvertType(x, DType.UInt32).ToArray<uint>());
        Assert.Equal(new[] { 0x3F800000, unchecked((int)0xC0000000) }, Jax.Lax.BitcastConvertType(x[..2], DType.Int32).ToArray<int>());
        // And back, also fused inside a jitted program with arithmetic on the bits: 2^k by building the exponent.
        var powers = Jax.Jit((NDArray k) => Jax.Lax.BitcastConvertType(Jax.Lax.ShiftLeft(k + 127, Jnp.Full(k.Shape, 23, DType.Int32)), DType.Float32));
        Assert.Equal(new[] { 1f, 2f, 0.5f, 1024f }, powers(Jnp.Array(new[] { 0, 1, -1, 10 })).ToArray<float>());
    }

    [Fact]
    public void HalfFloatsAndBatching()
    {
        var h = Jnp.Array(new[] { 1f, -3f }).Astype(DType.Float16);
        Assert.Equal(new[] { 0.0078125f, -32f },
            Jax.Lax.BitcastConvertType(h, DType.BFloat16).Astype(DType.Float32).ToArray<float>());
        var rows = Jnp.Array(new[,] { { 1f, 2f }, { 4f, 8f } });
        Assert.Equal(Jax.Lax.BitcastConvertType(rows, DType.Int32).ToArray<int>(),
            Jax.Vmap((NDArray r) => Jax.Lax.BitcastConvertType(r, DType.Int32), 1, 1)(rows).ToArray<int>());
    }

    [Fact]
    public void WidthsAndDerivativesAreChecked()
    {
        Assert.Throws<ArgumentException>(() => Jax.Lax.BitcastConvertType(Jnp.Array(new[] { 1f }), DType.Float64));
        Assert.Throws<ArgumentException>(() => Jax.Lax.BitcastConvertType(Jnp.Array(new[] { 1 }), DType.Float16));
        Assert.Throws<ShapeException>(() => Jax.Lax.BitcastConvertType(Jnp.Array(new[] { (byte)1 }), DType.Bool));
        // Bits have no tangent: an integer result carries none, a float one is refused.
        Assert.Equal(0f, Jax.Grad((NDArray v) => Jnp.Sum(Jax.Lax.BitcastConvertType(v, DType.Int32).Astype(DType.Float32) * 0f) + 0f * v)(Jnp.Array(1f)).Item<float>());
        Assert.Throws<NotSupportedException>(() => Jax.Grad((NDArray v) => Jax.Lax.BitcastConvertType(v, DType.Float32))(Jnp.Array(1f)));
    }
}
