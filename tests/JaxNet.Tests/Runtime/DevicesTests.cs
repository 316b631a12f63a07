using JaxNet.Runtime;

namespace JaxNet.Tests.Runtime;

public class DevicesTests
{
    [Fact]
    public void ListsDevicesAndBackends()
    {
        Assert.Equal("cpu", Jax.DefaultBackend());
        Assert.NotEmpty(Jax.Devices());
        Assert.Equal("cpu:0", Jax.Devices("cpu")[0].ToString());
        Assert.Contains(Jax.Backends(), r => r.Platform == "cpu" && r.IsLoaded);
    }

    [Fact]
    public void DevicePutAndJitOnANamedBackend()
    {
        var x = Jnp.Array(new float[] { 1, 2 });
        var y = Jax.DevicePut(x, Jax.Devices("cpu")[^1]);
        Assert.Equal(new float[] { 1, 2 }, y.ToArray<float>());
        var f = Jax.Jit(a => a * 3f, backend: "cpu");
        Assert.Equal(new float[] { 3, 6 }, f(x).ToArray<float>());
    }

    [Fact]
    public void EagerCacheHitsCompileNothing()
    {
        var x = Jnp.Array(new float[] { 1, 2, 3, 4, 5, 6, 7 });
        _ = Jnp.Sin(x) + 1f;
        var before = EagerDispatch.CompileCountOnThisThread;
        for (var i = 0; i < 10; i++) _ = Jnp.Sin(x) + 1f;
        Assert.Equal(before, EagerDispatch.CompileCountOnThisThread);
    }
}
