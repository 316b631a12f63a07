namespace JaxNet.Tests.Parallel;

/// <summary>pmap's out_axes: where the members' results are stacked, or a result that is the same on every member
/// returned once.</summary>
public class PmapOutAxesTests(FourCpuDevices cpu) : IClassFixture<FourCpuDevices>
{
    private static NDArray Rows => Jnp.Arange(12).Astype(DType.Float32).Reshape([4, 3]);

    [Fact]
    public void StacksAlongTheAxisGiven()
    {
        var last = Jax.Pmap(x => x * 2f, "i", cpu.Devices, outAxes: [1])(Rows);
        Assert.Equal([3, 4], last.Shape);
        Assert.Equal(Jnp.Transpose(Rows * 2f).ToArray<float>(), last.ToArray<float>());
        var negative = Jax.Pmap(x => x * 2f, "i", cpu.Devices, outAxes: [-1])(Rows);
        Assert.Equal(last.ToArray<float>(), negative.ToArray<float>());
    }

    [Fact]
    public void NoneReturnsAReplicatedResultOnce()
    {
        var total = Jax.Pmap(x => Jax.Lax.Psum(x, "i"), "i", cpu.Devices, outAxes: [null])(Rows);
        Assert.Equal([3], total.Shape);
        Assert.Equal(new[] { 18f, 22f, 26f }, total.ToArray<float>());
        // A value computed from unmapped arguments only is the same everywhere too.
        var scaled = Jax.Pmap((w, x) => w * 2f + Jax.Lax.Pmax(x, "i"), "i", inAxes: [null, 0], devices: cpu.Devices, outAxes: [null])(
            Jnp.Array(new[] { 1f, 2f, 3f }), Rows);
        Assert.Equal(new[] { 11f, 14f, 17f }, scaled.ToArray<float>());
    }

    [Fact]
    public void NoneOnAResultThatDiffersBetweenMembersIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => Jax.Pmap(x => x + 1f, "i", cpu.Devices, outAxes: [null])(Rows));
        Assert.Contains("out_axes is None for result 0", error.Message);
        // axis_index differs even though nothing mapped is read, and a permutation moves values between members.
        Assert.Throws<ArgumentException>(() => Jax.Pmap((w, x) => w * Jax.Lax.AxisIndex("i").Astype(DType.Float32), "i",
            inAxes: [null, 0], devices: cpu.Devices, outAxes: [null])(Jnp.Array(1f), Rows));
        Assert.Throws<ArgumentException>(() => Jax.Pmap(x => Jax.Lax.Ppermute(Jax.Lax.Psum(x, "i"), "i", [(0, 1), (1, 2), (2, 3), (3, 0)]),
            "i", cpu.Devices, outAxes: [null])(Rows));
    }

    [Fact]
    public void GradientThroughAReplicatedResultCountsItOnce()
    {
        var mean = Jax.Pmap(x => Jax.Lax.Pmean(x * x, "i"), "i", cpu.Devices, outAxes: [null]);
        var grad = Jax.Grad(x => Jnp.Sum(mean(x)))(Rows);
        // d/dx of sum_j mean_i x_ij^2 = 2 x / 4.
        Assert.Equal((Rows * 0.5f).ToArray<float>(), grad.ToArray<float>());
        var jitted = Jax.Jit(mean)(Rows);
        Assert.Equal(mean(Rows).ToArray<float>(), jitted.ToArray<float>());
    }

    [Fact]
    public void PytreeEntriesPerElementOfTheOutputTuple()
    {
        var f = Jax.Pmap((NDArray x) => (Total: Jax.Lax.Psum(x, "i"), Own: x * 10f), "i", cpu.Devices, outAxes: [null, 1]);
        var (total, own) = f(Rows);
        Assert.Equal([3], total.Shape);
        Assert.Equal([3, 4], own.Shape);
        Assert.Equal(Jnp.Transpose(Rows * 10f).ToArray<float>(), own.ToArray<float>());
        Assert.Throws<ArgumentException>(() => Jax.Pmap((NDArray x) => (x, x), "i", cpu.Devices, outAxes: [0])(Rows));
    }

    [Fact]
    public void BadOutAxesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => Jax.PmapN(a => [a[0], a[0]], [0], "i", cpu.Devices, outAxes: [0])([Rows]));
        var outside = Assert.Throws<ShapeException>(() => Jax.Pmap(x => x, "i", cpu.Devices, outAxes: [2])(Rows));
        Assert.Contains("out_axes 2", outside.Message);
    }
}
