namespace JaxNet.Tests.Lowering;

/// <summary>
/// The cpu backend reads padded index maps (pad, concatenate, stack) a row at a time: the outer coordinates decide the whole row,
/// and the valid stretch is one copy between runs of the pad value. Checked for every element size (1, 2, 4, 8
/// bytes), strided and flipped rows, and broadcast operands, against values computed here.
/// </summary>
public sealed class PaddedRowReadTests
{
    [Fact]
    public void ConcatenateBytesAlongTheRow()
    {
        var a = Jnp.Arange(15).Astype(DType.UInt8).Reshape([3, 5]);
        var b = (Jnp.Arange(6) + 100).Astype(DType.UInt8).Reshape([3, 2]);
        var joined = Jax.Jit((NDArray x, NDArray y) => Jnp.Concatenate([x, y], 1))(a, b);
        byte[] expected = [0, 1, 2, 3, 4, 100, 101, 5, 6, 7, 8, 9, 102, 103, 10, 11, 12, 13, 14, 104, 105];
        Assert.Equal(expected, joined.ToArray<byte>());
    }

    [Fact]
    public void PadAFlippedHalfPrecisionArrayWithAValue()
    {
        var x = Jnp.Arange(6).Astype(DType.BFloat16).Reshape([2, 3]);
        var padded = Jax.Jit((NDArray v) => Jnp.Pad(Jnp.Flip(v, 1), [(1, 0), (2, 1)], 7))(x);
        float[] expected =
        [
            7, 7, 7, 7, 7, 7,
            7, 7, 2, 1, 0, 7,
            7, 7, 5, 4, 3, 7,
        ];
        Assert.Equal([3, 6], padded.Shape);
        Assert.Equal(expected, padded.ToArray<float>());
    }

    [Fact]
    public void ConcatenateTransposedDoublesReadsStridedRows()
    {
        var x = Jnp.Arange(12).Astype(DType.Float64).Reshape([3, 4]);
        var joined = Jax.Jit((NDArray v) => Jnp.Concatenate([v.T, -v.T], 0))(x);
        var t = Enumerable.Range(0, 4).SelectMany(r => Enumerable.Range(0, 3).Select(c => (double)(c * 4 + r))).ToArray();
        Assert.Equal([8, 3], joined.Shape);
        Assert.Equal(t.Concat(t.Select(v => -v)), joined.ToArray<double>());
    }

    [Fact]
    public void StackABroadcastOperandWithAFullOne()
    {
        var row = Jnp.Array(new[] { 1, 2, 3 });
        var full = Jnp.Arange(6).Reshape([2, 3]);
        var stacked = Jax.Jit((NDArray r, NDArray f) => Jnp.Concatenate([Jnp.BroadcastTo(r, [2, 3]), f], 0))(row, full);
        Assert.Equal([1, 2, 3, 1, 2, 3, 0, 1, 2, 3, 4, 5], stacked.ToArray<int>());
    }

    [Fact]
    public void PadBeyondBothEndsOfShortRows()
    {
        var x = Jnp.Array(new[] { 5L, 6L }).Reshape([1, 2]);
        var padded = Jax.Jit((NDArray v) => Jnp.Pad(v, [(0, 0), (3, 4)], -1))(x);
        Assert.Equal([-1L, -1L, -1L, 5L, 6L, -1L, -1L, -1L, -1L], padded.ToArray<long>());
    }
}
