namespace JaxNet.Backends.Cuda.Driver;

/// <summary>
/// The enum values the cuBLAS Ex call takes, from NVIDIA's headers: <c>cudaDataType_t</c> in
/// <c>library_types.h</c> (CUDA_R_32F = 0, CUDA_R_64F = 1, CUDA_R_16F = 2, CUDA_R_16BF = 14),
/// <c>cublasComputeType_t</c> in <c>cublas_api.h</c> (CUBLAS_COMPUTE_32F = 68, CUBLAS_COMPUTE_64F = 70,
/// CUBLAS_COMPUTE_32F_FAST_TF32 = 77), <c>cublasGemmAlgo_t</c> (CUBLAS_GEMM_DEFAULT = -1; since CUDA 11 the
/// compute type, not a *_TENSOR_OP algorithm, decides tensor-core use) and <c>cublasOperation_t</c>
/// (CUBLAS_OP_N = 0, CUBLAS_OP_T = 1). The same values appear in every CUDA 11 to 13 header.
/// </summary>
internal static class CuBlasConstants
{
    public const int OpN = 0;
    public const int OpT = 1;

    public const int DataR32F = 0;
    public const int DataR64F = 1;
    public const int DataR16F = 2;
    public const int DataR16BF = 14;

    public const int Compute32F = 68;
    public const int Compute64F = 70;
    public const int Compute32FFastTf32 = 77;

    public const int GemmDefault = -1;
}
