using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// A PRNG implementation (JAX's PRNGImpl): how one key's uint32 words are made from a seed, split into new keys,
/// folded together with data, and expanded into random bits. The samplers are written once against this contract,
/// so every distribution works with every implementation; keys carry theirs in their dtype
/// (<see cref="PRNGKeyDType"/>), raw keys use <see cref="Jax.Random.Config.PrngImpl"/>.
/// </summary>
internal abstract class PrngImpl
{
    /// <summary>JAX's name for the implementation, as jax.random.key(seed, impl=...) takes it.</summary>
    public abstract string Name { get; }

    /// <summary>The tag in the key dtype's printed name, <c>key&lt;tag&gt;</c>.</summary>
    public abstract string Tag { get; }

    /// <summary>uint32 words per key.</summary>
    public abstract int WordsPerKey { get; }

    /// <summary>One key's words, shape [WordsPerKey], from a seed's high and low 32-bit words (rank-0 uint32).</summary>
    public abstract NDArray Seed(NDArray high, NDArray low);

    /// <summary>New keys of shape <c>[..shape, WordsPerKey]</c> from one key (jax.random.split).</summary>
    public abstract NDArray Split(NDArray key, int[] shape, bool partitionable);

    /// <summary>A new key from one key and a rank-0 integer (jax.random.fold_in).</summary>
    public abstract NDArray FoldIn(NDArray key, NDArray data);

    /// <summary>
    /// Random bits of <paramref name="bitWidth"/> (8, 16, 32 or 64) for each element of <paramref name="shape"/>: 8
    /// bits as uint8, 16 and 32 as uint32 (16 in the low half), 64 as the int64 bit pattern, which is what the
    /// samplers consume (<see cref="Threefry.RandomBits"/>'s contract).
    /// </summary>
    public abstract NDArray RandomBits(NDArray key, int bitWidth, int[] shape, bool partitionable);

    public static PrngImpl Threefry2x32 { get; } = new Threefry2x32Prng();

    public static PrngImpl Rbg { get; } = new RbgPrng();

    public static PrngImpl UnsafeRbg { get; } = new UnsafeRbgPrng();

    private static readonly PrngImpl[] All = [Threefry2x32, Rbg, UnsafeRbg];

    /// <summary>The implementation JAX calls <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">A name JAX does not define (the known ones listed).</exception>
    public static PrngImpl Named(string name, string caller) =>
        All.FirstOrDefault(i => i.Name == name)
        ?? throw new ArgumentException($"{caller}: unknown PRNG implementation '{name}'; the implementations are " +
            string.Join(", ", All.Select(i => $"'{i.Name}'")), "impl");

    /// <summary>Checks that <paramref name="key"/> is one key of this implementation: uint32[WordsPerKey].</summary>
    public NDArray CheckKey(NDArray key, string caller)
    {
        if (key.DType != DType.UInt32 || key.Ndim != 1 || key.Shape[0] != WordsPerKey)
            throw new ArgumentException(
                $"Jax.Random.{caller} expects a single {Name} key, a uint32[{WordsPerKey}] array; got {key.Aval.Str()}. " +
                "Use Jax.Vmap to apply it to an array of keys" +
                (key.DType == DType.UInt32 && key.Ndim == 1 ? ", or pick the implementation the key was made with (Jax.Random.Config.UsePrngImpl)." : "."));
        return key;
    }

    /// <summary>Words <paramref name="from"/>..<paramref name="to"/> of a one-dimensional key.</summary>
    protected static NDArray Words(NDArray key, int from, int to) => Lax.Slice(key, [from], [to]);

    public override string ToString() => Name;
}
