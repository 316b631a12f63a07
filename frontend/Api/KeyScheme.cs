namespace JaxNet;

/// <summary>
/// What a sampler needs to know about its key besides the words: the implementation, and for Threefry-based ones
/// which way keys expand into bits (<see cref="Jax.Random.Config.ThreefryPartitionable"/>). Both are static: they
/// are fixed when a sampler is traced and are part of its compiled program's signature.
/// </summary>
internal readonly record struct KeyScheme(PrngImpl Impl, bool Partitionable)
{
    /// <summary>The scheme of <paramref name="key"/>'s implementation under the current configuration.</summary>
    public static KeyScheme Of(KeyArrayLike key) => new(key.Impl, Jax.Random.Config.ThreefryPartitionable);

    /// <summary>The scheme's part of a compiled sampler's cache key.</summary>
    public string Signature => $"|{Impl.Name}|{(Partitionable ? "partitionable" : "original")}";

    public NDArray Split(NDArray key, int[] shape) => Impl.Split(key, shape, Partitionable);

    public NDArray FoldIn(NDArray key, NDArray data) => Impl.FoldIn(key, data);

    public NDArray RandomBits(NDArray key, int bitWidth, int[] shape) => Impl.RandomBits(key, bitWidth, shape, Partitionable);
}
