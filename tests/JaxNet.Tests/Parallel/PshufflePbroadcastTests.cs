namespace JaxNet.Tests.Parallel;

/// <summary>lax.pshuffle and lax.pbroadcast over four cpu devices and a named vmap, with their gradients.</summary>
public class PshufflePbroadcastTests(FourCpuDevices cpu) : IClassFixture<FourCpuDevices>
{
    private static NDArray Members() => Jnp.Array(new float[,] { { 1, -0f }, { 2, float.NaN }, { 3, float.PositiveInfinity }, { 4, 5 } });

    private static float[] Row(NDArray x, int r) => x[r].ToArray<float>();

    [Fact]
    public void PshuffleGivesMemberITheValueOfMemberPermI()
    {
        var x = Members();
        var y = Jax.Pmap(v => Jax.Lax.Pshuffle(v, "i", [2, 0, 3, 1]), "i", cpu.Devices)(x);
        Assert.Equal(Row(x, 2), Row(y, 0));
        Assert.Equal(Row(x, 0), Row(y, 1));
        Assert.Equal(Row(x, 3), Row(y, 2));
        Assert.Equal(Row(x, 1), Row(y, 3));
        var named = Jax.Vmap((NDArray v) => Jax.Lax.Pshuffle(v, "j", [2, 0, 3, 1]), axisName: "j")(x);
        Assert.Equal(y.ToArray<float>(), named.ToArray<float>());
    }

    [Fact]
    public void PbroadcastCopiesTheSourceBitForBit()
    {
        var x = Members();
        var y = Jax.Pmap(v => Jax.Lax.Pbroadcast(v, "i", 0), "i", cpu.Devices)(x);
        for (var r = 0; r < 4; r++)
        {
            Assert.Equal(1f, Row(y, r)[0]);
            Assert.True(float.IsNegative(Row(y, r)[1])); // -0.0 arrives as -0.0, and no NaN or inf leaks in
        }
        var fromLast = Jax.Vmap((NDArray v) => Jax.Lax.Pbroadcast(v, "j", 3), axisName: "j")(x);
        Assert.All(Enumerable.Range(0, 4), r => Assert.Equal([4f, 5f], Row(fromLast, r)));
    }

    [Fact]
    public void GradientsFlowBackToTheSources()
    {
        var x = Jnp.Array(new float[,] { { 1 }, { 2 }, { 3 }, { 4 } });
        var weights = Jnp.Array(new float[,] { { 1 }, { 10 }, { 100 }, { 1000 } });
        // sum_i w_i * x_{perm[i]}: the gradient at member s is w_i for the i with perm[i] = s.
        var shuffleGrad = Jax.Grad((NDArray v) => Jnp.Sum(Jax.Pmap(u => Jax.Lax.Pshuffle(u, "i", [2, 0, 3, 1]), "i", cpu.Devices)(v) * weights))(x);
        Assert.Equal([10f, 1000f, 1f, 100f], shuffleGrad.ToArray<float>());
        // sum_i w_i * x_source: the source gets every weight, the others nothing.
        var broadcastGrad = Jax.Grad((NDArray v) => Jnp.Sum(Jax.Pmap(u => Jax.Lax.Pbroadcast(u, "i", 1), "i", cpu.Devices)(v) * weights))(x);
        Assert.Equal([0f, 1111f, 0f, 0f], broadcastGrad.ToArray<float>());
        var namedGrad = Jax.Grad((NDArray v) => Jnp.Sum(Jax.Vmap((NDArray u) => Jax.Lax.Pbroadcast(u, "j", 1), axisName: "j")(v) * weights))(x);
        Assert.Equal([0f, 1111f, 0f, 0f], namedGrad.ToArray<float>());
    }

    [Fact]
    public void BadPermutationsSourcesAndUseOutsideAMappedAxisAreRefused()
    {
        var x = Members();
        NDArray Shuffle(int[] perm) => Jax.Pmap(v => Jax.Lax.Pshuffle(v, "i", perm), "i", cpu.Devices)(x);
        Assert.Throws<ArgumentException>(() => Shuffle([0, 1, 2]));
        Assert.Throws<ArgumentException>(() => Shuffle([0, 0, 1, 2]));
        Assert.Throws<ArgumentException>(() => Shuffle([0, 1, 2, 4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Jax.Pmap(v => Jax.Lax.Pbroadcast(v, "i", 4), "i", cpu.Devices)(x));
        Assert.Throws<ArgumentOutOfRangeException>(() => Jax.Pmap(v => Jax.Lax.Pbroadcast(v, "i", -1), "i", cpu.Devices)(x));
        // Outside pmap, shard_map or a named vmap the axis is unbound.
        Assert.Contains("unbound axis name 'i'", Assert.Throws<ShapeException>(() => Jax.Lax.Pshuffle(x, "i", [0, 1, 2, 3])).Message);
        Assert.Contains("unbound axis name 'i'", Assert.Throws<ShapeException>(() => Jax.Lax.Pbroadcast(x, "i", 0)).Message);
        Assert.Throws<ShapeException>(() => Jax.Pmap(v => Jax.Lax.Pbroadcast(v, "other", 0), "i", cpu.Devices)(x));
    }
}
