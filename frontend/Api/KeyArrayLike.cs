namespace JaxNet;

/// <summary>
/// What every jax.random sampler takes as its key (JAX's KeyArrayLike): a raw key, uint32 words from
/// <see cref="Jax.Random.PRNGKey(int, string?)"/> (of the configured implementation, <see cref="Jax.Random.Config.PrngImpl"/>:
/// two words for threefry2x32), or a typed key of shape () from <see cref="Jax.Random.Key(int, string?)"/>, which
/// carries its implementation. Both convert implicitly, so a sampler is called the same way with either; the sampler
/// sees the words, so a typed key draws exactly what its raw words draw under its implementation.
/// </summary>
public readonly struct KeyArrayLike
{
    private readonly NDArray? raw;
    private readonly PRNGKeyArray? typed;

    private KeyArrayLike(NDArray? raw, PRNGKeyArray? typed)
    {
        this.raw = raw;
        this.typed = typed;
    }

    public static implicit operator KeyArrayLike(NDArray raw) => new(raw, null);

    public static implicit operator KeyArrayLike(PRNGKeyArray typed) => new(null, typed);

    /// <summary>The implementation: a typed key's own, the configured one for a raw key (as JAX reads raw keys).</summary>
    internal PrngImpl Impl => typed?.DType.Implementation ?? PrngImpl.Named(Jax.Random.Config.PrngImpl, "Jax.Random");

    /// <summary>
    /// The words of one key: a raw key as it is (the samplers check its shape), a typed key's words when it is a
    /// single key; a batch of typed keys is refused as in JAX, whose samplers take one key and leave batches to vmap.
    /// </summary>
    public static implicit operator NDArray(KeyArrayLike key)
    {
        if (key.typed is { } keys)
        {
            if (keys.Ndim != 0)
                throw new ArgumentException($"Jax.Random: a sampler takes a single key, got a key array of shape {Core.Shapes.Format(keys.Shape)} " +
                    $"(dtype {keys.DType}); use Jax.Vmap to apply it to each key", nameof(key));
            return keys.Words;
        }
        return key.raw ?? throw new ArgumentNullException(nameof(key), "Jax.Random: the key is null");
    }
}
