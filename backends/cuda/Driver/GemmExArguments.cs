using JaxNet.Backends.Cuda.Kernels;
using static JaxNet.Backends.Cuda.Driver.CuBlasConstants;

namespace JaxNet.Backends.Cuda.Driver;

/// <summary>
/// The arguments of one <c>cublasGemmStridedBatchedEx</c> call, computed without the library so that they can be
/// tested anywhere. cuBLAS is column-major: a row-major C [m, n] with row stride ldc is, read column-major, Cᵀ
/// [n, m] with leading dimension ldc, and Cᵀ = Bᵀ · Aᵀ. So the call multiplies the row-major B (as the
/// column-major n×k matrix Bᵀ, leading dimension n) by the row-major A (as Aᵀ, k×m, leading dimension k), with
/// no transposes, and cuBLAS's (m, n, k) is our (n, m, k). An operand stored transposed (row-major B as [n, k],
/// which read column-major is the k×n matrix B, leading dimension k; A as [k, m], read column-major the m×k
/// matrix A, leading dimension m) is passed with CUBLAS_OP_T instead.
/// </summary>
internal readonly record struct GemmExArguments(
    int TransA, int TransB, int M, int N, int K,
    int AType, int Lda, long StrideA,
    int BType, int Ldb, long StrideB,
    int CType, int Ldc, long StrideC,
    int BatchCount, int ComputeType, int Algorithm)
{
    /// <summary>Whether alpha and beta are doubles (64F compute); otherwise floats, as the 32F compute types take.</summary>
    public bool DoubleScalars => ComputeType == Compute64F;

    /// <summary>The call for a GEMM (its first operand, A, is cuBLAS's B and the other way round: see above).</summary>
    public static GemmExArguments For(GemmParams p, bool allowTf32)
    {
        if (p.LdC > int.MaxValue) throw new NotSupportedException($"cuBLAS: the product's row stride {p.LdC} exceeds 2^31 - 1");
        var compute = p.Output == DType.Float64 ? Compute64F : allowTf32 && p.Input == DType.Float32 ? Compute32FFastTf32 : Compute32F;
        return new GemmExArguments(p.TransB == 0 ? OpN : OpT, p.TransA == 0 ? OpN : OpT, p.N, p.M, p.K,
            DataType(p.Input), Math.Max(1, p.TransB == 0 ? p.N : p.K), (long)p.K * p.N,
            DataType(p.Input), Math.Max(1, p.TransA == 0 ? p.K : p.M), (long)p.M * p.K,
            DataType(p.Output), (int)Math.Max(1, p.LdC), p.StrideC,
            p.Batch, compute, GemmDefault);
    }

    /// <summary>Whether cuBLAS's GemmEx takes these storage types (the pairs <see cref="GemmTypes"/> produces).</summary>
    public static bool Supports(DType input, DType output) => (input, output) switch
    {
        (DType.Float64, DType.Float64) => true,
        (DType.Float32, DType.Float32) => true,
        (DType.BFloat16, DType.BFloat16 or DType.Float32) => true,
        (DType.Float16, DType.Float16 or DType.Float32) => true,
        _ => false,
    };

    public static int DataType(DType dtype) => dtype switch
    {
        DType.Float32 => DataR32F,
        DType.Float64 => DataR64F,
        DType.Float16 => DataR16F,
        DType.BFloat16 => DataR16BF,
        _ => throw new NotSupportedException($"cuBLAS GEMM: no data type for {dtype}"),
    };
}
