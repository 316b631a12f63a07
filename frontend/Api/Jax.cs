using JaxNet.Core;
using JaxNet.Runtime;

namespace JaxNet;

/// <summary>JAX's top level: transformations, devices and configuration.</summary>
public static partial class Jax
{
    /// <summary>Process-wide switches (jax.config).</summary>
    public static class Config
    {
        /// <summary>
        /// 64-bit mode (jax_enable_x64). Off by default: literals and host arrays of double/long become float32/int32
        /// unless a dtype is requested explicitly.
        /// </summary>
        public static bool EnableX64 { get; set; }

        /// <summary>
        /// jax_disable_jit: Jit runs its function op by op, and Cond, Switch, WhileLoop, ForiLoop and Scan on concrete
        /// values run as C# control flow, so that a debugger, Console.WriteLine or a breakpoint sees every value. For one
        /// region of code, use <see cref="Jax.DisableJit"/> instead.
        /// </summary>
        public static bool DisableJit { get; set; }

        /// <summary>
        /// jax_default_device: the device uncommitted arrays and jitted calls go to (null: the first device of the
        /// default backend). A <see cref="Jax.DefaultDevice(Device)"/> scope overrides it on its thread.
        /// </summary>
        public static Device? DefaultDevice { get; set; }

        /// <summary>
        /// Whether arrays made from now on are recorded for <see cref="Jax.LiveArrays"/> (JaxNet's switch; also
        /// <c>JAXNET_TRACK_LIVE_ARRAYS=1</c> at start-up). Off by default: the weak registry costs about 100 ns on
        /// every eager op, 40 % of a small one. Arrays made while it was off are never listed.
        /// </summary>
        public static bool TrackLiveArrays
        {
            get => Runtime.LiveArrayRegistry.Enabled;
            set => Runtime.LiveArrayRegistry.Enabled = value;
        }
    }

    /// <summary>The devices of the default backend, or of the named one.</summary>
    public static IReadOnlyList<Device> Devices(string? backend = null)
    {
        var b = backend is null ? BackendRegistry.Default.DefaultBackend : BackendRegistry.Default.Get(backend);
        return b.Devices.Select(d => Device.Of(b, d.Id)).ToArray();
    }

    /// <summary>The platform name of the default backend ("cpu", ...).</summary>
    public static string DefaultBackend() => BackendRegistry.Default.DefaultBackend.Platform;

    /// <summary>Every plugin found: what loaded, what did not, and why.</summary>
    public static IReadOnlyList<PluginReport> Backends() => BackendRegistry.Default.LoadAll();

    /// <summary>
    /// A copy of <paramref name="x"/> on <paramref name="device"/>, committed to it (the array itself, committed, when it
    /// is already there). Without a device the array goes to the default device uncommitted, or stays where it is
    /// when it is committed, as jax.device_put does.
    /// </summary>
    public static NDArray DevicePut(NDArray x, Device? device = null)
    {
        var concrete = x.Concrete("DevicePut");
        if (device is null && concrete.Committed) return concrete;
        var target = device ?? Device.Default;
        if (concrete.LiteralValue is not null) return concrete;
        // Already there: the array itself, committed when a device is named (it keeps sole ownership of its buffer, so
        // it can still be donated; unlike JAX, which returns a committed alias, the argument becomes committed).
        if (concrete.ResidentDevice is { } d && d.Equals(target)) return device is null ? concrete : concrete.Commit();
        var copy = CopyTo(concrete, target);
        return device is null ? copy : copy.Commit();
    }

    private static NDArray CopyTo(NDArray concrete, Device target)
    {
        var source = concrete.DataOn(concrete.ResidentDevice!);
        var bytes = concrete.Size * concrete.DType.SizeOf();
        if (ReferenceEquals(source.Backend, target.Backend))
        {
            var buffer = UndisposedMemory.Allocate(target, bytes);
            var done = target.Backend.CopyBuffer(source.Buffer, 0, buffer, 0, bytes, source.Ready.MustAwait() ? [source.Ready] : default);
            GC.KeepAlive(concrete); // its buffer must outlive the issue of the copy (see Executor.Launch)
            return NDArray.FromDevice(new DeviceArray(target, buffer, done), concrete.Aval);
        }
        var host = new byte[bytes];
        source.Backend.CopyToHost(source.Buffer, 0, host, source.Ready.MustAwait() ? [source.Ready] : default).Wait();
        GC.KeepAlive(concrete);
        return NDArray.FromDevice(target.Upload(host), concrete.Aval);
    }

    /// <summary>Traces <paramref name="f"/> to its jaxpr on arguments like the given ones (jax.make_jaxpr).</summary>
    public static Func<NDArray, ClosedJaxpr> MakeJaxpr(Func<NDArray, NDArray> f) => x => Trace(a => [f(a[0])], f.Method.Name, x);

    public static Func<NDArray, NDArray, ClosedJaxpr> MakeJaxpr(Func<NDArray, NDArray, NDArray> f) =>
        (x, y) => Trace(a => [f(a[0], a[1])], f.Method.Name, x, y);

    public static Func<NDArray, NDArray, NDArray, ClosedJaxpr> MakeJaxpr(Func<NDArray, NDArray, NDArray, NDArray> f) =>
        (x, y, z) => Trace(a => [f(a[0], a[1], a[2])], f.Method.Name, x, y, z);

    public static Func<NDArray, NDArray, NDArray, NDArray, ClosedJaxpr> MakeJaxpr(Func<NDArray, NDArray, NDArray, NDArray, NDArray> f) =>
        (x, y, z, w) => Trace(a => [f(a[0], a[1], a[2], a[3])], f.Method.Name, x, y, z, w);

    private static ClosedJaxpr Trace(Func<NDArray[], NDArray[]> f, string name, params NDArray[] args) =>
        Tracing.ToJaxpr(f, args.Select(a => a.Aval).ToArray(), "make_jaxpr", name);
}
