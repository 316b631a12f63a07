using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Lax
    {
        private const int Float32ExponentBits = 8;
        private const int Float32MantissaBits = 23;

        /// <summary>
        /// lax.reduce_precision: each element rounded to the float format with <paramref name="exponentBits"/>
        /// exponent bits and <paramref name="mantissaBits"/> mantissa bits, and returned in its own dtype — (8, 7) is
        /// bfloat16, (5, 10) float16. As XLA does: the mantissa rounds to nearest, ties to even; a magnitude above the
        /// format's largest finite value becomes a signed infinity; one below its smallest normal value becomes a
        /// signed zero (the narrow format has no subnormals); NaN stays NaN. Written with bitcasts, integer adds,
        /// masks and selects, so every backend runs it. The derivative passes the tangent through unchanged: JAX
        /// rounds it too, but that rounding is built from bit operations no transpose rule can run backwards, and
        /// the identity keeps reverse mode working (the two differ by at most the rounding of the tangent).
        /// </summary>
        /// <exception cref="ArgumentException">Fewer than one exponent bit or negative mantissa bits.</exception>
        /// <exception cref="NotSupportedException">A float64 or non-float operand (the rounding is done on 32-bit
        /// words: JaxNet has no 64-bit unsigned integers).</exception>
        public static NDArray ReducePrecision(NDArray x, int exponentBits, int mantissaBits)
        {
            if (exponentBits < 1) throw new ArgumentException($"Lax.ReducePrecision: exponentBits must be at least 1, got {exponentBits}", nameof(exponentBits));
            if (mantissaBits < 0) throw new ArgumentException($"Lax.ReducePrecision: mantissaBits must be nonnegative, got {mantissaBits}", nameof(mantissaBits));
            if (x.DType is not (DType.Float32 or DType.Float16 or DType.BFloat16))
                throw new NotSupportedException($"Lax.ReducePrecision: supports float32, float16 and bfloat16 operands, got {x.DType.NumpyName()}");
            NDArray Round(NDArray v) => RoundFloat32Bits(v, exponentBits, mantissaBits);
            return CustomJvp(Round, (p, t) => (Round(p), t))(x);
        }

        // Narrower inputs widen exactly to float32; the rounded float32 is then representable in the reduced format,
        // which is at most as wide as the input's whenever rounding changed anything, so narrowing back is exact.
        private static NDArray RoundFloat32Bits(NDArray x, int exponentBits, int mantissaBits)
        {
            var wide = ConvertElementType(x, DType.Float32);
            var bits = BitcastConvertType(wide, DType.UInt32);
            if (mantissaBits < Float32MantissaBits)
                bits = RoundMantissaToNearestEven(bits, Float32MantissaBits - mantissaBits);
            if (exponentBits < Float32ExponentBits)
                bits = ClampExponentRange(bits, exponentBits);
            var rounded = Select(Ne(wide, wide), wide, BitcastConvertType(bits, DType.Float32));
            return ConvertElementType(rounded, x.DType, x.WeakType);
        }

        // Adding half an ulp of the narrow format, less one unless the kept last bit is odd, then truncating,
        // rounds to nearest with ties to even; a carry out of the mantissa correctly bumps the exponent.
        private static NDArray RoundMantissaToNearestEven(NDArray bits, int droppedBits)
        {
            var lastKeptBit = 1u << droppedBits;
            var keptBitIsOdd = ShiftRightLogical(BitwiseAnd(bits, Jnp.Scalar(lastKeptBit)), Jnp.Scalar((uint)droppedBits));
            var bias = Add(keptBitIsOdd, Jnp.Scalar((lastKeptBit >> 1) - 1));
            return BitwiseAnd(Add(bits, bias), Jnp.Scalar(~(lastKeptBit - 1)));
        }

        private static NDArray ClampExponentRange(NDArray bits, int exponentBits)
        {
            const uint signMask = 0x8000_0000u;
            const uint exponentMask = 0x7F80_0000u;
            const int float32Bias = 127;
            var reducedBias = (1 << (exponentBits - 1)) - 1;
            var largestExponent = (uint)(float32Bias + reducedBias) << Float32MantissaBits;
            var smallestExponent = (uint)(float32Bias - reducedBias) << Float32MantissaBits;
            var exponent = BitwiseAnd(bits, Jnp.Scalar(exponentMask));
            var signedZero = BitwiseAnd(bits, Jnp.Scalar(signMask));
            var signedInfinity = BitwiseOr(signedZero, Jnp.Scalar(exponentMask));
            var flushed = Select(Le(exponent, Jnp.Scalar(smallestExponent)), signedZero, bits);
            return Select(Gt(exponent, Jnp.Scalar(largestExponent)), signedInfinity, flushed);
        }
    }
}
