using JaxNet.Core;

namespace JaxNet.Transforms;

/// <summary>
/// Structural edits of closed jaxprs for the control-flow rules: reordering inputs and outputs to the layout a
/// primitive expects, adding inputs a body ignores, keeping only some outputs. Variables are compared by identity,
/// so these edits reuse the equations unchanged.
/// </summary>
internal static class JaxprRewrite
{
    /// <summary>The jaxpr whose input j is input <c>inOrder[j]</c> of <paramref name="closed"/>, and output j is output <c>outOrder[j]</c>.</summary>
    public static ClosedJaxpr Permute(ClosedJaxpr closed, int[] inOrder, int[] outOrder)
    {
        var j = closed.Jaxpr;
        return new ClosedJaxpr(new Jaxpr(j.ConstVars, inOrder.Select(i => j.InVars[i]).ToArray(), j.Eqns,
            outOrder.Select(i => j.Outputs[i]).ToArray()), closed.Consts);
    }

    /// <summary>The jaxpr with unused inputs of the given types inserted at position <paramref name="at"/>.</summary>
    public static ClosedJaxpr InsertUnusedInputs(ClosedJaxpr closed, int at, IEnumerable<ShapedArray> avals)
    {
        var j = closed.Jaxpr;
        Var[] inVars = [.. j.InVars[..at], .. avals.Select(a => new Var(a)), .. j.InVars[at..]];
        return new ClosedJaxpr(new Jaxpr(j.ConstVars, inVars, j.Eqns, j.Outputs), closed.Consts);
    }

    /// <summary>The jaxpr returning only the outputs that <paramref name="keep"/> flags.</summary>
    public static ClosedJaxpr KeepOutputs(ClosedJaxpr closed, Func<int, bool> keep)
    {
        var j = closed.Jaxpr;
        return new ClosedJaxpr(new Jaxpr(j.ConstVars, j.InVars, j.Eqns, j.Outputs.Where((_, i) => keep(i)).ToArray()), closed.Consts);
    }

    /// <summary>Indices 0..n-1 where <paramref name="flags"/> is <paramref name="value"/>.</summary>
    public static int[] Where(bool[] flags, bool value = true) =>
        Enumerable.Range(0, flags.Length).Where(i => flags[i] == value).ToArray();

    /// <summary>The elements of <paramref name="items"/> where <paramref name="flags"/> is <paramref name="value"/>.</summary>
    public static T[] Pick<T>(T[] items, bool[] flags, bool value = true) => Where(flags, value).Select(i => items[i]).ToArray();

    /// <summary>
    /// Scatters <paramref name="values"/> (one per true flag, in order) into an array of <paramref name="flags"/>'s
    /// length, null elsewhere.
    /// </summary>
    public static T?[] Scatter<T>(bool[] flags, IReadOnlyList<T> values) where T : class
    {
        var result = new T?[flags.Length];
        var k = 0;
        for (var i = 0; i < flags.Length; i++)
            if (flags[i]) result[i] = values[k++];
        return result;
    }

    /// <summary>Interleaves two lists by flags: element i is the next of <paramref name="whenTrue"/> or of <paramref name="whenFalse"/>.</summary>
    public static T[] Merge<T>(bool[] flags, IReadOnlyList<T> whenTrue, IReadOnlyList<T> whenFalse)
    {
        var result = new T[flags.Length];
        int a = 0, b = 0;
        for (var i = 0; i < flags.Length; i++) result[i] = flags[i] ? whenTrue[a++] : whenFalse[b++];
        return result;
    }
}
