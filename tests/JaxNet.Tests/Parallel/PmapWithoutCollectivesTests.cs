namespace JaxNet.Tests.Parallel;

/// <summary>
/// pmap on a backend without collectives (the TPU simulator's chips with their collectives hidden): the same
/// results through copies and eager ops on the first device.
/// </summary>
public class PmapWithoutCollectivesTests(FourDevicesWithoutCollectives tpu) : IClassFixture<FourDevicesWithoutCollectives>
{
    private static readonly NDArray Rows = Jnp.Arange(8).Astype(DType.Float32).Reshape([4, 2]);

    [Fact]
    public void EveryCollectiveGivesTheSameValues()
    {
        var devices = tpu.Devices;
        Assert.Equal(4, devices.Count);
        Assert.Null(devices[0].Backend.Collectives);
        Assert.Equal([12f, 16f, 13f, 17f, 14f, 18f, 15f, 19f],
            Jax.Pmap(v => Jax.Lax.Psum(v, "i") + Jax.Lax.AxisIndex("i").Astype(DType.Float32), "i", devices)(Rows).ToArray<float>());
        Assert.Equal(Enumerable.Repeat(6f, 8), Jax.Pmap(v => Jax.Lax.Pmax(v, "i") - Jax.Lax.Pmin(v, "i"), "i", devices)(Rows).ToArray<float>());
        Assert.Equal([12f, 16f, 12f, 16f, 12f, 16f, 12f, 16f],
            Jax.Pmap(v => Jnp.Sum(Jax.Lax.AllGather(v, "i"), 0), "i", devices)(Rows).ToArray<float>());
        Assert.Equal([0f, 0f, 0f, 1f, 2f, 3f, 0f, 0f],
            Jax.Pmap(v => Jax.Lax.Ppermute(v, "i", [(0, 1), (1, 2)]), "i", devices)(Rows).ToArray<float>());
        var square = Jnp.Arange(16).Astype(DType.Float32).Reshape([4, 4]);
        Assert.Equal(Jnp.Transpose(square).ToArray<float>(), Jax.Pmap(v => Jax.Lax.AllToAll(v, "i", 0, 0), "i", devices)(square).ToArray<float>());
        Assert.Equal(Jnp.Sum(square, axis: 0).ToArray<float>(), Jax.Pmap(v => Jax.Lax.PsumScatter(v, "i"), "i", devices)(square).ToArray<float>());
    }
}
