using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Lowering;

/// <summary>
/// What lowering needs to know of the backend it lowers for: how many buffers one kernel may touch, whether the
/// backend has its own Fourier transform kernel (<see cref="KernelKind.Fft"/>, IR 1.2) or gets transforms as real
/// matrix products, and whether that kernel takes complex arrays interleaved as they are stored (IR 1.3).
/// </summary>
internal readonly record struct LoweringTarget(int MaxBuffers, bool NativeFft, bool InterleavedFft = false)
{
    public static LoweringTarget For(BackendCapabilities capabilities)
    {
        var native = capabilities.KernelKinds.Contains(KernelKind.Fft);
        return new(FusionBudget.MaxBuffersFor(capabilities), native, native && capabilities.InterleavedFft);
    }
}
