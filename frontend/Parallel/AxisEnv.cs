using JaxNet.Core;

namespace JaxNet.Parallel;

/// <summary>
/// The named axes in scope while a pmapped function is traced (JAX's axis environment): a collective names its axis,
/// and the name must be bound by an enclosing <see cref="Jax.Pmap(Func{NDArray, NDArray}, string?, IReadOnlyList{Device}?)"/>.
/// Per thread, as tracing is.
/// </summary>
internal static class AxisEnv
{
    [ThreadStatic] private static List<(string Name, int Size)>? frames;

    /// <summary>Binds <paramref name="name"/> to an axis of <paramref name="size"/> until the scope is disposed.</summary>
    public static IDisposable Bind(string name, int size)
    {
        (frames ??= []).Add((name, size));
        return new Scope(frames.Count - 1);
    }

    /// <summary>The size of the named axis; a clear error when no enclosing pmap binds it.</summary>
    public static int SizeOf(string name, string op)
    {
        if (frames is not null)
            for (var i = frames.Count - 1; i >= 0; i--)
                if (frames[i].Name == name) return frames[i].Size;
        throw new ShapeException($"{op}: unbound axis name '{name}': collectives run inside Jax.Pmap(f, axisName: \"{name}\")");
    }

    private sealed class Scope(int depth) : IDisposable
    {
        public void Dispose() => frames!.RemoveRange(depth, frames.Count - depth);
    }
}
