using static JaxNet.Tests.Api.Expect;

namespace JaxNet.Tests.Api;

/// <summary>array_split, hsplit, vsplit, dsplit, column_stack, dstack, block, atleast_3d and broadcast_arrays;
/// expected values from NumPy 1.24.</summary>
public class JnpSplitStackTests
{
    [Fact]
    public void ArraySplitAllowsUnequalParts()
    {
        var parts = Jnp.ArraySplit(Jnp.Arange(7), 3);
        Assert.Equal(3, parts.Length);
        Ints([0, 1, 2], parts[0]);
        Ints([3, 4], parts[1]);
        Ints([5, 6], parts[2]);
        // More sections than elements: the last parts are empty.
        parts = Jnp.ArraySplit(Jnp.Arange(5), 7);
        Assert.Equal([1, 1, 1, 1, 1, 0, 0], parts.Select(p => p.Shape[0]).ToArray());
        Ints([4], parts[4]);
        Assert.Throws<ArgumentException>(() => Jnp.ArraySplit(Jnp.Arange(5), 0));
        Assert.Equal(2, Jnp.ArraySplit(Jnp.Zeros([0]), 2).Length);
    }

    [Fact]
    public void HsplitVsplitDsplitPickTheirAxes()
    {
        var a = Jnp.Arange(16).Reshape(4, 4);
        var h = Jnp.Hsplit(a, 2);
        Ints([0, 1, 4, 5, 8, 9, 12, 13], h[0], [4, 2]);
        Ints([2, 3, 6, 7, 10, 11, 14, 15], h[1], [4, 2]);
        var v = Jnp.Vsplit(a, [1, 3]);
        Ints([0, 1, 2, 3], v[0], [1, 4]);
        Ints([4, 5, 6, 7, 8, 9, 10, 11], v[1], [2, 4]);
        Ints([12, 13, 14, 15], v[2], [1, 4]);
        var d = Jnp.Dsplit(Jnp.Arange(8).Reshape(2, 2, 2), 2);
        Ints([0, 2, 4, 6], d[0], [2, 2, 1]);
        Ints([1, 3, 5, 7], d[1], [2, 2, 1]);
        Ints([2, 3], Jnp.Hsplit(Jnp.Arange(4), 2)[1]);
        Assert.Throws<ShapeException>(() => Jnp.Hsplit(Jnp.Array(1f), 1));
        Assert.Throws<ShapeException>(() => Jnp.Vsplit(Jnp.Arange(4), 2));
        Assert.Throws<ShapeException>(() => Jnp.Dsplit(a, 2));
        Assert.Throws<ShapeException>(() => Jnp.Hsplit(a, 3));
    }

    [Fact]
    public void ColumnStackDstackAtleast3d()
    {
        Ints([1, 4, 5, 2, 6, 7, 3, 8, 9], Jnp.ColumnStack([I(1, 2, 3), Jnp.Array(new[,] { { 4, 5 }, { 6, 7 }, { 8, 9 } })]), [3, 3]);
        Ints([1, 3, 2, 4], Jnp.Dstack([I(1, 2), I(3, 4)]), [1, 2, 2]);
        Assert.Equal([1, 1, 1], Jnp.Atleast3d(Jnp.Array(1f)).Shape);
        Assert.Equal([1, 4, 1], Jnp.Atleast3d(Jnp.Zeros([4])).Shape);
        Assert.Equal([2, 3, 1], Jnp.Atleast3d(Jnp.Zeros([2, 3])).Shape);
        Assert.Equal([2, 3, 4, 5], Jnp.Atleast3d(Jnp.Zeros([2, 3, 4, 5])).Shape);
        Assert.Throws<ShapeException>(() => Jnp.ColumnStack([I(1, 2), I(1, 2, 3)]));
        Assert.Throws<ArgumentException>(() => Jnp.Dstack([]));
        // Promotion as concatenate's: int with float gives float.
        Assert.Equal(DType.Float32, Jnp.ColumnStack([I(1, 2), F(1, 2)]).DType);
    }

    [Fact]
    public void BlockNestsToAnyDepth()
    {
        // numpy.block([[[A, B]], [[C, D]]]): the innermost lists join along the last axis, the outermost along axis 0.
        var b = Jnp.Block([[[Jnp.Ones([1, 1]), Jnp.Full([1, 2], 2f)]], [[Jnp.Full([1, 1], 3f), Jnp.Full([1, 2], 4f)]]]);
        Values([1, 2, 2, 3, 4, 4], b, shape: [2, 1, 3]);
        Values([1, 2, 3, 4, 5, 6], Jnp.Block([[[F(1, 2), F(3)]], [[F(4, 5), F(6)]]]), shape: [2, 1, 3]);
        // Four levels through object[]; scalars are raised to the depth.
        object[] four = [new object[] { new object[] { new NDArray[] { Jnp.Array(1f), Jnp.Array(2f) } } }];
        Values([1, 2], Jnp.Block(four), shape: [1, 1, 1, 2]);
        Values([3, 3, 3], Jax.Grad((NDArray x) => Jnp.Sum(Jnp.Block([[[x, x]], [[x * 0, x]]])))(F(1, 1, 1).Reshape(1, 3)), shape: [1, 3]);
        Assert.Throws<ArgumentException>(() => Jnp.Block(new object[] { F(1), new NDArray[] { F(2) } }));
        Assert.Throws<ArgumentException>(() => Jnp.Block(new object[] { new NDArray[] { F(1) }, System.Array.Empty<NDArray>() }));
        Assert.Throws<ArgumentException>(() => Jnp.Block(new object[] { 1.5 }));
        Assert.Throws<ShapeException>(() => Jnp.Block([[[F(1, 2)]], [[F(3)]]]));
    }

    [Fact]
    public void BlockAssemblesRows()
    {
        var b = Jnp.Block([[Jnp.Eye(2), Jnp.Zeros([2, 1])], [Jnp.Ones([1, 2]), Jnp.Array(new float[,] { { 5 } })]]);
        Values([1, 0, 0, 0, 1, 0, 1, 1, 5], b, shape: [3, 3]);
        Ints([1, 2, 3], Jnp.Block([I(1, 2), Jnp.Array(3)]));
        Assert.Throws<ShapeException>(() => Jnp.Block([[Jnp.Eye(2), Jnp.Zeros([3, 1])]]));
        Assert.Throws<ArgumentException>(() => Jnp.Block(System.Array.Empty<NDArray>()));
        // The gradient of a block's sum reaches every piece.
        var g = Jax.Grad((NDArray x) => Jnp.Sum(Jnp.Block([[x, x * 2]])))(Jnp.Ones([2, 2]));
        Values([3, 3, 3, 3], g, shape: [2, 2]);
    }

    [Fact]
    public void BroadcastArraysAndShapes()
    {
        Assert.Equal([2, 3], Jnp.BroadcastShapes([2, 1], [3]));
        Assert.Equal([5, 2, 3], Jnp.BroadcastShapes([1], [2, 1], [5, 1, 3]));
        Assert.Equal([], Jnp.BroadcastShapes());
        Assert.Throws<ShapeException>(() => Jnp.BroadcastShapes([2], [3]));
        var (x, y) = (Jnp.Arange(3), Jnp.Array(new[,] { { 10 }, { 20 } }));
        var b = Jnp.BroadcastArrays(x, y, Jnp.Array(1f));
        Ints([0, 1, 2, 0, 1, 2], b[0], [2, 3]);
        Ints([10, 10, 10, 20, 20, 20], b[1], [2, 3]);
        Values([1, 1, 1, 1, 1, 1], b[2], shape: [2, 3]);
        Assert.Throws<ShapeException>(() => Jnp.BroadcastArrays(Jnp.Zeros([2]), Jnp.Zeros([3])));
    }
}
