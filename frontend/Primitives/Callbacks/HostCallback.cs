using JaxNet.Core;

namespace JaxNet.Primitives;

/// <summary>
/// A host function that a program calls back (debug_callback, pure_callback) and the types it returns, as a primitive
/// parameter: compared by identity, so a jitted function that makes the call keeps one compiled program, and printed
/// by name.
/// </summary>
public sealed class HostCallback(Func<NDArray[], NDArray[]> function, string name, ShapedArray[] results)
{
    public Func<NDArray[], NDArray[]> Function { get; } = function;

    public string Name { get; } = name;

    /// <summary>The shapes and dtypes the function promises to return.</summary>
    public ShapedArray[] Results { get; } = results;

    /// <summary>The same function promising other result types (a batched call).</summary>
    public HostCallback Returning(ShapedArray[] results) => new(Function, Name, results);

    public override string ToString() => Name;
}
