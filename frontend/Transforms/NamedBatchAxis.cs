using JaxNet.Core;
using JaxNet.Parallel;

namespace JaxNet.Transforms;

/// <summary>
/// A vmap's batch axis that has a name (JAX's <c>vmap(f, axis_name="i")</c>): collectives over that name act along
/// the batch axis, as if each batch element were a pmap member. Batching rules that batch a jaxpr (cond's branches,
/// a loop's body, a jitted call) batch it along the same axis, so the named axis goes with them.
/// </summary>
internal sealed record NamedBatchAxis(string Name, int Size)
{
    [ThreadStatic] private static NamedBatchAxis? running;

    /// <summary>The named axis of the batching rule running on this thread, if its vmap has one.</summary>
    public static NamedBatchAxis? Running => running;

    /// <summary>Runs a batching rule of a vmap over <paramref name="axis"/> (null: a vmap without a name).</summary>
    public static T Within<T>(NamedBatchAxis? axis, Func<T> rule)
    {
        var outer = running;
        running = axis;
        try
        {
            return rule();
        }
        finally
        {
            running = outer;
        }
    }

    /// <summary>Binds the name to the batching level <paramref name="main"/> for the collectives traced under it.</summary>
    public IDisposable BindTo(MainTrace main) => AxisEnv.Bind(Name, Size, main);
}
