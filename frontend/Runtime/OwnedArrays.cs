namespace JaxNet.Runtime;

/// <summary>
/// The arrays a run of a <see cref="HostProgram"/> holds alone: the results its modules made, and the arguments its
/// caller gave up. Each is bound to one variable, so when that variable's last reader is a module that aliases a
/// result to it, the module may write the result in the array's buffer (donation). Anything a control-flow or
/// collective step was given is dropped from the set, since its results may be those very arrays.
/// </summary>
internal sealed class OwnedArrays
{
    private readonly HashSet<NDArray> arrays = new(ReferenceEqualityComparer.Instance);

    public void Add(NDArray x) => arrays.Add(x);

    public bool Contains(NDArray x) => arrays.Contains(x);

    public void Remove(NDArray x) => arrays.Remove(x);

    public void Clear() => arrays.Clear();
}
