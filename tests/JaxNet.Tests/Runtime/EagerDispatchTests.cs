namespace JaxNet.Tests.Runtime;

public class EagerDispatchTests
{
    /// <summary>
    /// The eager fast path (same dtype and shape, compiled kernel cached) allocates a few small objects per op:
    /// the result, its device array and its device buffer, 176 bytes on the cpu backend (792 before the fast path;
    /// 248 while binds still built argument and result arrays). The bound leaves room for runtime changes and fails
    /// when per-op arrays, cache keys or promotion arrays come back to the hot path.
    /// </summary>
    [Fact]
    public void EagerAddAllocatesLittlePerOp()
    {
        var x = Jnp.Array(new float[] { 1, 2, 3, 4, 5, 6, 7, 8 });
        var y = Jnp.Array(new float[] { 8, 7, 6, 5, 4, 3, 2, 1 });
        for (var i = 0; i < 200; i++) AddAndDispose(x, y);
        const int ops = 2000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < ops; i++) AddAndDispose(x, y);
        var perOp = (GC.GetAllocatedBytesForCurrentThread() - before) / ops;
        Assert.True(perOp <= 224, $"an eager x + y allocated {perOp} bytes");
    }

    private static void AddAndDispose(NDArray x, NDArray y)
    {
        using var sum = x + y;
        sum.BlockUntilReady();
    }

    [Fact]
    public void AlternatingShapesDtypesAndParamsOfOnePrimitiveStayCorrect()
    {
        var f3 = Jnp.Array(new float[] { 1, 2, 3 });
        var f4 = Jnp.Array(new float[] { 1, 2, 3, 4 });
        var i3 = Jnp.Array(new[] { 1, 2, 3 });
        for (var round = 0; round < 3; round++)
        {
            Assert.Equal(new float[] { 2, 4, 6 }, (f3 + f3).ToArray<float>());
            Assert.Equal(new float[] { 2, 4, 6, 8 }, (f4 + f4).ToArray<float>());
            Assert.Equal(new[] { 2, 4, 6 }, (i3 + i3).ToArray<int>());
            Assert.Equal(DType.Int32, Jax.Lax.ConvertElementType(f3, DType.Int32).DType);
            Assert.Equal(new double[] { 1, 2, 3 }, Jax.Lax.ConvertElementType(f3, DType.Float64).ToArray<double>());
        }
    }

    [Fact]
    public void DisposedOperandStillFailsOnTheFastPath()
    {
        var x = Jnp.Array(new float[] { 1, 2 });
        var y = Jnp.Array(new float[] { 3, 4 });
        (x + y).Dispose();
        y.Dispose();
        Assert.Throws<ObjectDisposedException>(() => x + y);
    }
}
