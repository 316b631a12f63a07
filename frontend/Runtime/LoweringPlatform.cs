namespace JaxNet.Runtime;

/// <summary>
/// The platform the function being traced on this thread will be lowered for (a Jit traces once per signature and
/// backend), for <see cref="Jax.Lax.PlatformDependent(NDArray[], Func{NDArray[], NDArray[]}?, (string Platform, Func{NDArray[], NDArray[]} Branch)[])"/>.
/// Null outside such a trace.
/// </summary>
internal static class LoweringPlatform
{
    [ThreadStatic] private static string? current;

    public static string? Current => current;

    /// <summary>Sets the platform until the result is disposed (then the enclosing trace's, if any).</summary>
    public static IDisposable Use(string platform)
    {
        var previous = current;
        current = platform;
        return new Restore(previous);
    }

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => current = previous;
    }
}
