using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    // An AsyncLocal, as the default device's scope is: it holds across awaits and flows into the tasks started inside.
    private static readonly AsyncLocal<int> disableJitDepth = new();

    /// <summary>
    /// jax.disable_jit(): until the scope is disposed, in this thread and the tasks it starts, jitted functions run op
    /// by op and control flow on concrete values runs as C# control flow (see <see cref="Config.DisableJit"/>).
    /// Scopes nest.
    /// <code>using (Jax.DisableJit()) { var y = step(x); }  // step's body runs eagerly</code>
    /// </summary>
    public static IDisposable DisableJit()
    {
        disableJitDepth.Value++;
        return new DisableJitScope();
    }

    /// <summary>
    /// Whether control flow and Jit run as plain C# now: jit is disabled (by the config or a scope) and no
    /// transformation is tracing on this thread (under Grad, Vmap or a trace the primitives are kept, as JAX keeps them
    /// where the values are not concrete).
    /// </summary>
    internal static bool RunsWithoutJit => (Config.DisableJit || disableJitDepth.Value > 0) && TraceStack.Depth == 0;

    private sealed class DisableJitScope : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            if (disableJitDepth.Value > 0) disableJitDepth.Value--;
        }
    }
}
