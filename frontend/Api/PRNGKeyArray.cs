using System.Runtime.CompilerServices;
using JaxNet.Core;

namespace JaxNet;

/// <summary>
/// A typed PRNG key array (JAX's new-style keys, from <see cref="Jax.Random.Key(int, string)"/>,
/// <see cref="Jax.Random.WrapKeyData"/> or a split of a typed key): an array of shape <see cref="Shape"/> whose
/// elements are keys of dtype <c>key&lt;fry&gt;</c> (or <c>key&lt;rbg&gt;</c>, <c>key&lt;urbg&gt;</c>: the
/// implementation travels with the keys). Underneath it is a uint32 array of shape Shape + [words per key] (what
/// <see cref="Jax.Random.KeyData(PRNGKeyArray)"/> returns), as complex arrays are pairs of reals: the kernels and
/// backends never see a key type.
/// <para>
/// Keys are not numbers. The type has no arithmetic and no conversion to <see cref="NDArray"/>, so <c>key + 1</c> or
/// <c>Jnp.Sin(key)</c> does not compile (JAX raises a TypeError at run time). Indexing, reshaping, stacking and
/// concatenating act on the key shape, the trailing words axis following along. In a pytree the array is one node
/// whose only leaf is its words, which is how Jit, Vmap, Lax.Scan and the other pytree transformations carry it.
/// </para>
/// </summary>
public sealed class PRNGKeyArray : IDisposable
{
    /// <summary>Wraps uint32 words of shape [..., words per key] (a tracer under a transformation).</summary>
    internal PRNGKeyArray(NDArray words, PRNGKeyDType dtype)
    {
        DType = dtype;
        Words = CheckWords(words, dtype, "PRNGKeyArray");
    }

    /// <summary>The uint32 words, shape <see cref="Shape"/> + [<see cref="PRNGKeyDType.WordsPerKey"/>].</summary>
    internal NDArray Words { get; }

    /// <summary>The shape of the key array, without the words axis: () for one key.</summary>
    public int[] Shape => Words.Shape[..^1];

    public int Ndim => Words.Ndim - 1;

    /// <summary>The number of keys.</summary>
    public long Size => Shapes.Size(Shape);

    /// <summary>The key dtype, printed <c>key&lt;fry&gt;</c> for threefry2x32 keys (jnp.issubdtype(k.dtype,
    /// jax.dtypes.prng_key) holds).</summary>
    public PRNGKeyDType DType { get; }

    /// <summary>True when the keys hold values (not a tracer).</summary>
    public bool IsConcrete => Words.IsConcrete;

    /// <summary>
    /// NumPy indexing over the key axes (<c>keys[0]</c>, <c>keys[1..3]</c>, <c>keys[idx]</c>, masks): the items index
    /// the words as <c>words[items, ..., :]</c>, so the words axis stays whole and last.
    /// </summary>
    [IndexerName("Index")]
    public PRNGKeyArray this[params IndexItem[] items]
    {
        get => new(Words[WordsIndex(items)], DType);
    }

    /// <summary>
    /// JAX's <c>keys.at[...]</c> for key arrays: <c>keys.At[idx].Set(newKeys)</c> and <c>.Get()</c>. Keys are not
    /// numbers, so there is no Add or Multiply (JAX raises for them).
    /// </summary>
    public KeyIndexUpdateRef At => new(this);

    /// <summary>The words indexed as <c>words[items, ..., :]</c>: the items address key axes only.</summary>
    internal static IndexItem[] WordsIndex(IndexItem[] items) =>
        items.Any(i => i.Kind == IndexItem.IndexKind.Ellipsis)
            ? [.. items, IndexItem.Slice(null, null)]
            : [.. items, IndexItem.Ellipsis, IndexItem.Slice(null, null)];

    /// <summary>The same keys in another shape of as many keys (one entry may be -1).</summary>
    public PRNGKeyArray Reshape(params int[] shape) => new(Jnp.Reshape(Words, [.. shape, DType.WordsPerKey]), DType);

    /// <summary>Waits until the keys have been computed.</summary>
    public PRNGKeyArray BlockUntilReady()
    {
        Words.BlockUntilReady();
        return this;
    }

    /// <summary>Releases the words' device buffer.</summary>
    public void Dispose() => Words.Dispose();

    /// <summary>Like JAX's repr: <c>Array((), dtype=key&lt;fry&gt;) overlaying:</c> and the words.</summary>
    public override string ToString()
    {
        var shape = Shape;
        var tuple = shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
        return Words.IsConcrete
            ? $"Array({tuple}, dtype={DType}) overlaying:\n{Words.ToStr()}"
            : $"Traced<{DType}{Shapes.Format(shape)}> overlaying {Words}";
    }

    /// <summary>Checks that <paramref name="words"/> can be keys of <paramref name="dtype"/>: uint32 with a trailing
    /// axis of its words per key.</summary>
    internal static NDArray CheckWords(NDArray words, PRNGKeyDType dtype, string caller)
    {
        if (words.DType != JaxNet.DType.UInt32 || words.Ndim == 0 || words.Shape[^1] != dtype.WordsPerKey)
            throw new ArgumentException($"{caller}: {dtype.Impl} keys are uint32 arrays whose last axis has {dtype.WordsPerKey} words, " +
                $"got {words.Aval.Str()}", nameof(words));
        return words;
    }
}
