using JaxNet.Core;

namespace JaxNet.Parallel;

/// <summary>
/// The named axes in scope while a pmapped or vmapped function is traced (JAX's axis environment): a collective
/// names its axis, and the name must be bound by an enclosing <c>Jax.Pmap</c> or a <c>Jax.Vmap</c> given an
/// axis name. Per thread, as tracing is.
/// </summary>
internal static class AxisEnv
{
    [ThreadStatic] private static List<(string Name, int Size, MainTrace? Vmap)>? frames;

    /// <summary>Binds <paramref name="name"/> to an axis of <paramref name="size"/> until the scope is disposed; with
    /// <paramref name="vmap"/>, the axis is that vmap's batch axis, whose trace then processes the collectives over it.</summary>
    public static IDisposable Bind(string name, int size, MainTrace? vmap = null)
    {
        (frames ??= []).Add((name, size, vmap));
        return new Scope(frames.Count - 1);
    }

    /// <summary>Binds every axis of <paramref name="grid"/> (a pmap's one, or a mesh's) until the scope is disposed.</summary>
    public static IDisposable Bind(AxisGrid grid)
    {
        var depth = (frames ??= []).Count;
        for (var i = 0; i < grid.Names.Count; i++) frames.Add((grid.Names[i], grid.Sizes[i], null));
        return new Scope(depth);
    }

    /// <summary>The vmap that binds <paramref name="name"/>, or null where a pmap binds it (the innermost binding wins).</summary>
    public static MainTrace? VmapOf(string name)
    {
        if (frames is not null)
            for (var i = frames.Count - 1; i >= 0; i--)
                if (frames[i].Name == name) return frames[i].Vmap;
        return null;
    }

    /// <summary>The size of the named axis; a clear error when no enclosing pmap binds it.</summary>
    public static int SizeOf(string name, string op)
    {
        if (frames is not null)
            for (var i = frames.Count - 1; i >= 0; i--)
                if (frames[i].Name == name) return frames[i].Size;
        throw new ShapeException($"{op}: unbound axis name '{name}': collectives run inside Jax.Pmap(f, axisName: \"{name}\") " +
            $"or Jax.Vmap(f, axisName: \"{name}\")");
    }

    /// <summary>The members a collective over the tuple <paramref name="names"/> spans: the product of the axes' sizes;
    /// a clear error for a name that no enclosing pmap, shard_map or named vmap binds.</summary>
    public static int SizeOf(AxisNames names, string op) => names.Names.Aggregate(1, (n, name) => n * SizeOf(name, op));

    /// <summary>Whether a collective over <paramref name="names"/> reaches a named vmap's axis. Each such axis is a batching
    /// level of its own, so a tuple naming one cannot run as one collective over a group of devices.</summary>
    public static bool ReachesVmap(AxisNames names) => names.Names.Any(n => VmapOf(n) is not null);

    private sealed class Scope(int depth) : IDisposable
    {
        public void Dispose() => frames!.RemoveRange(depth, frames.Count - depth);
    }
}
