using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        /// <summary>
        /// lax.bitcast_convert_type between widths: reading a wide element as narrow ones adds a trailing axis of
        /// (wide / narrow) pieces; reading narrow elements as a wide one consumes a trailing axis of that size.
        /// Pieces are in little-endian order (piece 0 holds the lowest bits), which is what XLA gives on every
        /// platform JaxNet runs on: <c>bitcast(float32(1), uint8)</c> is <c>[0, 0, 128, 63]</c>, as NumPy's view.
        /// Built from same-width bitcasts, shifts and converts of the unsigned type of each width, so every backend
        /// runs it and jit fuses it into the surrounding kernel.
        /// </summary>
        private static NDArray BitcastAcrossWidths(NDArray x, DType newDtype)
        {
            var (from, to) = (x.DType, newDtype);
            foreach (var t in new[] { from, to })
                if (t == DType.Bool || t.IsComplex())
                    throw new ArgumentException($"bitcast_convert_type: {t.NumpyName()} has no width-changing bitcast " +
                        $"(asked {from.NumpyName()} to {to.NumpyName()})", nameof(newDtype));
            return from.SizeOf() > to.SizeOf() ? SplitIntoPieces(x, to) : JoinPieces(x, to);
        }

        private static NDArray SplitIntoPieces(NDArray x, DType to)
        {
            var wideBits = UnsignedOfWidth(x.DType.SizeOf());
            var pieceBits = UnsignedOfWidth(to.SizeOf());
            var pieces = x.DType.SizeOf() / to.SizeOf();
            var bits = BitcastConvertType(x, wideBits);
            int[] shape = [.. x.Shape, pieces];
            var spread = BroadcastInDim(bits, shape, [.. Enumerable.Range(0, x.Shape.Length)]);
            var shifts = Mul(BroadcastedIota(wideBits, shape, x.Shape.Length), NDArray.FromScalar(Scalar.FromBits(wideBits, 8L * to.SizeOf()), weak: false));
            var lowBits = ConvertElementType(ShiftRightLogical(spread, shifts), pieceBits);
            return BitcastConvertType(lowBits, to);
        }

        private static NDArray JoinPieces(NDArray x, DType to)
        {
            var pieces = to.SizeOf() / x.DType.SizeOf();
            if (x.Shape.Length == 0 || x.Shape[^1] != pieces)
                throw new ArgumentException($"bitcast_convert_type: {pieces} {x.DType.NumpyName()} elements make one {to.NumpyName()}, " +
                    $"so the operand's last axis must have size {pieces}; got shape [{string.Join(", ", x.Shape)}]", nameof(x));
            var wideBits = UnsignedOfWidth(to.SizeOf());
            var widened = ConvertElementType(BitcastConvertType(x, UnsignedOfWidth(x.DType.SizeOf())), wideBits);
            var last = x.Shape.Length - 1;
            var shifts = Mul(BroadcastedIota(wideBits, x.Shape, last), NDArray.FromScalar(Scalar.FromBits(wideBits, 8L * x.DType.SizeOf()), weak: false));
            // The pieces' bits do not overlap, so OR-ing them along the axis assembles the wide element.
            var joined = ReduceOr(ShiftLeft(widened, shifts), [last]);
            return BitcastConvertType(joined, to);
        }

        private static DType UnsignedOfWidth(int bytes) => bytes switch
        {
            1 => DType.UInt8,
            2 => DType.UInt16,
            4 => DType.UInt32,
            8 => DType.UInt64,
            _ => throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "no unsigned integer dtype of this width"),
        };
    }
}
