using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>resize, packbits and unpackbits against NumPy 1.24.</summary>
public class JnpResizePackbitsTests
{
    private static NDArray Bytes(params byte[] v) => Jnp.Array(v);

    [Fact]
    public void ResizeRepeatsTheElements()
    {
        Ints([1, 2, 3, 4, 5, 6, 1, 2], Jnp.Resize(Jnp.Array(new[,] { { 1, 2, 3 }, { 4, 5, 6 } }), 4, 2), [4, 2]);
        Ints([1, 2, 3, 1], Jnp.Resize(I(1, 2, 3), 2, 2), [2, 2]);
        Ints([1, 2], Jnp.Resize(I(1, 2, 3), 2), [2]);
        Values([0, 0], Jnp.Resize(F(), 2), shape: [2]);
        Values([], Jnp.Resize(F(1, 2), 0, 3), shape: [0, 3]);
        Values([7], Jnp.Resize(Jnp.Array(7f), 1), shape: [1]);
        Values([1, 2, 1], Jax.Jit((NDArray x) => Jnp.Resize(x, 3))(F(1, 2)));
        Assert.Throws<ArgumentException>(() => Jnp.Resize(F(1), -1));
    }

    [Fact]
    public void PackbitsGroupsEightTruthsPerByte()
    {
        var a = Jnp.Array(new byte[,] { { 1, 0, 1 }, { 0, 1, 1 } });
        Assert.Equal(new byte[] { 172 }, Jnp.Packbits(a).ToArray<byte>());
        var rows = Jnp.Packbits(a, axis: 1);
        Assert.Equal(DType.UInt8, rows.DType);
        Assert.Equal(new[] { 2, 1 }, rows.Shape);
        Assert.Equal(new byte[] { 160, 96 }, rows.ToArray<byte>());
        Assert.Equal(new byte[] { 1, 2, 3 }, Jnp.Packbits(a, axis: 0, bitorder: "little").ToArray<byte>());
        // Any nonzero value counts as a set bit.
        Assert.Equal(new byte[] { 160, 128 }, Jnp.Packbits(I(3, 0, -1, 0, 0, 0, 0, 0, 1)).ToArray<byte>());
        Assert.Equal(new byte[] { 160, 96 }, Jax.Jit((NDArray x) => Jnp.Packbits(x, axis: -1))(a).ToArray<byte>());
        var packed = Jax.Vmap((NDArray row) => Jnp.Packbits(row))(a);
        Assert.Equal(new byte[] { 160, 96 }, packed.ToArray<byte>());
        Assert.Equal(new byte[] { 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0 }, Jax.Vmap((NDArray p) => Jnp.Unpackbits(p))(packed).ToArray<byte>());
        Assert.Equal(new[] { 0 }, Jnp.Packbits(Jnp.Zeros([0], DType.Bool)).Shape);
        Assert.Throws<ArgumentException>(() => Jnp.Packbits(F(1, 0)));
        Assert.Throws<ArgumentException>(() => Jnp.Packbits(I(1, 0), bitorder: "middle"));
        Assert.Throws<ShapeException>(() => Jnp.Packbits(I(1, 0), axis: 1));
    }

    [Fact]
    public void UnpackbitsWithCountsAndBitOrders()
    {
        var b = Jnp.Array(new byte[,] { { 2 }, { 7 }, { 23 } });
        var bits = Jnp.Unpackbits(b, axis: 1);
        Assert.Equal(new[] { 3, 8 }, bits.Shape);
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1, 1, 1 }, bits.ToArray<byte>());
        Assert.Equal(new byte[] { 1, 0, 1, 0, 0, 0, 0, 0, 1, 1 }, Jnp.Unpackbits(Bytes(5, 255), count: 10, bitorder: "little").ToArray<byte>());
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 1 }, Jnp.Unpackbits(Bytes(5, 255), count: -3).ToArray<byte>());
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 1, 0, 1, 0, 0 }, Jnp.Unpackbits(Bytes(5), count: 10).ToArray<byte>());
        // The round trip, under Jit.
        var random = Jnp.Array(new byte[] { 0, 1, 0, 1, 1, 1, 0, 0, 1, 1 });
        Assert.Equal(random.ToArray<byte>(), Jax.Jit((NDArray x) => Jnp.Unpackbits(Jnp.Packbits(x), count: 10))(random).ToArray<byte>());
        Assert.Throws<ArgumentException>(() => Jnp.Unpackbits(I(1, 2)));
        Assert.Throws<ArgumentException>(() => Jnp.Unpackbits(Bytes(1), bitorder: "BIG"));
    }
}
