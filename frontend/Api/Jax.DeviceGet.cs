namespace JaxNet;

public static partial class Jax
{
    /// <summary>A host copy of <paramref name="x"/> (jax.device_get); waits for the value. A tracer has no value to
    /// copy: a concretization error.</summary>
    public static HostArray DeviceGet(NDArray x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return new HostArray(x.Aval, x.ToBytes());
    }

    /// <summary>Host copies of every array of a pytree, in the order of <see cref="Tree.Leaves"/> (jax.device_get of a
    /// pytree; C# has no tree of host arrays of the same type, so the copies come as a list).</summary>
    public static IReadOnlyList<HostArray> DeviceGet(object? tree) => TreeUtil.TreeLeaves(tree).Select(DeviceGet).ToArray();
}
