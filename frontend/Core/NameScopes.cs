namespace JaxNet.Core;

/// <summary>
/// The names of the <see cref="Jax.NamedScope"/> scopes open on this thread, outermost first (JAX's name stack). A
/// staging trace stamps the joined names on every equation it records, so a printed jaxpr can say which part of
/// the program an operation came from. Scopes do nothing to eager execution: there is no program to annotate.
/// </summary>
internal static class NameScopes
{
    [ThreadStatic] private static string? current;

    /// <summary>The open scopes joined with '/', or null outside every scope.</summary>
    public static string? Current => current;

    /// <summary>Opens a scope under the current one; <paramref name="suffix"/> may itself hold '/'-joined names (an
    /// equation's recorded stack, re-applied when its jaxpr is evaluated again). Null opens nothing.</summary>
    public static IDisposable Extend(string? suffix)
    {
        if (suffix is null) return Restore.Nothing;
        var previous = current;
        current = previous is null ? suffix : previous + "/" + suffix;
        return new Restore(previous);
    }

    private sealed class Restore(string? previous) : IDisposable
    {
        public static readonly IDisposable Nothing = new NoScope();

        private bool done;

        public void Dispose()
        {
            // Disposing twice must not pop an enclosing scope that was opened since.
            if (done) return;
            done = true;
            current = previous;
        }

        private sealed class NoScope : IDisposable
        {
            public void Dispose() { }
        }
    }
}
