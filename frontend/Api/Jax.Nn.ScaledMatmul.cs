using JaxNet.Core;

namespace JaxNet;

public static partial class Jax
{
    public static partial class Nn
    {
        /// <summary>
        /// jax.nn.scaled_matmul: the block-scaled product of <paramref name="lhs"/> (B, M, K) and <paramref name="rhs"/>
        /// (B, N, K), contracted over their last axis, (B, M, N). <paramref name="lhsScales"/> is (B, M, K_a) and
        /// <paramref name="rhsScales"/> (B, N, K_b), with K a multiple of K_a and of K_b: each scale multiplies a block
        /// of K / K_a (or K / K_b) consecutive elements. As JAX defines it, the operands are dequantized (multiplied by
        /// their repeated scales) and contracted in float32, then the result is converted to
        /// <paramref name="preferredElementType"/>. JAX feeds float8/float4 operands with e8m0 scales to cuDNN on
        /// Blackwell GPUs; JaxNet has no 8- or 4-bit float dtypes, so operands and scales are any real floating type.
        /// </summary>
        /// <exception cref="ShapeException">Operands or scales that are not rank 3, batch or row sizes that differ, or a
        /// contracting size that is not a positive multiple of the scales' blocks.</exception>
        /// <exception cref="ArgumentException">A non-floating operand, scale or preferred type.</exception>
        public static NDArray ScaledMatmul(NDArray lhs, NDArray rhs, NDArray lhsScales, NDArray rhsScales, DType preferredElementType = DType.Float32)
        {
            NDArray[] all = [lhs, rhs, lhsScales, rhsScales];
            foreach (var a in all) ArgumentNullException.ThrowIfNull(a);
            if (all.Any(a => a.Ndim != 3))
                throw new ShapeException($"scaled_matmul: operands and scales must be rank 3 (B, M|N, K), got {string.Join(", ", all.Select(a => a.Aval.Str()))}");
            if (all.Any(a => !a.DType.IsFloat()) || !preferredElementType.IsFloat())
                throw new ArgumentException($"scaled_matmul: real floating types are needed, got {string.Join(", ", all.Select(a => a.DType.NumpyName()))} " +
                    $"and preferred {preferredElementType.NumpyName()}");
            var (b, k) = (lhs.Shape[0], lhs.Shape[2]);
            if (rhs.Shape[0] != b || rhs.Shape[2] != k)
                throw new ShapeException($"scaled_matmul: lhs {lhs.Aval.Str()} and rhs {rhs.Aval.Str()} must share B and K");
            var lhsScaled = Dequantize(lhs, lhsScales, "lhs");
            var rhsScaled = Dequantize(rhs, rhsScales, "rhs");
            var product = Lax.DotGeneral(lhsScaled, rhsScaled, ([2], [2]), ([0], [0]), preferredElementType: DType.Float32);
            return Jnp.Astype(product, preferredElementType);
        }

        // The operand in float32, each block of its last axis multiplied by its scale.
        private static NDArray Dequantize(NDArray x, NDArray scales, string which)
        {
            var (rows, k, blocks) = (x.Shape[1], x.Shape[2], scales.Shape[2]);
            if (scales.Shape[0] != x.Shape[0] || scales.Shape[1] != rows)
                throw new ShapeException($"scaled_matmul: {which} scales {scales.Aval.Str()} must match {which} {x.Aval.Str()} in B and rows");
            if (blocks == 0 ? k != 0 : k % blocks != 0)
                throw new ShapeException($"scaled_matmul: the contracting size {k} of {which} is not a multiple of its scales' {blocks} blocks");
            var blockSize = blocks == 0 ? 0 : k / blocks;
            var spread = Jnp.Repeat(Jnp.Astype(scales, DType.Float32), blockSize, axis: 2);
            return Jnp.Astype(x, DType.Float32) * spread;
        }

        /// <summary>
        /// jax.nn.scaled_dot_general without quantization configs: JAX falls back to lax.dot_general when configs is
        /// None, and so does this, with <paramref name="preferredElementType"/> (float32 by default) as the result type.
        /// JAX's configs quantize the operands to mxfp8 or nvfp4 (float8/float4 data with e8m0 or e4m3 scales), dtypes
        /// JaxNet does not have, so they are not offered; block-scaled operands that are already quantized go to
        /// <see cref="ScaledMatmul"/>.
        /// </summary>
        public static NDArray ScaledDotGeneral(NDArray lhs, NDArray rhs, (int[] Lhs, int[] Rhs) contracting, (int[] Lhs, int[] Rhs)? batch = null,
            DType preferredElementType = DType.Float32)
        {
            ArgumentNullException.ThrowIfNull(lhs);
            ArgumentNullException.ThrowIfNull(rhs);
            if (!preferredElementType.IsFloat())
                throw new ArgumentException($"scaled_dot_general: the preferred type must be floating, got {preferredElementType.NumpyName()}");
            return Lax.DotGeneral(lhs, rhs, contracting, batch, preferredElementType: preferredElementType);
        }
    }
}
