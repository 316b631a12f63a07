using JaxNet.Core;
using JaxNet.Primitives;
using Lax = JaxNet.Jax.Lax;

namespace JaxNet;

/// <summary>
/// The Threefry-2x32 counter-based PRNG (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011) as
/// JAX uses it: 20 rounds, keys of two uint32 words. The block function is the threefry2x32 primitive (lowered to uint32 add, xor and
/// rotate in one fused elementwise kernel); everything around it is lax code, so every function here traces, jits
/// and vmaps like any other.
/// <para>
/// Two ways of turning a key into many words exist, both bit-identical to JAX. The "partitionable" scheme (JAX's
/// default since 0.5, <c>jax_threefry_partitionable=True</c>) hashes each element's 64-bit flat index split into
/// (high, low) words, so element i of any output only depends on i. The original scheme hashes the counters
/// 0..n-1 split into two halves (the first half as word 0, the second as word 1) and concatenates the two result
/// halves.
/// </para>
/// </summary>
internal static class Threefry
{
    /// <summary>A uint32 constant (a literal in jaxprs).</summary>
    internal static NDArray U32(uint value) => NDArray.FromScalar(Scalar.FromBits(DType.UInt32, value), weak: false);

    /// <summary>
    /// The 20-round Threefry-2x32 block function of key (<paramref name="k1"/>, <paramref name="k2"/>) (rank 0)
    /// applied elementwise to the counter words (<paramref name="x0"/>, <paramref name="x1"/>) of one shape: the
    /// <see cref="Primitives.Threefry2x32Primitive"/>, one fused kernel.
    /// </summary>
    internal static (NDArray, NDArray) Hash(NDArray k1, NDArray k2, NDArray x0, NDArray x1)
    {
        var y = Prims.Threefry2x32.Bind(Params.Empty, k1, k2, x0, x1);
        return (y[0], y[1]);
    }

    /// <summary>The two words of a raw key (uint32[2]) as rank-0 arrays; a clear error for anything else.</summary>
    internal static (NDArray K1, NDArray K2) Words(NDArray key, string caller)
    {
        if (key.DType != DType.UInt32 || key.Ndim != 1 || key.Shape[0] != 2)
            throw new ArgumentException(
                $"Jax.Random.{caller} expects a single PRNG key, a uint32[2] array from Jax.Random.PRNGKey, Split or FoldIn; " +
                $"got {key.Aval.Str()}. Use Jax.Vmap to apply it to an array of keys.");
        return (Lax.Reshape(Lax.Slice(key, [0], [1]), []), Lax.Reshape(Lax.Slice(key, [1], [2]), []));
    }

    /// <summary>
    /// The 64-bit row-major flat index of every element of <paramref name="shape"/> as (high, low) uint32 words
    /// (JAX's iota_2x32_shape). Arrays here hold fewer than 2^32 elements, so the high word is zero.
    /// </summary>
    internal static (NDArray Hi, NDArray Lo) FlatIndex(int[] shape)
    {
        var hi = Lax.BroadcastInDim(U32(0), shape, []);
        var lo = hi;
        long stride = 1;
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            if (shape[d] > 1)
            {
                var iota = Lax.BroadcastedIota(DType.UInt32, shape, d);
                var term = stride == 1 ? iota : Lax.Mul(iota, U32((uint)stride));
                lo = ReferenceEquals(lo, hi) ? term : Lax.Add(lo, term);
            }
            stride *= shape[d];
        }
        return (hi, lo);
    }

    /// <summary>
    /// JAX's threefry_2x32 on the counters 0..n-1 (the original scheme): the counters halved (a zero appended when
    /// n is odd), the halves hashed as the two words, the two results concatenated and cut back to n.
    /// </summary>
    internal static NDArray HashCounters(NDArray k1, NDArray k2, int n)
    {
        var half = (n + 1) / 2;
        var x0 = Lax.Iota(DType.UInt32, half);
        var x1 = Lax.Add(x0, U32((uint)half));
        if (n % 2 == 1)
        {
            var isPadding = Lax.Eq(x0, U32((uint)(half - 1)));
            x1 = Lax.Select(isPadding, Lax.BroadcastInDim(U32(0), [half], []), x1);
        }
        var (y0, y1) = Hash(k1, k2, x0, x1);
        var words = Lax.Concatenate([y0, y1], 0);
        return n == 2 * half ? words : Lax.Slice(words, [0], [n]);
    }

    /// <summary>New keys of shape <c>[..shape, 2]</c> (jax.random.split).</summary>
    internal static NDArray Split(NDArray key, int[] shape, bool partitionable)
    {
        var (k1, k2) = Words(key, "Split");
        if (!partitionable)
        {
            var count = checked((int)Shapes.Size(shape) * 2);
            return Lax.Reshape(HashCounters(k1, k2, count), [.. shape, 2]);
        }
        var (hi, lo) = FlatIndex(shape);
        var (b1, b2) = Hash(k1, k2, hi, lo);
        return Stack(b1, b2);
    }

    /// <summary>A new key from a key and 32 bits of data (jax.random.fold_in): the key's hash of the counters (0, data).</summary>
    internal static NDArray FoldIn(NDArray key, NDArray data)
    {
        var (k1, k2) = Words(key, "FoldIn");
        if (data.Ndim != 0) throw new ArgumentException($"Jax.Random.FoldIn folds in a scalar; got {data.Aval.Str()}. Use Jax.Vmap for batching.");
        if (data.DType.IsFloat()) throw new ArgumentException($"Jax.Random.FoldIn folds in an integer; got {data.Aval.Str()}.");
        var (y0, y1) = Hash(k1, k2, U32(0), Lax.ConvertElementType(data, DType.UInt32));
        return Stack(y0, y1);
    }

    /// <summary>
    /// Uniform random bits of <paramref name="bitWidth"/> (8, 16, 32 or 64) for every element of
    /// <paramref name="shape"/>, as JAX's threefry_random_bits. 8 bits come as uint8, 16 and 32 as uint32 (the
    /// low 16 bits used for 16), 64 as int64 holding the uint64 bit pattern (the ABI has no unsigned 64-bit type).
    /// </summary>
    internal static NDArray RandomBits(NDArray key, int bitWidth, int[] shape, bool partitionable)
    {
        if (bitWidth is not (8 or 16 or 32 or 64)) throw new ArgumentException($"random bits need 8, 16, 32 or 64 bits, got {bitWidth}");
        var (k1, k2) = Words(key, "Bits");
        return partitionable ? PartitionableBits(k1, k2, bitWidth, shape) : OriginalBits(k1, k2, bitWidth, shape);
    }

    private static NDArray PartitionableBits(NDArray k1, NDArray k2, int bitWidth, int[] shape)
    {
        var (hi, lo) = FlatIndex(shape);
        var (b1, b2) = Hash(k1, k2, hi, lo);
        return bitWidth switch
        {
            64 => Combine64(b1, b2),
            32 => Lax.BitwiseXor(b1, b2),
            16 => Lax.BitwiseAnd(Lax.BitwiseXor(b1, b2), U32(0xFFFF)),
            _ => Lax.ConvertElementType(Lax.BitwiseXor(b1, b2), DType.UInt8),
        };
    }

    private static NDArray OriginalBits(NDArray k1, NDArray k2, int bitWidth, int[] shape)
    {
        var size = checked((int)Shapes.Size(shape));
        var words = checked((int)(((long)bitWidth * size + 31) / 32));
        var bits = HashCounters(k1, k2, words);
        if (bitWidth == 64)
        {
            // The first half of the words are the high halves, the second half the low halves.
            bits = Combine64(Lax.Slice(bits, [0], [size]), Lax.Slice(bits, [size], [2 * size]));
        }
        else if (bitWidth < 32)
        {
            // A view of the uint32 words as narrower little-endian integers: word w holds values 32/width*w... in
            // its low bits first.
            var perWord = 32 / bitWidth;
            var spread = Lax.BroadcastInDim(bits, [words, perWord], [0]);
            var shift = Lax.Mul(Lax.BroadcastedIota(DType.UInt32, [words, perWord], 1), U32((uint)bitWidth));
            var mask = U32(bitWidth == 8 ? 0xFFu : 0xFFFFu);
            bits = Lax.Reshape(Lax.BitwiseAnd(Lax.ShiftRightLogical(spread, shift), mask), [words * perWord]);
            bits = Lax.Slice(bits, [0], [size]);
            if (bitWidth == 8) bits = Lax.ConvertElementType(bits, DType.UInt8);
        }
        return Lax.Reshape(bits, shape);
    }

    /// <summary>(hi &lt;&lt; 32) | lo as a 64-bit pattern.</summary>
    private static NDArray Combine64(NDArray hi, NDArray lo)
    {
        var high = Lax.ShiftLeft(Lax.ConvertElementType(hi, DType.Int64), NDArray.FromScalar(Scalar.FromBits(DType.Int64, 32), false));
        return Lax.BitwiseOr(high, Lax.ConvertElementType(lo, DType.Int64));
    }

    private static NDArray Stack(NDArray a, NDArray b)
    {
        var rank = a.Ndim;
        return Lax.Concatenate([Lax.ExpandDims(a, [rank]), Lax.ExpandDims(b, [rank])], rank);
    }
}
