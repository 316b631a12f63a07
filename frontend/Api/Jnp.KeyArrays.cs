using JaxNet.Core;

namespace JaxNet;

public static partial class Jnp
{
    /// <summary>Typed key arrays joined along a new key axis (jnp.stack of keys); the words axis stays last.</summary>
    public static PRNGKeyArray Stack(PRNGKeyArray[] keys, int axis = 0)
    {
        if (keys.Length == 0) throw new ArgumentException("stack: need at least one key array");
        return new(Stack(Words(keys), Shapes.Axis(axis, keys[0].Ndim + 1, "stack")), keys[0].DType);
    }

    /// <summary>Typed key arrays joined along an existing key axis (jnp.concatenate of keys).</summary>
    public static PRNGKeyArray Concatenate(PRNGKeyArray[] keys, int axis = 0)
    {
        if (keys.Length == 0) throw new ArgumentException("concatenate: need at least one key array");
        if (keys[0].Ndim == 0) throw new ArgumentException("concatenate: zero-dimensional key arrays cannot be concatenated");
        return new(Concatenate(Words(keys), Shapes.Axis(axis, keys[0].Ndim, "concatenate")), keys[0].DType);
    }

    /// <summary>
    /// Keys picked from <paramref name="x"/> where <paramref name="condition"/> holds and from <paramref name="y"/>
    /// elsewhere (jnp.where of keys): the condition and both key arrays broadcast over the key axes.
    /// </summary>
    public static PRNGKeyArray Where(NDArray condition, PRNGKeyArray x, PRNGKeyArray y)
    {
        if (condition.DType != DType.Bool) throw new ArgumentException($"where: the condition of key arrays must be bool, got {condition.DType.ShortName()}");
        if (x.DType != y.DType) throw new ArgumentException($"where: keys of different implementations cannot be combined: {x.DType}, {y.DType}");
        return new(Where(ExpandDims(condition, -1), x.Words, y.Words), x.DType);
    }

    /// <summary>
    /// Keys taken along a key axis (jnp.take of keys; the flattened keys when <paramref name="axis"/> is null). An
    /// index out of range clamps with <see cref="TakeMode.Clip"/>; with <see cref="TakeMode.Fill"/> its key's words
    /// are the uint32 fill, all ones.
    /// </summary>
    public static PRNGKeyArray Take(PRNGKeyArray keys, NDArray indices, int? axis = null, TakeMode mode = TakeMode.Fill)
    {
        var words = axis is null ? Reshape(keys.Words, -1, keys.DType.WordsPerKey) : keys.Words;
        var along = axis is { } a ? Shapes.Axis(a, keys.Ndim, "take") : 0;
        return new(Take(words, indices, along, mode), keys.DType);
    }

    /// <summary>Typed keys in another shape (jnp.reshape of keys).</summary>
    public static PRNGKeyArray Reshape(PRNGKeyArray keys, params int[] shape) => keys.Reshape(shape);

    /// <summary>The words of each key array; arrays of different key ranks or implementations are refused before their
    /// words are joined.</summary>
    private static NDArray[] Words(PRNGKeyArray[] keys)
    {
        if (keys.Any(k => k.DType != keys[0].DType))
            throw new ArgumentException($"keys of different implementations cannot be combined: {string.Join(", ", keys.Select(k => k.DType).Distinct())}");
        if (keys.Any(k => k.Ndim != keys[0].Ndim))
            throw new ShapeException($"key arrays of different ranks cannot be joined: {string.Join(", ", keys.Select(k => Shapes.Format(k.Shape)))}");
        return [.. keys.Select(k => Jax.Random.KeyData(k))];
    }
}
