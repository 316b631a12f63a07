using JaxNet.Core;

namespace JaxNet.Tests.Parallel;

/// <summary>lax.all_to_all over four cpu devices: each member's chunks go to the members they are for.</summary>
public class AllToAllTests(FourCpuDevices cpu) : IClassFixture<FourCpuDevices>
{
    private static NDArray Counting(params int[] shape) =>
        Jnp.Arange(shape.Aggregate(1, (a, b) => a * b)).Astype(DType.Float32).Reshape(shape);

    [Fact]
    public void UntiledSendsRowJToMemberJ()
    {
        var x = Counting(4, 4, 3);
        var y = Jax.Pmap(v => Jax.Lax.AllToAll(v, "i", 0, 0), "i", cpu.Devices)(x);
        // Member r's row j is member j's row r: the first two axes of the stacked value swap.
        Assert.Equal([4, 4, 3], y.Shape);
        Assert.Equal(Jnp.Swapaxes(x, 0, 1).ToArray<float>(), y.ToArray<float>());
    }

    [Fact]
    public void UntiledMovesTheSplitAxisToTheConcatAxis()
    {
        var x = Counting(4, 2, 4);
        var y = Jax.Pmap(v => Jax.Lax.AllToAll(v, "i", 1, 0), "i", cpu.Devices)(x);
        // Member r gets z[j, a] = x[j, a, r].
        Assert.Equal([4, 4, 2], y.Shape);
        var (xs, ys) = (x.ToArray<float>(), y.ToArray<float>());
        for (var r = 0; r < 4; r++)
            for (var j = 0; j < 4; j++)
                for (var a = 0; a < 2; a++)
                    Assert.Equal(xs[j * 8 + a * 4 + r], ys[r * 8 + j * 2 + a]);
    }

    [Fact]
    public void TiledSplitsIntoChunksAndConcatenatesInMemberOrder()
    {
        var x = Counting(4, 8, 3);
        var y = Jax.Pmap(v => Jax.Lax.AllToAll(v, "i", 0, 1, tiled: true), "i", cpu.Devices)(x);
        // Member r: along axis 1, member j's rows 2r and 2r+1 (3 columns each), for j = 0..3.
        Assert.Equal([4, 2, 12], y.Shape);
        var (xs, ys) = (x.ToArray<float>(), y.ToArray<float>());
        for (var r = 0; r < 4; r++)
            for (var a = 0; a < 2; a++)
                for (var j = 0; j < 4; j++)
                    for (var c = 0; c < 3; c++)
                        Assert.Equal(xs[j * 24 + (2 * r + a) * 3 + c], ys[r * 24 + a * 12 + j * 3 + c]);
    }

    [Fact]
    public void GradientGoesBackByTheSwappedExchange()
    {
        var x = Counting(4, 4, 3);
        var w = Jnp.Sin(Counting(4, 4, 3));
        var exchange = Jax.Pmap(v => Jax.Lax.AllToAll(v, "i", 0, 0), "i", cpu.Devices);
        var grad = Jax.Grad(v => Jnp.Sum(exchange(v) * w))(x);
        // The pmapped exchange is swapaxes(x, 0, 1), so the gradient is swapaxes(w, 0, 1).
        Assert.Equal(Jnp.Swapaxes(w, 0, 1).ToArray<float>(), grad.ToArray<float>());
        // Tiled along different axes too: the transpose swaps split and concat.
        var tiled = Jax.Pmap(v => Jax.Lax.AllToAll(v, "i", 0, 1, tiled: true), "i", cpu.Devices);
        var u = Jnp.Cos(Counting(4, 2, 12));
        var g2 = Jax.Grad(v => Jnp.Sum(tiled(v) * u))(Counting(4, 8, 3));
        var back = Jax.Pmap(v => Jax.Lax.AllToAll(v, "i", 1, 0, tiled: true), "i", cpu.Devices)(u);
        Assert.Equal(back.ToArray<float>(), g2.ToArray<float>());
    }

    [Fact]
    public void UnderVmapAndJit()
    {
        var x = Counting(4, 5, 4, 2);
        var exchange = Jax.Pmap(v => Jax.Lax.AllToAll(v, "i", 0, 0), "i", cpu.Devices);
        // Batch along axis 1: each of the five slices is exchanged on its own, result[r, b, j] = x[j, b, r].
        var batched = Jax.Vmap(exchange, inAxes: [1], outAxes: 1)(x);
        Assert.Equal(Jnp.Transpose(x, [2, 1, 0, 3]).ToArray<float>(), batched.ToArray<float>());
        var jitted = Jax.Jit(exchange)(Counting(4, 4, 3));
        Assert.Equal(Jnp.Swapaxes(Counting(4, 4, 3), 0, 1).ToArray<float>(), jitted.ToArray<float>());
    }

    [Fact]
    public void BadShapesAreRefusedWithTheAxisNamed()
    {
        var wrongSize = Assert.Throws<ShapeException>(() => Jax.Pmap(v => Jax.Lax.AllToAll(v, "i", 0, 0), "i", cpu.Devices)(Counting(4, 3, 2)));
        Assert.Contains("axis 'i' (4)", wrongSize.Message);
        var uneven = Assert.Throws<ShapeException>(() => Jax.Pmap(v => Jax.Lax.AllToAll(v, "i", 0, 0, tiled: true), "i", cpu.Devices)(Counting(4, 6, 2)));
        Assert.Contains("4 equal chunks", uneven.Message);
        Assert.ThrowsAny<Exception>(() => Jax.Pmap(v => Jax.Lax.AllToAll(v, "i", 2, 0), "i", cpu.Devices)(Counting(4, 4, 2)));
        Assert.ThrowsAny<Exception>(() => Jax.Lax.AllToAll(Counting(4, 2), "i", 0, 0));
    }
}
