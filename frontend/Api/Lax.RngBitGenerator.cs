using JaxNet.Core;
using JaxNet.Primitives;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        /// <summary>The algorithms of lax.rng_bit_generator (lax.RandomAlgorithm).</summary>
        public enum RandomAlgorithm { RngDefault, RngThreeFry, RngPhilox }

        /// <summary>
        /// lax.rng_bit_generator: (the next key, an array of random bits of <paramref name="shape"/> and
        /// <paramref name="dtype"/>, uint8, uint16, uint32 or uint64) from a uint32[4] key. JAX passes this to XLA, whose CPU and GPU
        /// compilers expand RNG_DEFAULT as Philox; JaxNet implements it with Threefry-2x32 (the threefry2x32
        /// primitive, one fused kernel) for RNG_DEFAULT and RNG_THREE_FRY, and refuses RNG_PHILOX. The bits are
        /// therefore not JAX's, which JAX itself does not promise across backends or versions. Key words 0 and 1 are
        /// the Threefry key, words 2 and 3 a 64-bit counter (high, low): block i hashes the counter plus i into two
        /// words (the bits are every block's first word, then their second words), and the next key is the counter advanced past the blocks used (as XLA's generators return their
        /// advanced state). A uint8 or uint16 element takes the low bits of its own word; a uint64 element takes a
        /// whole block, its first word as the high half.
        /// </summary>
        /// <exception cref="ShapeException">A key that is not uint32[4], or a negative dimension.</exception>
        /// <exception cref="ArgumentException">A dtype that is not an unsigned integer type (JAX asks for one).</exception>
        /// <exception cref="NotSupportedException">RNG_PHILOX.</exception>
        public static (NDArray Key, NDArray Bits) RngBitGenerator(NDArray key, int[] shape, DType dtype = DType.UInt32,
            RandomAlgorithm algorithm = RandomAlgorithm.RngDefault)
        {
            if (key.DType != DType.UInt32 || !Shapes.Equal(key.Shape, [4]))
                throw new ShapeException($"rng_bit_generator: key must be a uint32[4] array, got {key.Aval.Str()}");
            if (shape.Any(d => d < 0)) throw new ShapeException($"rng_bit_generator: negative dimension in shape {Shapes.Format(shape)}");
            if (dtype is not (DType.UInt8 or DType.UInt16 or DType.UInt32 or DType.UInt64))
                throw new ArgumentException($"rng_bit_generator: dtype must be an unsigned integer type (uint8, uint16, uint32 or uint64), got {dtype.NumpyName()}");
            if (algorithm == RandomAlgorithm.RngPhilox)
                throw new NotSupportedException("rng_bit_generator: RNG_PHILOX is not implemented; RNG_DEFAULT and RNG_THREE_FRY use Threefry-2x32");
            var size = checked((int)Shapes.Size(shape));
            if (size == 0) return (key, Jnp.Zeros(shape, dtype));
            var wide = dtype == DType.UInt64;
            var blocks = wide ? size : (size + 1) / 2;
            NDArray Word(int i) => Reshape(Slice(key, [i], [i + 1]), []);
            var (k0, k1, high, low) = (Word(0), Word(1), Word(2), Word(3));
            NDArray U32(long v) => NDArray.FromScalar(Scalar.FromBits(DType.UInt32, v), weak: false);
            // The 64-bit counter (high, low) plus i: the low word wraps, and a wrap carries one into the high word.
            (NDArray High, NDArray Low) Advance(NDArray by)
            {
                var sum = Add(BroadcastInDim(low, by.Shape, []), by);
                var carry = ConvertElementType(Lt(sum, BroadcastInDim(low, by.Shape, [])), DType.UInt32);
                return (Add(BroadcastInDim(high, by.Shape, []), carry), sum);
            }
            var (counterHigh, counterLow) = Advance(Iota(DType.UInt32, blocks));
            var words = Prims.Threefry2x32.Bind(Params.Empty, k0, k1, counterHigh, counterLow);
            NDArray bits;
            if (wide)
            {
                var high64 = ShiftLeft(ConvertElementType(words[0], DType.UInt64), NDArray.FromScalar(Scalar.FromBits(DType.UInt64, 32), weak: false));
                bits = BitwiseOr(high64, ConvertElementType(words[1], DType.UInt64));
            }
            else
            {
                bits = Slice(Concatenate(words, 0), [0], [size]);
                if (dtype != DType.UInt32)
                    bits = ConvertElementType(BitwiseAnd(bits, Jnp.FullLike(bits, dtype == DType.UInt8 ? 0xFFu : 0xFFFFu)), dtype);
            }
            var (nextHigh, nextLow) = Advance(U32(blocks));
            var next = Concatenate([Reshape(k0, [1]), Reshape(k1, [1]), Reshape(nextHigh, [1]), Reshape(nextLow, [1])], 0);
            return (next, Reshape(bits, shape));
        }
    }
}
