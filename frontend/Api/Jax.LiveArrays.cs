using JaxNet.Runtime;

namespace JaxNet;

public static partial class Jax
{
    /// <summary>
    /// The arrays that still own a device buffer on <paramref name="platform"/>'s devices, or on the default backend's
    /// (jax.live_arrays): reachable from the program and neither disposed nor donated, oldest first. Arrays that are
    /// unreachable but not yet collected may still appear; views (a reshape sharing its source's buffer), host
    /// scalars and tracers never do, and a sharded array appears as its shards. An unknown or unavailable platform is
    /// a <see cref="Abstractions.BackendUnavailableException"/>. Only arrays made while
    /// <see cref="Config.TrackLiveArrays"/> was on are seen; with it off this is an
    /// <see cref="InvalidOperationException"/> rather than an empty list that would look like an answer.
    /// </summary>
    public static IReadOnlyList<NDArray> LiveArrays(string? platform = null)
    {
        if (!LiveArrayRegistry.Enabled)
            throw new InvalidOperationException("live_arrays: arrays are not being tracked; set Jax.Config.TrackLiveArrays = true " +
                "(or JAXNET_TRACK_LIVE_ARRAYS=1) before making them. Tracking is off by default: it costs about 100 ns per eager op");
        var wanted = platform is null ? DefaultBackend() : BackendRegistry.Default.Get(platform).Platform;
        return LiveArrayRegistry.Snapshot().Where(a => a.ResidentDevice?.Platform == wanted).ToArray();
    }
}
