namespace JaxNet;

public sealed partial class NDArray
{
    /// <summary>
    /// JAX's <c>x.at[...]</c>: functional updates at a NumPy index, <c>x.At[idx].Set(v)</c>, <c>.Add(v)</c>,
    /// <c>.Multiply(v)</c>, <c>.Min(v)</c>, <c>.Max(v)</c> ..., each returning a new array (x is unchanged).
    /// </summary>
    public IndexUpdateRef At => new(this);
}

/// <summary>The array of <see cref="NDArray.At"/>, waiting for its index.</summary>
public readonly struct IndexUpdateRef
{
    private readonly NDArray array;

    internal IndexUpdateRef(NDArray array) => this.array = array;

    /// <summary>The index: anything <c>x[...]</c> accepts.</summary>
    public IndexUpdate this[params IndexItem[] items] => new(array, items);
}
