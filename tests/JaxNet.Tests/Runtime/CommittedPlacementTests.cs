using JaxNet.Tests.Parallel;

namespace JaxNet.Tests.Runtime;

/// <summary>
/// JAX's committed placement: Jax.DevicePut with a device commits; eager ops and jitted calls run on the device of their
/// committed arguments, move uncommitted ones there and commit their results; two committed devices are an error.
/// The fixture's devices belong to a backend of their own, so none of them is the default device.
/// </summary>
public class CommittedPlacementTests(FourCpuDevices cpu) : IClassFixture<FourCpuDevices>
{
    private static NDArray Values() => Jnp.Array(new[] { 1f, 2f, 3f });

    [Fact]
    public void DevicePutWithADeviceCommitsAndWithoutOneDoesNot()
    {
        var x = Values();
        Assert.False(x.Committed);
        Assert.Equal(Device.Default, x.Device);
        var placed = Jax.DevicePut(x, cpu.Devices[3]);
        Assert.True(placed.Committed);
        Assert.Equal(cpu.Devices[3], placed.Device);
        Assert.Same(placed, Jax.DevicePut(placed));
        Assert.False(Jax.DevicePut(x).Committed);
        // An array already on the device is committed as it is.
        var here = Jax.DevicePut(x, Device.Default);
        Assert.Same(x, here);
        Assert.True(x.Committed);
        Assert.Equal(new[] { 1f, 2f, 3f }, here.ToArray<float>());
    }

    [Fact]
    public void AJittedCallRunsOnTheDeviceOfItsCommittedArgumentWithoutRetracing()
    {
        var f = Jax.Jit((NDArray x) => x * 2f + 1f);
        var on3 = f(Jax.DevicePut(Values(), cpu.Devices[3]));
        Assert.Equal(cpu.Devices[3], on3.Device);
        Assert.True(on3.Committed);
        Assert.Equal(new[] { 3f, 5f, 7f }, on3.ToArray<float>());
        var on2 = f(Jax.DevicePut(Values(), cpu.Devices[2]));
        Assert.Equal(cpu.Devices[2], on2.Device);
        Assert.Equal(new[] { 3f, 5f, 7f }, on2.ToArray<float>());
        Assert.Equal(1, f.JitInfo().TraceCount);
        // Uncommitted arguments run on the default device and give uncommitted results.
        var uncommitted = f(Values());
        Assert.False(uncommitted.Committed);
        Assert.Equal(Device.Default, uncommitted.Device);
    }

    [Fact]
    public void EagerResultsOfCommittedArgumentsAreCommittedThere()
    {
        var x = Jax.DevicePut(Values(), cpu.Devices[1]);
        var y = Jnp.Exp(x * 0f) + 2f;
        Assert.Equal(cpu.Devices[1], y.Device);
        Assert.True(y.Committed);
        Assert.Equal(new[] { 3f, 3f, 3f }, y.ToArray<float>());
        Assert.False((Values() + 1f).Committed);
    }

    [Fact]
    public void AnUncommittedArgumentMovesToTheCommittedOne()
    {
        var committed = Jax.DevicePut(Values(), cpu.Devices[2]);
        var eager = Values() * committed;
        Assert.Equal(cpu.Devices[2], eager.Device);
        Assert.Equal(new[] { 1f, 4f, 9f }, eager.ToArray<float>());
        var jitted = Jax.Jit((NDArray a, NDArray b) => a - b)(Values() * 3f, committed);
        Assert.Equal(cpu.Devices[2], jitted.Device);
        Assert.True(jitted.Committed);
        Assert.Equal(new[] { 2f, 4f, 6f }, jitted.ToArray<float>());
    }

    [Fact]
    public void CommittedArgumentsOnTwoDevicesAreAnErrorNamingBoth()
    {
        var a = Jax.DevicePut(Values(), cpu.Devices[1]);
        var b = Jax.DevicePut(Values(), cpu.Devices[3]);
        var eager = Assert.Throws<InvalidOperationException>(() => a + b);
        Assert.Contains(cpu.Devices[1].ToString(), eager.Message);
        Assert.Contains(cpu.Devices[3].ToString(), eager.Message);
        var jitted = Assert.Throws<InvalidOperationException>(() => Jax.Jit((NDArray x, NDArray y) => x + y)(a, b));
        Assert.Contains("incompatible devices", jitted.Message);
        Assert.Contains(cpu.Devices[3].ToString(), jitted.Message);
        // Moving one of them makes the call valid.
        Assert.Equal(new[] { 2f, 4f, 6f }, (a + Jax.DevicePut(b, cpu.Devices[1])).ToArray<float>());
    }

    [Fact]
    public void DonationWorksOnANonDefaultDevice()
    {
        var update = Jax.Jit((NDArray m, NDArray row) => Jax.Lax.DynamicUpdateSlice(m, row.Reshape([1, 4]), [Jnp.Array(1), Jnp.Array(0)]),
            donateArgnums: [0]);
        var m = Jax.DevicePut(Jnp.Zeros([2, 4]), cpu.Devices[3]);
        var next = update(m, Jnp.Full([4], 5f));
        Assert.Equal(cpu.Devices[3], next.Device);
        Assert.Equal(new[] { 0f, 0f, 0f, 0f, 5f, 5f, 5f, 5f }, next.ToArray<float>());
        Assert.Throws<ObjectDisposedException>(() => m.ToArray<float>());
    }

    [Fact]
    public void EmptyAndNaNArraysKeepTheirPlacement()
    {
        var empty = Jax.Jit((NDArray x) => x + 1f)(Jax.DevicePut(Jnp.Zeros([0, 3]), cpu.Devices[2]));
        Assert.Equal(cpu.Devices[2], empty.Device);
        Assert.Equal([0, 3], empty.Shape);
        var nan = Jax.DevicePut(Jnp.Array(new[] { float.NaN }), cpu.Devices[1]) * 2f;
        Assert.Equal(cpu.Devices[1], nan.Device);
        Assert.True(float.IsNaN(nan.ToArray<float>()[0]));
    }
}
