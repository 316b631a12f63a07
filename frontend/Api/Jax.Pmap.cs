using JaxNet.Core;
using JaxNet.Parallel;

namespace JaxNet;

public static partial class Jax
{
    /// <summary>
    /// jax.pmap: <paramref name="f"/> run on several devices at once, one slice of the argument's leading axis per
    /// device (the first devices of the default backend, or <paramref name="devices"/>), with collectives
    /// (<see cref="Lax.Psum"/>, ...) over <paramref name="axisName"/>. It is traced once per signature and each stretch
    /// between collectives is fused and compiled once. The result stacks the devices' results along a new leading axis,
    /// each row left on its device (a sharded array, as in JAX).
    /// </summary>
    /// <param name="inAxes">One entry: the axis split over the devices (default 0).</param>
    /// <param name="outAxes">One entry per result (default 0): the axis of the result along which the devices' results
    /// are stacked, or null for a result that is the same on every device (after a psum, say), returned once.</param>
    public static Func<NDArray, NDArray> Pmap(Func<NDArray, NDArray> f, string? axisName = null, IReadOnlyList<Device>? devices = null,
        int?[]? inAxes = null, int?[]? outAxes = null)
    {
        var pmapped = new PmapFunction(a => [f(a[0])], inAxes ?? [0], axisName, devices, f.Method.Name);
        return x => pmapped.Call([x], () => outAxes)[0];
    }

    /// <summary>pmap of a function of two arrays; <paramref name="inAxes"/> gives the axis of each argument that is
    /// split over the devices, or null for an argument every device gets whole.</summary>
    public static Func<NDArray, NDArray, NDArray> Pmap(Func<NDArray, NDArray, NDArray> f, string? axisName = null, int?[]? inAxes = null,
        IReadOnlyList<Device>? devices = null, int?[]? outAxes = null)
    {
        var pmapped = new PmapFunction(a => [f(a[0], a[1])], inAxes ?? [0, 0], axisName, devices, f.Method.Name);
        return (x, y) => pmapped.Call([x, y], () => outAxes)[0];
    }

    /// <summary>
    /// jax.device_put_replicated: a copy of <paramref name="x"/> on each of <paramref name="devices"/>, as the rows of
    /// an array of shape [devices, ...x's shape] that a pmap over those devices maps along axis 0 with no copy (the
    /// way to keep a model's parameters on every device across the steps of a data-parallel loop).
    /// </summary>
    public static NDArray DevicePutReplicated(NDArray x, IReadOnlyList<Device> devices)
    {
        if (devices.Count == 0) throw new ArgumentException("device_put_replicated needs at least one device", nameof(devices));
        var aval = x.Concrete("DevicePutReplicated").Aval.Strong();
        // The result owns its rows: where x itself is already on a device, the row is a view that does not own x's buffer.
        return NDArray.FromShards(devices.Select(d => DevicePut(x, d) is var row && ReferenceEquals(row, x) ? x.ReshapedView(x.Shape) ?? x : row).ToArray(),
            aval.WithShape([devices.Count, .. aval.Shape]));
    }

    /// <summary>pmap of a function of arrays to arrays (several results); <paramref name="outAxes"/> has one entry per
    /// result.</summary>
    public static Func<NDArray[], NDArray[]> PmapN(Func<NDArray[], NDArray[]> f, int?[] inAxes, string? axisName = null,
        IReadOnlyList<Device>? devices = null, int?[]? outAxes = null)
    {
        var pmapped = new PmapFunction(f, inAxes, axisName, devices, f.Method.Name);
        return args => pmapped.Call(args, () => outAxes);
    }
}
