namespace JaxNet;

/// <summary>
/// The element type of a typed key array (JAX's <c>key&lt;fry&gt;</c>). It is not a <see cref="DType"/>: keys are
/// no kernel type, and a key array of shape S is stored as uint32 words of shape S + [<see cref="WordsPerKey"/>],
/// which the kernels see. One exists per PRNG implementation: threefry2x32 (JAX's default, tag "fry"), rbg ("rbg")
/// and unsafe_rbg ("urbg").
/// </summary>
public sealed class PRNGKeyDType
{
    private PRNGKeyDType(PrngImpl implementation)
    {
        Implementation = implementation;
        Name = $"key<{implementation.Tag}>";
    }

    /// <summary>The threefry2x32 key type, JAX's default.</summary>
    public static PRNGKeyDType Threefry2x32 { get; } = new(PrngImpl.Threefry2x32);

    /// <summary>The rbg key type: four words, bits from the RngBitGenerator, Threefry splits.</summary>
    public static PRNGKeyDType Rbg { get; } = new(PrngImpl.Rbg);

    /// <summary>The unsafe_rbg key type: four words, the RngBitGenerator for bits, splits and fold-ins.</summary>
    public static PRNGKeyDType UnsafeRbg { get; } = new(PrngImpl.UnsafeRbg);

    /// <summary>The key type of the implementation JAX names <paramref name="impl"/>.</summary>
    /// <exception cref="ArgumentException">An unknown implementation.</exception>
    public static PRNGKeyDType Of(string impl) => For(PrngImpl.Named(impl, "PRNGKeyDType"));

    internal static PRNGKeyDType For(PrngImpl implementation) =>
        implementation == PrngImpl.Rbg ? Rbg : implementation == PrngImpl.UnsafeRbg ? UnsafeRbg : Threefry2x32;

    internal PrngImpl Implementation { get; }

    /// <summary>The implementation's name, as jax.random.key_impl gives it.</summary>
    public string Impl => Implementation.Name;

    /// <summary>JAX's printed name: <c>key&lt;fry&gt;</c>, <c>key&lt;rbg&gt;</c>, <c>key&lt;urbg&gt;</c>.</summary>
    public string Name { get; }

    /// <summary>uint32 words per key: 2 for threefry2x32, 4 for rbg and unsafe_rbg.</summary>
    public int WordsPerKey => Implementation.WordsPerKey;

    public override string ToString() => Name;
}
