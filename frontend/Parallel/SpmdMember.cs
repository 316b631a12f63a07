using JaxNet.Core;

namespace JaxNet.Parallel;

/// <summary>The member of a pmapped axis that the current thread runs: what a collective step of a compiled program
/// needs to meet the other members.</summary>
internal sealed class SpmdMember(Rendezvous rendezvous, int index, string axisName)
{
    [ThreadStatic] private static SpmdMember? current;

    /// <summary>The member this thread runs; an error outside a pmapped program.</summary>
    public static SpmdMember Current => current ?? throw new InvalidOperationException(
        "a collective ran outside a pmapped program (collectives run inside Jax.Pmap)");

    /// <summary>Runs <paramref name="body"/> as this member on the current thread.</summary>
    public T Run<T>(Func<T> body)
    {
        var outer = current;
        current = this;
        try
        {
            return body();
        }
        finally
        {
            current = outer;
        }
    }

    /// <summary>This member's results of collective <paramref name="eqn"/>, once every member has reached it.</summary>
    public NDArray[] Collective(JaxprEqn eqn, NDArray[] inputs)
    {
        var axis = eqn.Params.Get<string>("axis_name");
        if (axis != axisName)
            throw new NotSupportedException($"{eqn.Primitive.Name} over axis '{axis}' inside a pmap over axis '{axisName}': collectives over an " +
                "enclosing pmap's axis from a nested pmap are not supported");
        return rendezvous.Meet(index, eqn, inputs, all => ((CollectivePrimitive)eqn.Primitive).RunAcross(all, eqn.Params, rendezvous.Axis));
    }
}
