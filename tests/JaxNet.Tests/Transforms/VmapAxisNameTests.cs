using JaxNet.Tests.Parallel;

namespace JaxNet.Tests.Transforms;

/// <summary>vmap with an axis name: collectives over that name act along the batch axis, each batch element
/// playing a pmap member, and give what pmap gives.</summary>
public class VmapAxisNameTests(FourCpuDevices cpu) : IClassFixture<FourCpuDevices>
{
    private static NDArray Counting(params int[] shape) =>
        Jnp.Arange(shape.Aggregate(1, (a, b) => a * b)).Astype(DType.Float32).Reshape(shape);

    private static void Same(NDArray expected, NDArray actual, float tolerance = 1e-5f)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var (e, a) = (expected.ToArray<float>(), actual.ToArray<float>());
        for (var i = 0; i < e.Length; i++) Assert.Equal(e[i], a[i], tolerance);
    }

    [Fact]
    public void PmeanCentersTheBatch()
    {
        var x = Jnp.Sin(Counting(5, 3));
        var centered = Jax.Vmap(v => v - Jax.Lax.Pmean(v, "i"), axisName: "i")(x);
        Same(x - Jnp.Mean(x, axis: 0, keepdims: true), centered);
    }

    [Fact]
    public void ReductionsOfBatchedAndUnbatchedValues()
    {
        var x = Jnp.Cos(Counting(4, 3));
        Same(Jnp.BroadcastTo(Jnp.Max(x, axis: 0) - Jnp.Min(x, axis: 0), [4, 3]),
            Jax.Vmap(v => Jax.Lax.Pmax(v, "i") - Jax.Lax.Pmin(v, "i"), axisName: "i")(x));
        // A value that does not depend on the batch sums to the axis size times itself, as in JAX.
        Same(x * 4f, Jax.Vmap(v => v * Jax.Lax.Psum(Jnp.Array(1f), "i"), axisName: "i")(x));
        Assert.Equal([0, 1, 2, 3], Jax.Vmap(v => v + Jax.Lax.AxisIndex("i"), axisName: "i")(Jnp.Zeros([4], DType.Int32)).ToArray<int>());
    }

    [Fact]
    public void GatherPermuteAndAllToAllMatchPmap()
    {
        var x = Jnp.Tanh(Counting(4, 4, 4) / 10f);
        Func<NDArray, NDArray>[] bodies =
        [
            v => Jax.Lax.AllGather(v, "i"),
            v => Jax.Lax.Ppermute(v, "i", [(0, 1), (1, 2), (3, 0)]),
            v => Jax.Lax.AllToAll(v, "i", 0, 0),
            v => Jax.Lax.AllToAll(v, "i", 0, 1, tiled: true),
            v => Jax.Lax.AllToAll(v, "i", 1, 0),
            v => Jax.Lax.Psum(v * v, "i") + Jax.Lax.AxisIndex("i").Astype(DType.Float32),
        ];
        foreach (var body in bodies)
            Same(Jax.Pmap(body, "i", cpu.Devices)(x), Jax.Vmap(body, axisName: "i")(x));
    }

    [Fact]
    public void GradientThroughANamedVmap()
    {
        // sum_b x_b * mean(x) = (sum x)^2 / n, whose gradient is 2 sum(x) / n everywhere.
        var x = Jnp.Array(new[] { 1f, 2f, 3f, 6f });
        var grad = Jax.Grad(xs => Jnp.Sum(Jax.Vmap(v => v * Jax.Lax.Pmean(v, "i"), axisName: "i")(xs)))(x);
        Same(Jnp.Full([4], 6f), grad);
    }

    [Fact]
    public void UnderJitAndAroundJitAndCond()
    {
        var x = Jnp.Sin(Counting(6, 2));
        var expected = x - Jnp.Mean(x, axis: 0, keepdims: true);
        Same(expected, Jax.Jit(Jax.Vmap(v => v - Jax.Lax.Pmean(v, "i"), axisName: "i"))(x));
        // The jitted body is batched as a jaxpr: the name goes with it.
        Same(expected, Jax.Vmap(Jax.Jit((NDArray v) => v - Jax.Lax.Pmean(v, "i")), axisName: "i")(x));
        // A batched predicate batches both branches; the collective in one of them still reduces over the batch.
        var branches = Jax.Vmap(v => Jax.Lax.Cond(Jnp.Sum(v) > 0f, u => u - Jax.Lax.Pmean(u, "i"), u => u * 0f, v), axisName: "i")(x);
        var positive = Jnp.Sum(x, axis: 1, keepdims: true) > 0f;
        Same(Jnp.Where(positive, expected, 0f), branches);
    }

    [Fact]
    public void NestedNamesAndAVmapInsideAPmap()
    {
        var x = Counting(2, 3);
        var both = Jax.Vmap(row => Jax.Vmap(v => Jax.Lax.Psum(v, "inner") * 10f + Jax.Lax.Psum(v, "outer"), axisName: "inner")(row),
            axisName: "outer")(x);
        Same(Jnp.Sum(x, axis: 1, keepdims: true) * 10f + Jnp.Sum(x, axis: 0, keepdims: true), both);
        // Inside a pmap over "i", a vmap over "b": each collective goes to the axis it names.
        var y = Counting(4, 3);
        var mixed = Jax.Pmap(v => Jax.Vmap(u => Jax.Lax.Psum(u, "i") - Jax.Lax.Pmean(u, "b"), axisName: "b")(v), "i", cpu.Devices)(y);
        Same(Jnp.Sum(y, axis: 0, keepdims: true) - Jnp.Mean(y, axis: 1, keepdims: true), mixed);
    }

    [Fact]
    public void ATupleOfVmapNamesRunsAxisByAxis()
    {
        // Each named vmap is a batching level of its own: reductions, gathers and indices over ("outer", "inner") run one
        // axis at a time and give what a mesh's tuple gives, row-major over the tuple.
        var x = Counting(2, 3);
        Func<Func<NDArray, NDArray>, NDArray> nested = body =>
            Jax.Vmap(row => Jax.Vmap(body, axisName: "inner")(row), axisName: "outer")(x);
        Same(Jnp.Full([2, 3], 15f), nested(v => Jax.Lax.Psum(v, ("outer", "inner"))));
        Same(Jnp.Full([2, 3], 2.5f), nested(v => Jax.Lax.Pmean(v, ("inner", "outer"))));
        Same(Jnp.Full([2, 3], 5f), nested(v => Jax.Lax.Pmax(v, ("outer", "inner"))));
        Same(Jnp.Array(new[] { 0f, 2, 4, 1, 3, 5 }).Reshape([2, 3]),
            nested(v => v * 0f + Jax.Lax.AxisIndex(("inner", "outer")).Astype(DType.Float32)));
        Same(Jnp.BroadcastTo(Jnp.Arange(6).Astype(DType.Float32), [2, 3, 6]), nested(v => Jax.Lax.AllGather(v, ("outer", "inner"))));
        // ppermute, all_to_all and psum_scatter need one group over the tuple: refused, saying why.
        var error = Assert.Throws<NotSupportedException>(() => nested(v => Jax.Lax.Ppermute(v, ("outer", "inner"), [(0, 1)])));
        Assert.Contains("named vmap", error.Message);
        Assert.Throws<NotSupportedException>(() => nested(v => Jax.Lax.PsumScatter(Jnp.Stack([v, v, v, v, v, v]), ("outer", "inner"))));
        Assert.Throws<NotSupportedException>(() => nested(v => Jax.Lax.AllToAll(Jnp.Stack([v, v, v, v, v, v]), ("outer", "inner"), 0, 0)));
    }

    [Fact]
    public void ANameNoVmapBindsIsAnError()
    {
        var error = Assert.Throws<ShapeException>(() => Jax.Vmap(v => Jax.Lax.Psum(v, "j"), axisName: "i")(Counting(3)));
        Assert.Contains("unbound axis name 'j'", error.Message);
        // Without a name, vmap does not bind one.
        Assert.Throws<ShapeException>(() => Jax.Vmap(v => Jax.Lax.Psum(v, "i"))(Counting(3)));
        // The untiled all_to_all needs the axis size along its split axis.
        Assert.Throws<ShapeException>(() => Jax.Vmap(v => Jax.Lax.AllToAll(v, "i", 0, 0), axisName: "i")(Counting(3, 2)));
    }
}
