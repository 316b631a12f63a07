using JaxNet.Runtime;

namespace JaxNet;

public static partial class Jax
{
    /// <summary>
    /// Waits until every computation whose result is still alive has finished (jax.effects_barrier). Host callbacks
    /// (Jax.Debug.Callback, Jax.Debug.Print, PureCallback) already run on the calling thread before the call that
    /// makes them returns, so what can still be pending is device work; a device failure is rethrown here. The arrays
    /// waited for are those <see cref="Config.TrackLiveArrays"/> recorded; with tracking off there is nothing to wait
    /// for but the callbacks, which have run already.
    /// </summary>
    public static void EffectsBarrier()
    {
        foreach (var array in LiveArrayRegistry.Snapshot()) array.BlockUntilReady();
    }
}
