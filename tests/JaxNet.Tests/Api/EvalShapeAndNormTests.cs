namespace JaxNet.Tests.Api;

public class EvalShapeAndNormTests
{
    [Fact]
    public void Eval_shape_traces_without_computing()
    {
        var shape = Jax.EvalShape((NDArray a, NDArray b) =>
        {
            Assert.NotNull(a.Tracer);   // abstract values only: nothing runs on a device
            return Jnp.Matmul(a, b).Astype(DType.Float64);
        }, Jnp.Ones([3, 4]), Jnp.Ones([4, 5]));
        Assert.Equal(new[] { 3, 5 }, shape.Shape);
        Assert.Equal(DType.Float64, shape.DType);
        Assert.Equal("ShapeDtypeStruct(shape=(3, 5), dtype=float64)", shape.ToString());
        Assert.Throws<ShapeException>(() => Jax.EvalShape((NDArray a, NDArray b) => Jnp.Matmul(a, b), Jnp.Ones([3, 4]), Jnp.Ones([5, 5])));
    }

    [Fact]
    public void Norms_as_numpy_documents_them()
    {
        // numpy.linalg.norm's examples: a = arange(9) - 4, b = a.reshape(3, 3).
        var a = Jnp.Arange(9).Astype(DType.Float32) - 4f;
        var b = a.Reshape(3, 3);
        Assert.Equal(7.745966692414834, Jnp.Linalg.Norm(a).Item<float>(), 5);
        Assert.Equal(7.745966692414834, Jnp.Linalg.Norm(b).Item<float>(), 5);
        Assert.Equal(4f, Jnp.Linalg.Norm(a, double.PositiveInfinity, axis: 0).Item<float>());
        Assert.Equal(0f, Jnp.Linalg.Norm(a, double.NegativeInfinity, axis: 0).Item<float>());
        Assert.Equal(20f, Jnp.Linalg.Norm(a, 1, axis: 0).Item<float>());
        Assert.Equal(8f, Jnp.Linalg.Norm(a, 0, axis: 0).Item<float>());
        Assert.Equal(5.848035476425731, Jnp.Linalg.Norm(a, 3, axis: 0).Item<float>(), 4);
        var c = Jnp.Array(new float[,] { { 1, 2, 3 }, { -1, 1, 4 } });
        var columns = Jnp.Linalg.Norm(c, axis: 0).ToArray<float>();
        Assert.Equal(1.41421356f, columns[0], 5);
        Assert.Equal(2.23606798f, columns[1], 5);
        Assert.Equal(5f, columns[2], 5);
        Assert.Equal(new float[] { 6, 6 }, Jnp.Linalg.Norm(c, 1, axis: 1).ToArray<float>());
        Assert.Equal(new[] { 2, 1 }, Jnp.Linalg.Norm(c, axis: 1, keepdims: true).Shape);
        // Matrix norms without an axis: numpy's examples (norm(b, 2) through the singular values).
        Assert.Equal(9f, Jnp.Linalg.Norm(b, double.PositiveInfinity).Item<float>());
        Assert.Equal(2f, Jnp.Linalg.Norm(b, double.NegativeInfinity).Item<float>());
        Assert.Equal(7f, Jnp.Linalg.Norm(b, 1).Item<float>());
        Assert.Equal(6f, Jnp.Linalg.Norm(b, -1).Item<float>());
        Assert.Equal(7.3484692283495345, Jnp.Linalg.Norm(b, 2).Item<float>(), 5);
        Assert.Equal(0, Jnp.Linalg.Norm(b, -2).Item<float>(), 5);
        Assert.Equal(4f, Jnp.Linalg.Norm(a, double.PositiveInfinity).Item<float>());
        Assert.Equal([1, 1], Jnp.Linalg.Norm(b, 2, keepdims: true).Shape);
        Assert.Throws<ArgumentException>(() => Jnp.Linalg.Norm(b, 3));
        Assert.Throws<ShapeException>(() => Jnp.Linalg.Norm(Jnp.Ones([2, 2, 2]), 2));
    }
}
