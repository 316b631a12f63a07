using JaxNet.Runtime;

namespace JaxNet;

public static partial class Jax
{
    /// <summary>
    /// Waits until every computation whose result is still alive has finished (jax.effects_barrier). Host callbacks
    /// (Jax.Debug.Callback, Jax.Debug.Print, PureCallback) already run on the calling thread before the call that
    /// makes them returns, so what can still be pending is device work; a device failure is rethrown here.
    /// </summary>
    public static void EffectsBarrier()
    {
        foreach (var array in LiveArrayRegistry.Snapshot()) array.BlockUntilReady();
    }
}
