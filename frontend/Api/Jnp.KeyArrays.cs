using JaxNet.Core;

namespace JaxNet;

public static partial class Jnp
{
    /// <summary>Typed key arrays joined along a new key axis (jnp.stack of keys); the words axis stays last.</summary>
    public static PRNGKeyArray Stack(PRNGKeyArray[] keys, int axis = 0)
    {
        if (keys.Length == 0) throw new ArgumentException("stack: need at least one key array");
        return new(Stack(Words(keys), Shapes.Axis(axis, keys[0].Ndim + 1, "stack")));
    }

    /// <summary>Typed key arrays joined along an existing key axis (jnp.concatenate of keys).</summary>
    public static PRNGKeyArray Concatenate(PRNGKeyArray[] keys, int axis = 0)
    {
        if (keys.Length == 0) throw new ArgumentException("concatenate: need at least one key array");
        if (keys[0].Ndim == 0) throw new ArgumentException("concatenate: zero-dimensional key arrays cannot be concatenated");
        return new(Concatenate(Words(keys), Shapes.Axis(axis, keys[0].Ndim, "concatenate")));
    }

    /// <summary>Typed keys in another shape (jnp.reshape of keys).</summary>
    public static PRNGKeyArray Reshape(PRNGKeyArray keys, params int[] shape) => keys.Reshape(shape);

    /// <summary>The words of each key array; arrays of different key ranks are refused before their words are joined.</summary>
    private static NDArray[] Words(PRNGKeyArray[] keys)
    {
        if (keys.Any(k => k.Ndim != keys[0].Ndim))
            throw new ShapeException($"key arrays of different ranks cannot be joined: {string.Join(", ", keys.Select(k => Shapes.Format(k.Shape)))}");
        return [.. keys.Select(k => Jax.Random.KeyData(k))];
    }
}
