using JaxNet.Core;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// JAX's 'rbg' implementation: four-word keys whose bits come from <see cref="Jax.Lax.RngBitGenerator"/> (in JAX, XLA's
/// RngBitGenerator; here Threefry-2x32 over a 64-bit counter, so the bits are not JAX's, which JAX does not promise
/// across backends either), while split and fold_in run Threefry on each two-word half, so that keys derived by
/// splitting stay statistically independent. A seed fills both halves with the threefry key of that seed.
/// </summary>
internal class RbgPrng : PrngImpl
{
    public override string Name => "rbg";

    public override string Tag => "rbg";

    public override int WordsPerKey => 4;

    public override NDArray Seed(NDArray high, NDArray low)
    {
        var half = Threefry2x32.Seed(high, low);
        return Lax.Concatenate([half, half], 0);
    }

    /// <summary>Each half split with Threefry; key i is the two halves' i-th keys side by side.</summary>
    public override NDArray Split(NDArray key, int[] shape, bool partitionable)
    {
        CheckKey(key, "Split");
        var first = Threefry.Split(Words(key, 0, 2), shape, partitionable);
        var second = Threefry.Split(Words(key, 2, 4), shape, partitionable);
        return Lax.Concatenate([first, second], shape.Length);
    }

    public override NDArray FoldIn(NDArray key, NDArray data)
    {
        CheckKey(key, "FoldIn");
        return Lax.Concatenate([Threefry.FoldIn(Words(key, 0, 2), data), Threefry.FoldIn(Words(key, 2, 4), data)], 0);
    }

    public override NDArray RandomBits(NDArray key, int bitWidth, int[] shape, bool partitionable)
    {
        CheckKey(key, "Bits");
        var dtype = bitWidth switch
        {
            8 => DType.UInt8,
            16 => DType.UInt16,
            32 => DType.UInt32,
            64 => DType.UInt64,
            _ => throw new ArgumentException($"random bits need 8, 16, 32 or 64 bits, got {bitWidth}"),
        };
        var (_, bits) = Lax.RngBitGenerator(key, shape, dtype);
        return bitWidth switch
        {
            16 => Lax.ConvertElementType(bits, DType.UInt32),
            64 => Lax.BitcastConvertType(bits, DType.Int64),
            _ => bits,
        };
    }
}
