namespace JaxNet.Tests.Parallel;

/// <summary>pmap of functions of pytrees: in_axes per element of the input tuple, outputs stacked leaf by leaf.</summary>
public class PmapPytreeTests(FourCpuDevices cpu) : IClassFixture<FourCpuDevices>
{
    private sealed record Linear(NDArray W, NDArray B);

    [Fact]
    public void ReplicatedParametersAndShardedData()
    {
        var p = new Linear(Jnp.Array(new[] { 1f, -2f }), Jnp.Array(0.5f));
        var x = Jnp.Arange(8).Astype(DType.Float32).Reshape([4, 1, 2]);
        // Each member's gradient of its own squared error, averaged over the axis: the data-parallel step.
        var step = Jax.Pmap(((Linear P, NDArray X) s) =>
        {
            var grads = Jax.Grad<Linear>(q => Jnp.Sum(Jnp.Square(Jnp.Matmul(s.X, q.W) + q.B)))(s.P);
            return (Grads: Jax.TreeUtil.TreeMap(g => Jax.Lax.Pmean(g, "i"), grads), Index: Jax.Lax.AxisIndex("i"));
        }, "i", inAxes: [null, 0], devices: cpu.Devices);
        var result = step((p, x));
        Assert.Equal([4, 2], result.Grads.W.Shape);
        Assert.Equal([4], result.Grads.B.Shape);
        Assert.Equal([0, 1, 2, 3], result.Index.ToArray<int>());
        // d/dw (x.w + b)^2 = 2 (x.w + b) x, averaged over the four rows of x.
        var rows = Enumerable.Range(0, 4).Select(d => (X0: 2f * d, X1: 2f * d + 1)).ToArray();
        var residuals = rows.Select(r => r.X0 - 2 * r.X1 + 0.5f).ToArray();
        var dw0 = rows.Select((r, d) => 2 * residuals[d] * r.X0).Average();
        var dw1 = rows.Select((r, d) => 2 * residuals[d] * r.X1).Average();
        var db = residuals.Select(e => 2 * e).Average();
        for (var d = 0; d < 4; d++)
        {
            var w = result.Grads.W[d].ToArray<float>();
            Assert.Equal(dw0, w[0], 1e-4f);
            Assert.Equal(dw1, w[1], 1e-4f);
            Assert.Equal(db, result.Grads.B[d].Item<float>(), 1e-4f);
        }
    }

    [Fact]
    public void InAxesMustMatchTheTuple()
    {
        var f = Jax.Pmap(((NDArray A, NDArray B) s) => s.A + s.B, "i", inAxes: [0], devices: cpu.Devices);
        var e = Assert.Throws<ArgumentException>(() => f((Jnp.Zeros([4, 2]), Jnp.Zeros([4, 2]))));
        Assert.Contains("in_axes has 1 entries for an input of 2 elements", e.Message);
    }

    [Fact]
    public void DefaultMapsEveryLeafAlongItsFirstAxis()
    {
        var f = Jax.Pmap(((NDArray A, NDArray B) s) => s.A * s.B, devices: cpu.Devices);
        var y = f((Jnp.Arange(4).Astype(DType.Float32), Jnp.Full([4], 3f)));
        Assert.Equal([0f, 3f, 6f, 9f], y.ToArray<float>());
    }
}
