namespace JaxNet.Runtime;

/// <summary>
/// The generation of every compilation cache (eager ops', each jitted function's, the samplers'):
/// <see cref="Jax.ClearCaches"/> starts a new one, and each cache drops what it holds from an older generation the
/// next time it is used, so clearing costs nothing where nothing is compiled again.
/// </summary>
internal static class CompilationCaches
{
    private static int generation;

    public static int Generation => Volatile.Read(ref generation);

    public static void StartNewGeneration() => Interlocked.Increment(ref generation);
}
