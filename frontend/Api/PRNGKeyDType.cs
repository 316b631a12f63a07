namespace JaxNet;

/// <summary>
/// The element type of a typed key array (JAX's <c>key&lt;fry&gt;</c>). It is not a <see cref="DType"/>: keys are
/// no kernel type, and a key array of shape S is stored as uint32 words of shape S + [2], which the kernels see.
/// Only JAX's default implementation, threefry2x32 (tag "fry"), exists.
/// </summary>
public sealed class PRNGKeyDType
{
    private PRNGKeyDType(string impl, string tag)
    {
        Impl = impl;
        Name = $"key<{tag}>";
    }

    /// <summary>The threefry2x32 key type, JAX's default.</summary>
    public static PRNGKeyDType Threefry2x32 { get; } = new("threefry2x32", "fry");

    /// <summary>The implementation's name, as jax.random.key_impl gives it.</summary>
    public string Impl { get; }

    /// <summary>JAX's printed name: <c>key&lt;fry&gt;</c>.</summary>
    public string Name { get; }

    /// <summary>uint32 words per key.</summary>
    public int WordsPerKey => 2;

    public override string ToString() => Name;
}
