using JaxNet.Core;
using JaxNet.Runtime;

namespace JaxNet;

/// <summary>
/// Arrays whose rows live on several devices: pmap's results (row d on the device of member d), and
/// <see cref="Jax.DevicePutReplicated"/>'s copies, as JAX's sharded arrays. A pmap over the same devices takes each
/// row where it is, with no copy; any other use stacks the rows on the first device once, on first need.
/// </summary>
public sealed partial class NDArray
{
    private NDArray[]? shards;

    /// <summary>An array of <paramref name="aval"/> whose row d is <paramref name="rows"/>[d], on its own device; it
    /// owns the rows.</summary>
    internal static NDArray FromShards(NDArray[] rows, ShapedArray aval) => new(aval, null, null, null, true) { shards = rows };

    /// <summary>Row d on device d, for an array that pmap left on its devices; null otherwise.</summary>
    internal IReadOnlyList<NDArray>? Shards => shards;

    /// <summary>The device data as one buffer: the array's own, or its rows stacked on the first row's device
    /// (once; later reads take the same buffer).</summary>
    private DeviceArray? Stacked()
    {
        if (data is not null || shards is null) return data;
        lock (shards)
        {
            if (data is not null) return data;
            var first = shards[0].ResidentDevice!;
            var stacked = Jnp.Stack(shards.Select(r => Jax.DevicePut(r, first)).ToArray());
            data = stacked.data;
            return data;
        }
    }
}
