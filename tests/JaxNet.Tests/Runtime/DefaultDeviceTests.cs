using JaxNet.Tests.Parallel;

namespace JaxNet.Tests.Runtime;

/// <summary>
/// jax.default_device: inside the scope new uncommitted arrays are made on its device and jitted calls on them run
/// there; committed arrays stay where they are; scopes nest and end in order; the scope holds across awaits and flows into the tasks started inside it.
/// </summary>
public class DefaultDeviceTests(FourCpuDevices cpu) : IClassFixture<FourCpuDevices>
{
    [Fact]
    public void ArraysAndJittedCallsGoToTheScopedDevice()
    {
        var (second, third) = (cpu.Devices[1], cpu.Devices[2]);
        var before = Device.Default;
        var f = Jax.Jit((NDArray a) => a * 2f + 1f);
        using (Jax.DefaultDevice(second))
        {
            Assert.Equal(second, Device.Default);
            var x = Jnp.Array(new[] { 1f, 2f });
            var z = Jnp.Zeros([3]);
            Assert.Equal(second, x.Device);
            Assert.Equal(second, z.Device);
            var y = f(Jnp.Ones([2]));
            Assert.Equal(second, y.Device);
            Assert.Equal(new[] { 3f, 3f }, y.ToArray<float>());
            using (Jax.DefaultDevice(third))
            {
                Assert.Equal(third, Jnp.Array(new[] { 1f }).Device);
                // A committed array keeps its device: the call follows it.
                var committed = Jax.DevicePut(Jnp.Array(new[] { 5f }), second);
                Assert.Equal(second, f(committed).Device);
            }
            Assert.Equal(second, Device.Default);
        }
        Assert.Equal(before, Device.Default);
        Assert.Equal(before, Jnp.Array(new[] { 1f }).Device);
    }

    [Fact]
    public async Task TheScopeHoldsAcrossAwaitsAndFlowsIntoTasksStartedInside()
    {
        var started = new TaskCompletionSource();
        var entered = new TaskCompletionSource();
        var before = Task.Run(async () =>
        {
            started.SetResult();
            await entered.Task;
            return Device.Default;
        });
        await started.Task;
        var outer = Jax.DefaultDevice(cpu.Devices[3]);
        var inner = Jax.DefaultDevice(cpu.Devices[1]);
        entered.SetResult();
        // A flow started before the scope does not see it; one started inside does; this one keeps it across awaits.
        Assert.NotEqual(cpu.Devices[1], await before);
        Assert.Equal(cpu.Devices[1], await Task.Run(() => Device.Default));
        await Task.Yield();
        Assert.Equal(cpu.Devices[1], Device.Default);
        outer.Dispose();
        Assert.NotEqual(cpu.Devices[1], Device.Default);
        Assert.NotEqual(cpu.Devices[3], Device.Default);
        inner.Dispose(); // ended with its outer scope: nothing more changes
        Assert.NotEqual(cpu.Devices[3], Device.Default);
        Assert.Throws<ArgumentNullException>(() => Jax.DefaultDevice(null!));
    }
}
