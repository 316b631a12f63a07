namespace JaxNet.Tests.Parallel;

/// <summary>shard_map over a mesh of four cpu devices: blocks of split dimensions, whole arguments, concatenated and
/// replicated results, collectives over the mesh axis, and the errors for specs, shapes and varying results.</summary>
public class ShardMapTests(FourCpuDevices cpu) : IClassFixture<FourCpuDevices>
{
    private Mesh Mesh => new(cpu.Devices, "x");

    private static NDArray Matrix => Jnp.Arange(32).Astype(DType.Float32).Reshape([8, 4]);

    [Fact]
    public void EachDeviceSeesItsBlockAndTheResultsAreConcatenated()
    {
        // Split along rows: each device gets 2 x 4 and returns its block's shape in the values.
        var rows = Jax.ShardMap(x => x * 2f + x.Shape[0] * 100, Mesh, new PartitionSpec("x", null), new PartitionSpec("x"))(Matrix);
        Assert.Equal([8, 4], rows.Shape);
        Assert.Equal((Matrix * 2f + 200f).ToArray<float>(), rows.ToArray<float>());
        // Split along columns: each device gets 8 x 1 and the results are joined along the columns again.
        var columns = Jax.ShardMap(x => Jnp.Cumsum(x, axis: 1) + x.Shape[1] * 1000, Mesh, new PartitionSpec(null, "x"), new PartitionSpec(null, "x"))(Matrix);
        Assert.Equal((Matrix + 1000f).ToArray<float>(), columns.ToArray<float>());
    }

    [Fact]
    public void ARowParallelMatmulSumsItsPartialProductsWithPsum()
    {
        // y = x @ w with x's columns and w's rows split: each device multiplies its slices, psum adds the four partials.
        var x = Jnp.Arange(24).Astype(DType.Float32).Reshape([3, 8]) / 10f;
        var w = Jnp.Arange(40).Astype(DType.Float32).Reshape([8, 5]) / 7f;
        var product = Jax.ShardMap(a => [Jax.Lax.Psum(Jnp.Matmul(a[0], a[1]), "x")], Mesh,
            [new PartitionSpec(null, "x"), new PartitionSpec("x")], [new PartitionSpec()])([x, w])[0];
        var expected = Jnp.Matmul(x, w).ToArray<float>();
        var actual = product.ToArray<float>();
        Assert.Equal([3, 5], product.Shape);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 4);
    }

    [Fact]
    public void WholeArgumentsReachEveryDevice()
    {
        var scaled = Jax.ShardMap(a => [a[0] * a[1]], Mesh, [new PartitionSpec("x"), new PartitionSpec()], [new PartitionSpec("x")])(
            [Jnp.Arange(8).Astype(DType.Float32), Jnp.Array(3f)])[0];
        Assert.Equal(new float[] { 0, 3, 6, 9, 12, 15, 18, 21 }, scaled.ToArray<float>());
        // Nothing split at all: every device computes the same value, returned once.
        var replicated = Jax.ShardMap(a => [a[0] + 1f], Mesh, [new PartitionSpec()], [new PartitionSpec()])([Jnp.Ones([2])])[0];
        Assert.Equal(new float[] { 2, 2 }, replicated.ToArray<float>());
    }

    [Fact]
    public void GradAndJitGoThroughShardMap()
    {
        var squares = Jax.ShardMap(v => v * v, Mesh, new PartitionSpec("x"), new PartitionSpec("x"));
        var x = Jnp.Arange(8).Astype(DType.Float32);
        Assert.Equal((2f * x).ToArray<float>(), Jax.Grad(v => Jnp.Sum(squares(v)))(x).ToArray<float>());
        Assert.Equal((x * x).ToArray<float>(), Jax.Jit(squares)(x).ToArray<float>());
    }

    [Fact]
    public void BadSpecsShapesAndVaryingResultsAreRefused()
    {
        Func<NDArray, NDArray> identity = v => v;
        Assert.Throws<ArgumentException>(() => Jax.ShardMap(identity, Mesh, new PartitionSpec("y"), new PartitionSpec("x")));
        Assert.Throws<ArgumentException>(() => Jax.ShardMap(identity, Mesh, new PartitionSpec("x", "x"), new PartitionSpec("x")));
        var rows = Jax.ShardMap(identity, Mesh, new PartitionSpec("x"), new PartitionSpec("x"));
        Assert.Contains("not divisible", Assert.Throws<ShapeException>(() => rows(Jnp.Ones([6]))).Message);
        Assert.Throws<ShapeException>(() => Jax.ShardMap(identity, Mesh, new PartitionSpec(null, "x"), new PartitionSpec("x"))(Jnp.Ones([8])));
        Assert.Throws<ShapeException>(() => Jax.ShardMap(v => Jnp.Sum(v), Mesh, new PartitionSpec("x"), new PartitionSpec("x"))(Jnp.Ones([8])));
        // A block returned as if replicated differs between devices: refused, as JAX's check_rep does.
        Assert.Throws<ArgumentException>(() => Jax.ShardMap(identity, Mesh, new PartitionSpec("x"), new PartitionSpec())(Jnp.Ones([8])));
        Assert.Throws<ArgumentException>(() => Jax.ShardMap(a => a, Mesh, [new PartitionSpec("x")], [new PartitionSpec("x")])([Jnp.Ones([8]), Jnp.Ones([8])]));
        Assert.Throws<ArgumentException>(() => new Mesh([], "x"));
        Assert.Throws<ArgumentException>(() => new Mesh([cpu.Devices[0], cpu.Devices[0]], "x"));
        Assert.Equal("P('x', None)", new PartitionSpec("x", null).ToString());
    }
}
