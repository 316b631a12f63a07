using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace JaxNet.Backends.Cuda.Driver;

/// <summary>
/// A thin binding to cuBLAS, found at run time (no link-time dependency): a handle per device, bound to the
/// device's ILGPU stream, and the one call the contraction needs. Contractions pack their operands as doubles
/// (the register representation of float accumulators), so this is <c>cublasDgemmStridedBatched</c>; TF32 and
/// bf16 paths (<c>cublasGemmStridedBatchedEx</c>) need packs in the narrow types (see docs/cuda.md).
/// </summary>
internal sealed unsafe class CuBlas
{
    private static readonly string[] LibraryNames = ["libcublas.so.12", "libcublas.so.13", "libcublas.so.11", "libcublas.so"];
    private readonly delegate* unmanaged<IntPtr*, int> create;
    private readonly delegate* unmanaged<IntPtr, IntPtr, int> setStream;
    private readonly delegate* unmanaged<IntPtr, int, int, int, int, int, double*, IntPtr, int, long, IntPtr, int, long, double*, IntPtr, int, long, int, int> dgemmStridedBatched;

    private CuBlas(IntPtr library, string name)
    {
        Library = name;
        create = (delegate* unmanaged<IntPtr*, int>)NativeLibrary.GetExport(library, "cublasCreate_v2");
        setStream = (delegate* unmanaged<IntPtr, IntPtr, int>)NativeLibrary.GetExport(library, "cublasSetStream_v2");
        dgemmStridedBatched = (delegate* unmanaged<IntPtr, int, int, int, int, int, double*, IntPtr, int, long, IntPtr, int, long, double*, IntPtr, int, long, int, int>)
            NativeLibrary.GetExport(library, "cublasDgemmStridedBatched");
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
    /// Row-major C[b] = A[b] · B[b] on doubles ([batch, m, k] × [batch, k, n]), enqueued on the handle's stream.
    /// cuBLAS is column-major, so it computes Cᵀ = Bᵀ · Aᵀ, which has C's row-major layout.
    /// </summary>
    public void Gemm(Accelerator accelerator, IntPtr handle, int batch, int m, int n, int k, ArrayView<byte> a,
        ArrayView<byte> b, ArrayView<byte> c)
    {
        accelerator.Bind();
        double alpha = 1, beta = 0;
        const int noTranspose = 0;
        Check(dgemmStridedBatched(handle, noTranspose, noTranspose, n, m, k, &alpha, Pointer(b), n, (long)k * n,
            Pointer(a), k, (long)m * k, &beta, Pointer(c), n, (long)m * n, batch), "cublasDgemmStridedBatched");
    }

    // On the host this is the buffer's device pointer plus the view's offset.
    internal static IntPtr Pointer(ArrayView<byte> view) => view.LoadEffectiveAddressAsPtr();

    private static void Check(int status, string call)
    {
        if (status != 0) throw new InvalidOperationException($"{call} failed with cuBLAS status {status}");
    }
}
