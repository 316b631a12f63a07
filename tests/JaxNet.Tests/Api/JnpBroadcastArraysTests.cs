using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>jnp.broadcast_arrays: every result has the common shape, as in NumPy and JAX, rank-0 and weak-typed
/// operands included; dtypes are left alone.</summary>
public class JnpBroadcastArraysTests
{
    [Fact]
    public void RankZeroArraysTakeTheCommonShape()
    {
        var b = Jnp.BroadcastArrays(Jnp.Array(5f), Jnp.Zeros([2, 3]), Jnp.Array(7));
        Values([5, 5, 5, 5, 5, 5], b[0], shape: [2, 3]);
        Values([0, 0, 0, 0, 0, 0], b[1], shape: [2, 3]);
        Ints([7, 7, 7, 7, 7, 7], b[2], [2, 3]);
    }

    [Fact]
    public void AllRankZeroStayRankZero()
    {
        var b = Jnp.BroadcastArrays(Jnp.Array(1f), Jnp.Array(2));
        Values([1], b[0], shape: []);
        Ints([2], b[1], []);
        Assert.Empty(Jnp.BroadcastArrays());
    }

    [Fact]
    public void WeakTypedScalarsBroadcastAndStayWeak()
    {
        var b = Jnp.BroadcastArrays(2.5, Jnp.Array(new[] { 1, 2, 3 }));
        Assert.True(b[0].WeakType);
        Values([2.5, 2.5, 2.5], b[0], shape: [3]);
        Ints([1, 2, 3], b[1], [3]);
        // No promotion: broadcast_arrays leaves each dtype as it was.
        Assert.Equal(DType.Int32, b[1].DType);
    }

    [Fact]
    public void EmptyDimensionsBroadcastLikeAnyOther()
    {
        Assert.Equal([0], Jnp.BroadcastArrays(Jnp.Zeros([0]), Jnp.Zeros([1]))[1].Shape);
        Assert.Equal([0], Jnp.BroadcastArrays(Jnp.Array(3f), Jnp.Zeros([0]))[0].Shape);
        var b = Jnp.BroadcastArrays(Jnp.Zeros([2, 0]), Jnp.Zeros([3, 1, 1]));
        Assert.Equal([3, 2, 0], b[0].Shape);
        Assert.Equal([3, 2, 0], b[1].Shape);
        Assert.Throws<ShapeException>(() => Jnp.BroadcastArrays(Jnp.Zeros([0]), Jnp.Zeros([2])));
    }

    [Fact]
    public void MismatchedShapesNameEveryShape()
    {
        var e = Assert.Throws<ShapeException>(() => Jnp.BroadcastArrays(Jnp.Zeros([2, 1]), Jnp.Zeros([1, 3]), Jnp.Zeros([4])));
        Assert.Contains("broadcast_arrays: incompatible shapes for broadcasting: [2,1], [1,3], [4]", e.Message);
        var shapes = Assert.Throws<ShapeException>(() => Jnp.BroadcastShapes([2], [3]));
        Assert.Contains("broadcast_shapes: incompatible shapes for broadcasting: [2], [3]", shapes.Message);
        // The same error from the frontend's own broadcasting, under the operation's name.
        var add = Assert.Throws<ShapeException>(() => Jnp.Add(Jnp.Zeros([2]), Jnp.Zeros([3])));
        Assert.Contains("[2], [3]", add.Message);
    }

    [Fact]
    public void BroadcastsUnderJitVmapAndGrad()
    {
        var x = Jnp.Arange(6).Astype(DType.Float32).Reshape(2, 3);
        var jitted = Jax.Jit((NDArray s, NDArray v) => Jnp.BroadcastArrays(s, v)[0]);
        Values([4, 4, 4, 4, 4, 4], jitted(Jnp.Array(4f), x), shape: [2, 3]);
        // Per row the scalar meets a vector of 3: the batched result is 2 x 3.
        var perRow = Jax.Vmap((NDArray row) => Jnp.BroadcastArrays(Jnp.Array(9f), row)[0])(x);
        Values([9, 9, 9, 9, 9, 9], perRow, shape: [2, 3]);
        // The cotangent of a broadcast scalar sums over every copy.
        var slope = Jax.Grad((NDArray s) => Jnp.Sum(Jnp.BroadcastArrays(s, x)[0] * x))(Jnp.Array(1f));
        Values([15], slope, shape: []);
    }
}
