namespace JaxNet;

public static partial class Jax
{
    // An AsyncLocal, not a thread-static: a `using` scope in async code must hold across its awaits, and tasks started
    // inside it see it (as they see Activity.Current); flows started elsewhere do not.
    private static readonly AsyncLocal<DefaultDeviceScope?> defaultDeviceScope = new();

    /// <summary>The device of the innermost <see cref="DefaultDevice(Device)"/> scope of this flow, if any.</summary>
    internal static Device? ScopedDefaultDevice => defaultDeviceScope.Value?.Device;

    /// <summary>
    /// jax.default_device(device): until the scope is disposed, in this thread and the tasks it starts, new arrays that
    /// are not committed are made on <paramref name="device"/>, and jitted calls whose arguments are not committed
    /// elsewhere run there. Committed arrays (from <see cref="DevicePut(NDArray, Device?)"/> with a device) stay where
    /// they are, as in JAX. Scopes nest; disposing one ends the scopes opened inside it too.
    /// <code>using (Jax.DefaultDevice(Jax.Devices("tpu-sim")[0])) { var x = Jnp.Ones([4]); }</code>
    /// </summary>
    public static IDisposable DefaultDevice(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var scope = new DefaultDeviceScope(device, defaultDeviceScope.Value);
        defaultDeviceScope.Value = scope;
        return scope;
    }

    private sealed class DefaultDeviceScope(Device device, DefaultDeviceScope? outer) : IDisposable
    {
        private bool disposed;

        public Device Device { get; } = device;

        private DefaultDeviceScope? Outer { get; } = outer;

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            // Only a scope still open in this flow (this one or one inside it) is ended.
            for (var s = defaultDeviceScope.Value; s is not null; s = s.Outer)
                if (ReferenceEquals(s, this))
                {
                    defaultDeviceScope.Value = Outer;
                    return;
                }
        }
    }
}
