using JaxNet.Backends.Cuda.Driver;

namespace JaxNet.Backends.Cuda.Kernels;

/// <summary>
/// Issues the GEMM of a contraction or convolution on packed operands: cuBLAS's GemmEx on a GPU that has it (float
/// products, K &gt; 0), the ILGPU GEMM otherwise (integers, emulation, no library, and K = 0, where the product is
/// zeros that the ILGPU kernel writes and cuBLAS, with beta = 0 and nothing to sum, need not).
/// </summary>
internal static class BatchedGemm
{
    public static void Issue(LaunchFrame frame, GemmParams p, bool allowTf32, int a, int b, int c)
    {
        if ((long)p.Batch * p.M * p.N == 0) return;
        if (UsesBlas(frame.Device, p))
            frame.Device.Blas!.Gemm(frame.Device.Accelerator, frame.Device.BlasHandle, p, allowTf32, frame.Buffer(a), frame.Buffer(b), frame.Buffer(c));
        else
            frame.Device.Gemm(frame.Stream, GemmKernel.Config(p), frame.SlotsOf([a, b, c]), p);
    }

    public static bool UsesBlas(CudaDevice device, GemmParams p) =>
        device.Blas is not null && p.K > 0 && GemmExArguments.Supports(p.Input, p.Output);
}
