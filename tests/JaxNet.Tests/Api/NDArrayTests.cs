namespace JaxNet.Tests.Api;

public class NDArrayTests
{
    [Fact]
    public void CreationShapesAndDTypes()
    {
        var m = Jnp.Array(new float[,] { { 1, 2 }, { 3, 4 } });
        Assert.Equal(new[] { 2, 2 }, m.Shape);
        Assert.Equal(DType.Float32, m.DType);
        Assert.Equal(2, m.Ndim);
        Assert.Equal(4, m.Size);
        var s = Jnp.Array(1.0f);
        Assert.Empty(s.Shape);
        Assert.Equal(1f, (float)s);
        Assert.Equal(new[] { 3, 1 }, Jnp.Array(new float[] { 1, 2, 3 }).Reshape(3, 1).Shape);
        Assert.Equal(DType.Float64, Jnp.Ones([4], DType.Float64).DType);
    }

    [Fact]
    public void OperatorsBroadcastLikeNumPy()
    {
        var m = Jnp.Array(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var v = Jnp.Array(new float[] { 10, 20, 30 });
        Assert.Equal(new float[] { 11, 22, 33, 14, 25, 36 }, (m + v).ToArray<float>());
        var col = Jnp.Array(new float[,] { { 1 }, { 2 } });
        Assert.Equal(new float[] { 0, 1, 2, 2, 3, 4 }, (m - col).ToArray<float>());
        Assert.Equal(new float[] { -1, -2, -3, -4, -5, -6 }, (-m).ToArray<float>());
        Assert.Equal(new float[] { 0.5f, 1, 1.5f, 2, 2.5f, 3 }, (m / 2f).ToArray<float>());
        Assert.Equal(new float[] { 2, 1, 2f / 3, 0.5f, 0.4f, 2f / 6 }, (2f / m).ToArray<float>());
        Assert.Equal(new[] { false, false, true, true, true, true }, (m > 2f).ToArray<bool>());
        Assert.Equal(DType.Bool, (m >= m + 0f).DType);
        Assert.Equal(new[] { true, true, true }, (v == v * 1f).ToArray<bool>());
    }

    [Fact]
    public void IndexingWithIntRangeIndexAndEllipsis()
    {
        var m = Jnp.Arange(12).Reshape(3, 4);
        Assert.Equal(new[] { 4, 5, 6, 7 }, m[1].ToArray<int>());
        Assert.Equal(new[] { 0, 4, 8 }, m[.., 0].ToArray<int>());
        Assert.Equal(new[] { 4, 5, 6, 7, 8, 9, 10, 11 }, m[1..3].ToArray<int>());
        Assert.Equal(new[] { 8, 9, 10, 11 }, m[^1].ToArray<int>());
        Assert.Equal(6, m[1, 2].Item<int>());
        Assert.Equal(new[] { 5, 6 }, m[1, 1..3].ToArray<int>());
        Assert.Throws<ShapeException>(() => m[3]);
    }

    [Fact]
    public void TransposeAstypeAndConversions()
    {
        var m = Jnp.Array(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal(new float[] { 1, 4, 2, 5, 3, 6 }, m.T.ToArray<float>());
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6 }, m.Astype(DType.Int32).ToArray<int>());
        Assert.Equal(new double[] { 1, 2, 3, 4, 5, 6 }, m.ToArray<double>());
        Assert.Equal(2.5, (double)Jnp.Array(2.5f));
        Assert.True((bool)Jnp.Array(true));
    }

    [Fact]
    public void PrintsLikeNumPy()
    {
        Assert.Equal("Array([1., 2., 3.], dtype=float32)", Jnp.Array(new float[] { 1, 2, 3 }).ToString());
        Assert.Equal("Array([1. , 2.5], dtype=float32)", Jnp.Array(new float[] { 1, 2.5f }).ToString());
        Assert.Equal("Array([[1, 2],\n       [3, 4]], dtype=int32)", Jnp.Array(new[,] { { 1, 2 }, { 3, 4 } }).ToString());
        Assert.Equal("Array([ True, False], dtype=bool)", Jnp.Array(new[] { true, false }).ToString());
        Assert.Equal("Array(2., dtype=float32, weak_type=True)", ((NDArray)2f).ToString());
        Assert.Equal("Array([   0,    1,    2, ..., 1997, 1998, 1999], dtype=int32)", Jnp.Arange(2000).ToString());
    }

    [Fact]
    public void DisposeReleasesAndLaterUseFails()
    {
        var x = Jnp.Array(new float[] { 1, 2 });
        x.Dispose();
        Assert.Throws<ObjectDisposedException>(() => (x + 1f).ToArray<float>());
    }

    [Fact]
    public void ControlFlowOnConcreteValues()
    {
        var x = Jnp.Array(3f);
        var y = (x > 0f) ? x : -x;
        Assert.Equal(3f, (float)y);
        NDArray Abs(NDArray v)
        {
            if (v >= 0f) return v;
            return -v;
        }
        Assert.Equal(2f, (float)Abs(Jnp.Array(-2f)));
    }

    [Fact]
    public void BlockUntilReadyAndDevice()
    {
        var x = Jnp.Ones([1000]) * 2f;
        Assert.Same(x, x.BlockUntilReady());
        Assert.Equal("cpu", x.Device.Platform);
    }
}
