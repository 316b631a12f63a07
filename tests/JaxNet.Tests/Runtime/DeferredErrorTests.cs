using JaxNet.Abstractions;

namespace JaxNet.Tests.Runtime;

/// <summary>
/// A launch that fails on the device leaves its results' event failed. As in JAX, the error is deferred to the first
/// blocking read of the results, or of anything computed from them, however long after the event completed.
/// </summary>
public class DeferredErrorTests
{
    private const string Failure = "launch 1 failed on purpose";

    /// <summary>An array whose computing launch (the counting backend's first) failed; its event has completed.</summary>
    private static NDArray FailedResult()
    {
        var device = Device.Of(new CountingBackend(Device.Default.Backend, failLaunch: 1), 0);
        var x = Jax.DevicePut(Jnp.Arange(6).Astype(DType.Float32).Reshape(2, 3), device);
        return x * 2f;
    }

    private static void AssertRaisesTheFailure(Action read)
    {
        var error = Assert.Throws<DeviceOperationException>(read);
        Assert.Contains(Failure, error.Message);
    }

    [Fact]
    public void EveryHostReadRaisesTheError()
    {
        var y = FailedResult();
        AssertRaisesTheFailure(() => y.ToArray<float>());
        AssertRaisesTheFailure(() => y.ToArray<double>());
        AssertRaisesTheFailure(() => _ = y[0, 0].Item<float>());
        AssertRaisesTheFailure(() => _ = y.ToString());
        AssertRaisesTheFailure(() => y.BlockUntilReady());
        // Reading again raises again: the array never holds a value.
        AssertRaisesTheFailure(() => y.ToArray<float>());
    }

    [Fact]
    public void TheErrorReachesWhatIsComputedFromTheFailedArray()
    {
        var y = FailedResult();
        AssertRaisesTheFailure(() => (y + 1f).ToArray<float>());
        AssertRaisesTheFailure(() => Jnp.Sum(y).Item<float>());
        AssertRaisesTheFailure(() => Jax.Jit((NDArray a) => Jnp.Exp(a))(y).ToArray<float>());
    }

    [Fact]
    public void CopiesToAnotherDeviceCarryTheError()
    {
        var y = FailedResult();
        AssertRaisesTheFailure(() => Jax.DevicePut(y, Device.Default).ToArray<float>());
        if (y.Device.Backend.Devices.Count > 1)
            AssertRaisesTheFailure(() => Jax.DevicePut(y, Device.Of(y.Device.Backend, 1)).ToArray<float>());
    }

    [Fact]
    public void ASucceededLaunchReadsItsValues()
    {
        var device = Device.Of(new CountingBackend(Device.Default.Backend, failLaunch: 2), 0);
        var x = Jax.DevicePut(Jnp.Array(new[] { 1f, float.NaN, -3f }), device);
        var y = x * 2f;
        Assert.Equal([2f, float.NaN, -6f], y.ToArray<float>());
    }
}
