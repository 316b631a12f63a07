using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using JaxNet.Backends.Cuda.Kernels;

namespace JaxNet.Backends.Cuda.Driver;

/// <summary>
/// A thin binding to cuBLAS, found at run time (no link-time dependency): a handle per device, bound to the
/// device's ILGPU stream, and the one call contractions and convolutions need: <c>cublasGemmStridedBatchedEx</c>
/// on operands packed in their GEMM input type (f32, bf16, f16 or f64; see <see cref="Kernels.GemmTypes"/>),
/// with the arguments of <see cref="GemmExArguments"/>.
/// </summary>
internal sealed unsafe class CuBlas
{
    private static readonly string[] LibraryNames = ["libcublas.so.12", "libcublas.so.13", "libcublas.so.11", "libcublas.so"];
    private readonly delegate* unmanaged<IntPtr*, int> create;
    private readonly delegate* unmanaged<IntPtr, IntPtr, int> setStream;
    // cublasStatus_t cublasGemmStridedBatchedEx(handle, transa, transb, m, n, k, const void* alpha, const void* A,
    //     cudaDataType Atype, int lda, long long strideA, const void* B, cudaDataType Btype, int ldb,
    //     long long strideB, const void* beta, void* C, cudaDataType Ctype, int ldc, long long strideC,
    //     int batchCount, cublasComputeType_t computeType, cublasGemmAlgo_t algo)   (cublas_api.h)
    private readonly delegate* unmanaged<IntPtr, int, int, int, int, int, void*, IntPtr, int, int, long, IntPtr, int, int, long, void*, IntPtr, int, int, long, int, int, int, int> gemmStridedBatchedEx;

    private CuBlas(IntPtr library, string name)
    {
        Library = name;
        create = (delegate* unmanaged<IntPtr*, int>)NativeLibrary.GetExport(library, "cublasCreate_v2");
        setStream = (delegate* unmanaged<IntPtr, IntPtr, int>)NativeLibrary.GetExport(library, "cublasSetStream_v2");
        gemmStridedBatchedEx = (delegate* unmanaged<IntPtr, int, int, int, int, int, void*, IntPtr, int, int, long, IntPtr, int, int, long, void*, IntPtr, int, int, long, int, int, int, int>)
            NativeLibrary.GetExport(library, "cublasGemmStridedBatchedEx");
    }

    /// <summary>The library's file name, for the device attributes.</summary>
    public string Library { get; }

    /// <summary>cuBLAS when a library is found, else null (contractions then use the ILGPU GEMM).</summary>
    public static CuBlas? TryLoad()
    {
        foreach (var name in Candidates())
        {
            if (!NativeLibrary.TryLoad(name, out var handle)) continue;
            try
            {
                return new CuBlas(handle, name);
            }
            catch (EntryPointNotFoundException)
            {
                NativeLibrary.Free(handle);
            }
        }
        return null;
    }

    // The loader's search path first, then the toolkit folders a CUDA install leaves off it (CUDA_HOME, CUDA_PATH,
    // /usr/local/cuda), as JAX and PyTorch also look there.
    private static IEnumerable<string> Candidates()
    {
        foreach (var name in LibraryNames) yield return name;
        string?[] roots = [Environment.GetEnvironmentVariable("CUDA_HOME"), Environment.GetEnvironmentVariable("CUDA_PATH"), "/usr/local/cuda"];
        foreach (var root in roots.OfType<string>().Distinct())
            foreach (var folder in new[] { "lib64", "targets/x86_64-linux/lib" })
                foreach (var name in LibraryNames)
                {
                    var path = Path.Combine(root, folder, name);
                    if (File.Exists(path)) yield return path;
                }
    }

    /// <summary>A handle for one device, bound to its stream. Call with the device's gate held.</summary>
    public IntPtr CreateHandle(Accelerator accelerator, AcceleratorStream stream)
    {
        accelerator.Bind();
        IntPtr handle;
        Check(create(&handle), "cublasCreate");
        Check(setStream(handle, ((CudaStream)stream).StreamPtr), "cublasSetStream");
        return handle;
    }

    /// <summary>
    /// Row-major C[b] = A[b] · B[b] ([batch, m, k] × [batch, k, n]) as <paramref name="p"/> describes, enqueued on the
    /// handle's stream; see <see cref="GemmExArguments"/> for how the row-major product maps onto cuBLAS.
    /// </summary>
    public void Gemm(Accelerator accelerator, IntPtr handle, GemmParams p, bool allowTf32, ArrayView<byte> a,
        ArrayView<byte> b, ArrayView<byte> c)
    {
        var x = GemmExArguments.For(p, allowTf32);
        accelerator.Bind();
        double alphaD = 1, betaD = 0;
        float alphaF = 1, betaF = 0;
        void* alpha = x.DoubleScalars ? &alphaD : &alphaF;
        void* beta = x.DoubleScalars ? &betaD : &betaF;
        Check(gemmStridedBatchedEx(handle, x.TransA, x.TransB, x.M, x.N, x.K, alpha, Pointer(b), x.AType, x.Lda, x.StrideA,
            Pointer(a), x.BType, x.Ldb, x.StrideB, beta, Pointer(c), x.CType, x.Ldc, x.StrideC, x.BatchCount, x.ComputeType,
            x.Algorithm), "cublasGemmStridedBatchedEx");
    }

    // On the host this is the buffer's device pointer plus the view's offset.
    internal static IntPtr Pointer(ArrayView<byte> view) => view.LoadEffectiveAddressAsPtr();

    private static void Check(int status, string call)
    {
        if (status != 0) throw new InvalidOperationException($"{call} failed with cuBLAS status {status}");
    }
}
