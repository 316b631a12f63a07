namespace JaxNet;

/// <summary>The key array of <see cref="PRNGKeyArray.At"/>, waiting for its index.</summary>
public readonly struct KeyIndexUpdateRef
{
    private readonly PRNGKeyArray keys;

    internal KeyIndexUpdateRef(PRNGKeyArray keys) => this.keys = keys;

    /// <summary>The index over the key axes: anything <c>keys[...]</c> accepts.</summary>
    public KeyIndexUpdate this[params IndexItem[] items] => new(keys, items);
}

/// <summary>
/// <c>keys.At[idx]</c>: the pure form of <c>keys[idx] = newKeys</c>. It updates the words, so every key keeps its words
/// together; out-of-range indices drop their update (<see cref="TakeMode.Fill"/>, JAX's default) or clamp.
/// </summary>
public sealed class KeyIndexUpdate
{
    private readonly PRNGKeyArray keys;
    private readonly IndexItem[] items;

    internal KeyIndexUpdate(PRNGKeyArray keys, IndexItem[] items)
    {
        this.keys = keys;
        this.items = PRNGKeyArray.WordsIndex(items);
    }

    /// <summary>keys[idx]; an index array's entry out of range is clamped.</summary>
    public PRNGKeyArray Get() => new(keys.Words.At[items].Get(), keys.DType);

    /// <summary>A new key array with <paramref name="values"/> (broadcast over the indexed key axes) at the index.</summary>
    /// <exception cref="ArgumentException">Keys of another implementation.</exception>
    public PRNGKeyArray Set(PRNGKeyArray values, TakeMode mode = TakeMode.Fill) => values.DType == keys.DType
        ? new(keys.Words.At[items].Set(values.Words, mode), keys.DType)
        : throw new ArgumentException($"keys.At[...].Set: cannot store {values.DType} keys into {keys.DType} keys", nameof(values));
}
