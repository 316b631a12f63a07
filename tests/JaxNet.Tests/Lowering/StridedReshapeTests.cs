using JaxNet.Lowering;

namespace JaxNet.Tests.Lowering;

/// <summary>
/// A reshape of a strided view stays a view where NumPy's no-copy reshape finds strides (<see cref="StridedReshape"/>):
/// the strides it gives, the cases it refuses, and the values of such reshapes under Jit against the same reshape of
/// a host copy.
/// </summary>
public sealed class StridedReshapeTests
{
    [Fact]
    public void SplittingAStridedAxisKeepsItsStride()
    {
        // The real parts of interleaved complex storage [4, 6, 2]: a [4, 6] view of stride 2, split into [4, 2, 3].
        Assert.Equal([12L, 6, 2], StridedReshape.Strides([4, 6], [12, 2], [4, 2, 3])!);
        // Whole rows of stride 2 flatten into one axis of stride 2.
        Assert.Equal([2L], StridedReshape.Strides([4, 6], [12, 2], [24])!);
        // A broadcast axis split in two, and merged with another broadcast one.
        Assert.Equal([0L, 0, 1], StridedReshape.Strides([6, 5], [0, 1], [2, 3, 5])!);
        Assert.Equal([0L, 1], StridedReshape.Strides([2, 3, 5], [0, 0, 1], [6, 5])!);
        // A reversed axis keeps its negative stride; size-1 axes come and go.
        Assert.Equal([-3L, 1, 1], StridedReshape.Strides([4, 1, 3], [-3, 7, 1], [4, 3, 1])!);
    }

    [Fact]
    public void MergingAxesThatAreNotContiguousIsRefused()
    {
        // A transposed [3, 4] (strides 1, 3) cannot be flattened; nor can rows that skip elements between them.
        Assert.Null(StridedReshape.Strides([4, 3], [1, 4], [12]));
        Assert.Null(StridedReshape.Strides([4, 3], [12, 2], [12]));
        Assert.Null(StridedReshape.Strides([0, 3], [3, 1], [3, 0]));
    }

    [Fact]
    public void ReshapesOfStridedViewsReadTheRightElements()
    {
        var x = Jnp.Arange(48).Astype(DType.Float32).Reshape([4, 6, 2]);
        var host = Enumerable.Range(0, 48).Select(v => (float)v).ToArray();
        // Every other element split into digits, then transposed; a flipped slice split; a broadcast reshaped.
        var digits = Jax.Jit((NDArray v) => Jnp.Transpose(Jax.Lax.Reshape(Jax.Lax.Slice(v, [0, 0, 1], [4, 6, 2], null).Reshape([4, 6]), [4, 2, 3]), [1, 2, 0]) * 1f)(x);
        var expected = new List<float>();
        for (var a = 0; a < 2; a++)
            for (var b = 0; b < 3; b++)
                for (var r = 0; r < 4; r++) expected.Add(host[r * 12 + (a * 3 + b) * 2 + 1]);
        Assert.Equal(expected, digits.ToArray<float>());
        var flipped = Jax.Jit((NDArray v) => Jax.Lax.Reshape(Jnp.Flip(v, 1), [2, 2, 12]) + 0f)(x);
        Assert.Equal(Enumerable.Range(0, 4).SelectMany(r => Enumerable.Range(0, 6).Reverse().SelectMany(j => new[] { host[r * 12 + j * 2], host[r * 12 + j * 2 + 1] })),
            flipped.ToArray<float>());
        var spread = Jax.Jit((NDArray v) => Jax.Lax.Reshape(Jax.Lax.BroadcastInDim(v, [6, 4], [1]), [2, 3, 2, 2]) * 2f)(Jnp.Array(new float[] { 1, 2, 3, 4 }));
        Assert.Equal(Enumerable.Range(0, 6).SelectMany(_ => new float[] { 2, 4, 6, 8 }), spread.ToArray<float>());
    }
}
