namespace JaxNet.Tests.Api;

/// <summary>jax.pure_callback: host code inside traced functions, with declared result types.</summary>
public class PureCallbackTests
{
    // A host computation JaxNet has no primitive for: the number of set bits of each element.
    private static NDArray PopCount(NDArray x) => Jnp.Array(x.ToArray<int>().Select(v => System.Numerics.BitOperations.PopCount((uint)v)).ToArray())
        .Reshape(x.Shape);

    private static readonly ShapeDtypeStruct FourInts = new([4], DType.Int32);

    [Fact]
    public void EagerAndUnderJit()
    {
        var x = Jnp.Array(new[] { 0, 1, 7, 255 });
        Assert.Equal([0, 1, 3, 8], Jax.PureCallback(PopCount, FourInts, x).ToArray<int>());
        var calls = 0;
        var f = Jax.Jit((NDArray v) => Jax.PureCallback(a =>
        {
            calls++;
            return PopCount(a);
        }, FourInts, v * 2) + 1);
        Assert.Equal([1, 2, 4, 9], f(x).ToArray<int>());
        Assert.Equal([2, 2, 2, 2], f(Jnp.Array(new[] { 1, 2, 4, 8 })).ToArray<int>());
        Assert.Equal(2, calls);
    }

    [Fact]
    public void UnderVmapEachMethod()
    {
        var x = Jnp.Array(new[,] { { 1, 3, 7, 15 }, { 0, 2, 6, 14 } });
        var expected = new[] { 1, 2, 3, 4, 0, 1, 2, 3 };
        var calls = 0;
        NDArray Counted(NDArray a)
        {
            calls++;
            return PopCount(a);
        }
        Assert.Equal(expected, Jax.Vmap((NDArray v) => Jax.PureCallback(Counted, FourInts, v))(x).ToArray<int>());
        Assert.Equal(2, calls);
        Assert.Equal(expected, Jax.Vmap((NDArray v) => Jax.PureCallback(Counted, FourInts, v, VmapMethod.ExpandDims))(x).ToArray<int>());
        Assert.Equal(3, calls);
        // broadcast_all hands the unbatched argument over with the batch axis too.
        var sums = Jax.Vmap((NDArray v, NDArray w) => Jax.PureCallback(a =>
        {
            Assert.Equal([2, 4], a[1].Shape);
            return [a[0] + a[1]];
        }, [FourInts], [v, w], VmapMethod.BroadcastAll)[0], [0, null])(x, Jnp.Ones([4], DType.Int32));
        Assert.Equal(expected.Length, sums.Size);
        Assert.Equal(new[] { 2, 4, 8, 16, 1, 3, 7, 15 }, sums.ToArray<int>());
        // An empty batch calls nothing and gives empty results of the declared type.
        var none = Jax.Vmap((NDArray v) => Jax.PureCallback(Counted, FourInts, v))(Jnp.Zeros([0, 4], DType.Int32));
        Assert.Equal([0, 4], none.Shape);
        Assert.Equal(DType.Int32, none.DType);
    }

    [Fact]
    public void WrongResultsAndDerivativesAreRefused()
    {
        var x = Jnp.Array(new[] { 1, 2, 3, 4 });
        var shape = Assert.Throws<ShapeException>(() => Jax.PureCallback(a => a[..2], FourInts, x));
        Assert.Contains("declares i32[4]", shape.Message);
        Assert.Throws<ShapeException>(() => Jax.PureCallback(a => a.Astype(DType.Float32), FourInts, x));
        Assert.Throws<NotSupportedException>(() => Jax.Grad((NDArray v) => Jnp.Sum(Jax.PureCallback(a => a, new ShapeDtypeStruct([], DType.Float32), v)))(
            Jnp.Array(1f)));
    }

    [Fact]
    public void AnUnusedCallIsDroppedUnderJit()
    {
        var calls = 0;
        var f = Jax.Jit((NDArray v) =>
        {
            Jax.PureCallback(a =>
            {
                calls++;
                return a;
            }, FourInts, v);
            return v + 1;
        });
        Assert.Equal([2, 3, 4, 5], f(Jnp.Array(new[] { 1, 2, 3, 4 })).ToArray<int>());
        Assert.Equal(0, calls);
    }
}
