namespace JaxNet.Tests.Parallel;

/// <summary>lax.psum_scatter and all_gather's axis and tiled forms over four cpu devices.</summary>
public class ReduceScatterTests(FourCpuDevices cpu) : IClassFixture<FourCpuDevices>
{
    private static NDArray Counting(params int[] shape) =>
        Jnp.Sin(Jnp.Arange(shape.Aggregate(1, (a, b) => a * b)).Astype(DType.Float32)).Reshape(shape);

    private static NDArray Replicated(NDArray x) => Jnp.BroadcastTo(x, [4, .. x.Shape]);

    private static void Same(NDArray expected, NDArray actual)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var (e, a) = (expected.ToArray<float>(), actual.ToArray<float>());
        for (var i = 0; i < e.Length; i++) Assert.Equal(e[i], a[i], 1e-5f);
    }

    [Fact]
    public void UntiledKeepsRowIOfTheSum()
    {
        var x = Counting(4, 4, 3);
        Same(Jnp.Sum(x, axis: 0), Jax.Pmap(v => Jax.Lax.PsumScatter(v, "i"), "i", cpu.Devices)(x));
    }

    [Fact]
    public void TiledKeepsChunkIOfTheSum()
    {
        var x = Counting(4, 2, 8);
        var y = Jax.Pmap(v => Jax.Lax.PsumScatter(v, "i", scatterDimension: 1, tiled: true), "i", cpu.Devices)(x);
        var sum = Jnp.Sum(x, axis: 0);
        Same(Jnp.Stack(Enumerable.Range(0, 4).Select(i => sum[.., (2 * i)..(2 * i + 2)]).ToArray()), y);
        // Integers and bools (counted as int32) too.
        var flags = Jax.Pmap(v => Jax.Lax.PsumScatter(v > 0f, "i", scatterDimension: 1, tiled: true), "i", cpu.Devices)(x);
        Assert.Equal(DType.Int32, flags.DType);
        Assert.Equal(Jnp.Stack(Enumerable.Range(0, 4).Select(i => Jnp.Sum(x > 0f, axis: 0)[.., (2 * i)..(2 * i + 2)]).ToArray()).ToArray<int>(),
            flags.ToArray<int>());
    }

    [Fact]
    public void AllGatherAlongAnAxisAndTiled()
    {
        var x = Counting(4, 2, 3);
        Same(Replicated(Jnp.Moveaxis(x, 0, 1)), Jax.Pmap(v => Jax.Lax.AllGather(v, "i", axis: 1), "i", cpu.Devices)(x));
        var joined = Jnp.Concatenate(Enumerable.Range(0, 4).Select(j => x[j]).ToArray(), 1);
        Same(Replicated(joined), Jax.Pmap(v => Jax.Lax.AllGather(v, "i", axis: -1, tiled: true), "i", cpu.Devices)(x));
    }

    [Fact]
    public void GradientsAreEachOthersTransposes()
    {
        var x = Counting(4, 2, 8);
        var w = Jnp.Cos(Counting(4, 2, 2));
        var scatter = Jax.Pmap(v => Jax.Lax.PsumScatter(v, "i", scatterDimension: 1, tiled: true), "i", cpu.Devices);
        var grad = Jax.Grad(v => Jnp.Sum(scatter(v) * w))(x);
        // Every member's value reaches every chunk: its cotangent is the members' chunk weights side by side.
        var joined = Jnp.Concatenate(Enumerable.Range(0, 4).Select(i => w[i]).ToArray(), 1);
        Same(Replicated(joined), grad);
        var gather = Jax.Pmap(v => Jax.Lax.AllGather(v, "i", axis: 1, tiled: true), "i", cpu.Devices);
        var u = Jnp.Cos(Counting(4, 2, 8));
        Same(scatter(u), Jax.Grad(v => Jnp.Sum(gather(v) * u))(Counting(4, 2, 2)));
    }

    [Fact]
    public void VmapWithTheAxisNameGivesWhatPmapGives()
    {
        var x = Counting(4, 4, 8);
        Func<NDArray, NDArray>[] bodies =
        [
            v => Jax.Lax.PsumScatter(v, "i"),
            v => Jax.Lax.PsumScatter(v, "i", scatterDimension: 1, tiled: true),
            v => Jax.Lax.AllGather(v, "i", axis: 1, tiled: true),
            v => Jax.Lax.AllGather(v, "i", axis: 2),
        ];
        foreach (var body in bodies) Same(Jax.Pmap(body, "i", cpu.Devices)(x), Jax.Vmap(body, axisName: "i")(x));
        // Batched under an unnamed vmap inside the pmap, too.
        Same(Jnp.Sum(x, axis: 0), Jax.Pmap(v => Jax.Vmap(u => Jax.Lax.PsumScatter(u, "i"), 1, 0)(v), "i", cpu.Devices)(x));
    }

    [Fact]
    public void BadShapesAreRefused()
    {
        var untiled = Assert.Throws<ShapeException>(() => Jax.Pmap(v => Jax.Lax.PsumScatter(v, "i"), "i", cpu.Devices)(Counting(4, 3, 2)));
        Assert.Contains("unless tiled is true", untiled.Message);
        var uneven = Assert.Throws<ShapeException>(() => Jax.Pmap(v => Jax.Lax.PsumScatter(v, "i", 0, tiled: true), "i", cpu.Devices)(Counting(4, 6)));
        Assert.Contains("4 equal chunks", uneven.Message);
        Assert.Throws<ShapeException>(() => Jax.Pmap(v => Jax.Lax.AllGather(v, "i", tiled: true), "i", cpu.Devices)(Counting(4)));
    }
}
