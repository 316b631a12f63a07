using System.Runtime.InteropServices;

namespace JaxNet.Runtime;

/// <summary>
/// Weak references to every array that owns a device buffer, for <see cref="Jax.LiveArrays"/> and
/// <see cref="Jax.EffectsBarrier"/>, while <see cref="Jax.Config.TrackLiveArrays"/> is on. Tracking costs one weak
/// GC handle per array (no finalizer, unlike WeakReference), a short lock and the sweeps: about 100 ns on an eager
/// op of 250, which is why it is off unless asked for. Dead and disposed entries are swept when the list has doubled
/// since the last sweep, so the list stays within twice the number of live arrays and each array is swept O(1)
/// times on average.
/// </summary>
internal static class LiveArrayRegistry
{
    private const int MinSweepAt = 1024;
    private static readonly Lock gate = new();
    private static readonly List<GCHandle> handles = [];
    private static int sweepAt = MinSweepAt;

    /// <summary>Entries held now, dead ones not yet swept included (for tests of the sweep).</summary>
    public static int TrackedCount
    {
        get
        {
            lock (gate) return handles.Count;
        }
    }

    /// <summary>Whether new arrays are tracked (jax_track_live_arrays; JAXNET_TRACK_LIVE_ARRAYS=1 at start-up).</summary>
    public static volatile bool Enabled = Environment.GetEnvironmentVariable("JAXNET_TRACK_LIVE_ARRAYS") == "1";

    public static NDArray Track(NDArray array)
    {
        if (!Enabled) return array;
        var handle = GCHandle.Alloc(array, GCHandleType.Weak);
        lock (gate)
        {
            handles.Add(handle);
            if (handles.Count >= sweepAt) Sweep();
        }
        return array;
    }

    /// <summary>The arrays still reachable and not disposed, oldest first.</summary>
    public static List<NDArray> Snapshot()
    {
        var live = new List<NDArray>();
        lock (gate)
        {
            Sweep();
            foreach (var h in handles)
                if (h.Target is NDArray a) live.Add(a);
        }
        return live;
    }

    private static void Sweep()
    {
        var kept = 0;
        for (var i = 0; i < handles.Count; i++)
        {
            var h = handles[i];
            if (h.Target is NDArray { IsDeleted: false }) handles[kept++] = h;
            else h.Free();
        }
        handles.RemoveRange(kept, handles.Count - kept);
        sweepAt = Math.Max(MinSweepAt, 2 * kept);
    }
}
