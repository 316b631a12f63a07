using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>
/// The storage dtypes of a GEMM's packed operands (<see cref="Input"/>, both operands) and of its product
/// (<see cref="Output"/>, the accumulator dtype), and whether float32 operands may be rounded to TF32.
/// </summary>
/// <remarks>
/// The IR converts each operand to the accumulator dtype before multiplying, so the packed operands hold exactly
/// those converted values, in the narrowest type that holds both exactly: the accumulator itself, except that
/// under a float32 accumulator two bf16 (or two f16) operands stay bf16 (f16), the mixed-precision case the tensor
/// cores take with float32 accumulation. Every pair this gives is one cuBLAS's GemmEx supports (A/B 16BF or 16F
/// with C 16BF/16F or 32F, 32F/32F, 64F/64F). TF32 follows JAX on GPUs: DEFAULT precision with f32 inputs is
/// TF32 on A100/H100 (docs.jax.dev "Matmul precision"; google/jax#18934), HIGH is JAX's 'tensorfloat32' (and
/// 'bfloat16_3x') level, which is TF32 on those GPUs too (google/jax#18934); HIGHEST means full float32.
/// </remarks>
internal readonly record struct GemmTypes(DType Input, DType Output, bool AllowTf32)
{
    public static GemmTypes For(DType lhs, DType rhs, DType accumulator, Precision precision)
    {
        var input = accumulator;
        if (accumulator == DType.Float32)
        {
            var l = HalfWidthOrFloat32(lhs);
            input = l == HalfWidthOrFloat32(rhs) ? l : DType.Float32;
        }
        return new GemmTypes(input, accumulator, input == DType.Float32 && precision != Precision.Highest);
    }

    private static DType HalfWidthOrFloat32(DType operand) =>
        operand is DType.BFloat16 or DType.Float16 ? operand : DType.Float32;
}
