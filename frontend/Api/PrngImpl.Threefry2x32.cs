using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>JAX's default implementation: two-word keys and <see cref="Threefry"/> for everything.</summary>
internal sealed class Threefry2x32Prng : PrngImpl
{
    public override string Name => "threefry2x32";

    public override string Tag => "fry";

    public override int WordsPerKey => 2;

    public override NDArray Seed(NDArray high, NDArray low) => Lax.Concatenate([Lax.Reshape(high, [1]), Lax.Reshape(low, [1])], 0);

    public override NDArray Split(NDArray key, int[] shape, bool partitionable) => Threefry.Split(CheckKey(key, "Split"), shape, partitionable);

    public override NDArray FoldIn(NDArray key, NDArray data) => Threefry.FoldIn(CheckKey(key, "FoldIn"), data);

    public override NDArray RandomBits(NDArray key, int bitWidth, int[] shape, bool partitionable) =>
        Threefry.RandomBits(CheckKey(key, "Bits"), bitWidth, shape, partitionable);
}
