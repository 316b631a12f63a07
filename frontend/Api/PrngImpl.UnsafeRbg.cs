using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// JAX's 'unsafe_rbg': as <see cref="RbgPrng"/>, but split and fold_in also use the bit generator (split takes every
/// tenth of ten times as many generated keys, fold_in XORs the key with bits generated from the data as a seed):
/// cheaper, with no independence guarantee for derived keys, as JAX warns.
/// </summary>
internal sealed class UnsafeRbgPrng : RbgPrng
{
    public override string Name => "unsafe_rbg";

    public override string Tag => "urbg";

    public override NDArray Split(NDArray key, int[] shape, bool partitionable)
    {
        CheckKey(key, "Split");
        var count = checked((int)Shapes.Size(shape));
        if (count == 0) return Jnp.Zeros([.. shape, WordsPerKey], DType.UInt32);
        var (_, generated) = Lax.RngBitGenerator(key, [10 * count, WordsPerKey]);
        var everyTenth = Lax.Slice(generated, [0, 0], [10 * count, WordsPerKey], [10, 1]);
        return Lax.Reshape(everyTenth, [.. shape, WordsPerKey]);
    }

    public override NDArray FoldIn(NDArray key, NDArray data)
    {
        CheckKey(key, "FoldIn");
        var (high, low) = Jax.Random.SeedWords(data, "FoldIn");
        var (_, bits) = Lax.RngBitGenerator(Seed(high, low), [WordsPerKey]);
        return Lax.BitwiseXor(key, bits);
    }
}
