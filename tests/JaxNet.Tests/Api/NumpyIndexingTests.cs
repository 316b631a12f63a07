namespace JaxNet.Tests.Api;

/// <summary>x[...] with NumPy's rules: strided and reversed slices, new axes, ellipsis, integer arrays and masks
/// (expected values from NumPy 1.24).</summary>
public class NumpyIndexingTests
{
    private static readonly NDArray X = Jnp.Arange(24).Astype(DType.Float32).Reshape([4, 6]);
    private static readonly NDArray Y = Jnp.Arange(24).Reshape([2, 3, 4]);

    private static void Equal(float[] expected, int[] shape, NDArray actual)
    {
        Assert.Equal(shape, actual.Shape);
        Assert.Equal(expected, actual.ToArray<float>());
    }

    [Fact]
    public void StridedAndReversedSlices()
    {
        Equal([11, 9, 7, 23, 21, 19], [2, 3], X[IndexItem.Slice(1, null, 2), IndexItem.Slice(null, null, -2)]);
        Equal([20, 14, 8, 2], [4], X[IndexItem.Slice(-1, -5, -1), 2]);
        Equal([4, 1, 10, 7, 16, 13, 22, 19], [4, 2], X[.., IndexItem.Slice(4, 0, -3)]);
        Assert.Equal([0, 6], X[IndexItem.Slice(10, null)].Shape);
        Assert.Equal([4, 0], X[.., IndexItem.Slice(2, 2, -1)].Shape);
        Assert.Throws<ArgumentException>(() => IndexItem.Slice(0, 4, 0));
    }

    [Fact]
    public void NewAxesAndTheEllipsis()
    {
        Assert.Equal([4, 6, 1], X[IndexItem.Ellipsis, IndexItem.NewAxis].Shape);
        Assert.Equal([1, 4, 1, 6], X[IndexItem.NewAxis, .., IndexItem.NewAxis].Shape);
        Equal([5, 11, 17, 23], [4], X[IndexItem.Ellipsis, ^1]);
        Assert.Equal([2, 3], Y[IndexItem.Ellipsis, 0].Shape);
        Assert.Throws<ShapeException>(() => X[IndexItem.Ellipsis, 0, IndexItem.Ellipsis]);
        Assert.Throws<ShapeException>(() => X[0, 0, 0]);
        Assert.Throws<ShapeException>(() => X[4]);
    }

    [Fact]
    public void IntegerArraysGatherAndPlaceTheirAxesAsNumPyDoes()
    {
        Equal([12, 13, 0, 1], [2, 2], X[new[] { 2, 0 }][.., ..2]);
        Equal([5, 19], [2], X[new[] { 0, 3 }, new[] { 5, 1 }]);
        Equal([18, 6], [2], X[new[] { -1, 1 }][.., 0]);
        // An integer beside an array is an index array too: the two are not adjacent, so their axis goes first.
        var mixed = Y[0, .., new[] { 1, 2 }];
        Assert.Equal([2, 3], mixed.Shape);
        Assert.Equal([1, 5, 9, 2, 6, 10], mixed.ToArray<int>());
        var adjacent = Y[.., new[] { 0, 2 }, new[] { 1, 3 }];
        Assert.Equal([2, 2], adjacent.Shape);
        Assert.Equal([1, 11, 13, 23], adjacent.ToArray<int>());
        Assert.Equal([1, 1, 3], Y[new[] { 1 }, IndexItem.NewAxis, .., new[] { 0 }].Shape);
        Assert.Equal([21, 22, 13, 14], Y[IndexItem.Ellipsis, 1..3][1, new[] { 2, 0 }].ToArray<int>());
        // Broadcast index arrays: a column of rows against a row of columns.
        Assert.Equal([0, 5, 18, 23], X[Jnp.Array(new[,] { { 0 }, { 3 } }), Jnp.Array(new[] { 0, 5 })].ToArray<float>());
    }

    [Fact]
    public void AnIndexArrayOutOfRangeIsClampedOnReading()
    {
        Equal([18, 19, 20, 21, 22, 23], [1, 6], X[new[] { 9 }]);
        Equal([0, 1, 2, 3, 4, 5], [1, 6], X[new[] { -9 }]);
        Assert.True(X.At[new[] { 9 }].Get(TakeMode.Fill).ToArray<float>().All(float.IsNaN));
        Assert.Equal([2, 0, 6], X[Jnp.Zeros([2, 0], DType.Int32)].Shape);
    }

    [Fact]
    public void BooleanMasksSelectTheirTrueElements()
    {
        Equal([6, 7, 8, 9], [4], X[X > 5f][..4]);
        var mask = Jnp.Array(new[,] { { true, false, true }, { false, false, true } });
        var picked = Y[mask];
        Assert.Equal([3, 4], picked.Shape);
        Assert.Equal([0, 8, 20], picked[.., 0].ToArray<int>());
        Assert.Equal([2, 6], X[new[] { true, false, false, true }].Shape);
        Assert.Equal([0, 6], X[Jnp.Zeros([4], DType.Bool)].Shape);
        var error = Assert.Throws<ConcretizationTypeError>(() => Jax.Jit((NDArray a) => a[a > 0f])(X));
        Assert.Contains("Jnp.Where", error.Message);
    }

    [Fact]
    public void IndexArraysWorkUnderJitVmapAndGrad()
    {
        var take = Jax.Jit((NDArray a, NDArray i) => a[i, IndexItem.Slice(null, null, -1)]);
        Equal([23, 22, 21, 20, 19, 18, 5, 4, 3, 2, 1, 0], [2, 6], take(X, Jnp.Array(new[] { -1, 0 })));
        var rows = Jax.Vmap((NDArray a, NDArray i) => a[i], inAxes: [null, 0])(X, Jnp.Array(new[] { 3, 1 }));
        Assert.Equal([18f, 6f], rows[.., 0].ToArray<float>());
        var grad = Jax.Grad((NDArray a) => Jnp.Sum(a[new[] { 0, 0, 2 }]))(Jnp.Ones([3]));
        Assert.Equal([2f, 0f, 1f], grad.ToArray<float>());
    }

    [Fact]
    public void BadIndexArraysAreRefused()
    {
        Assert.Throws<ArgumentException>(() => X[Jnp.Array(new[] { 0.5f })]);
        Assert.Throws<ShapeException>(() => X[new[] { 0, 1 }, new[] { 0, 1, 2 }]);
        Assert.Throws<ShapeException>(() => X[Jnp.Array(true)]);
        Assert.Throws<ShapeException>(() => X[Jnp.Zeros([4, 6, 1], DType.Bool)]);
    }
}
