using JaxNet.Abstractions;
using JaxNet.Abstractions.Kernels;

namespace JaxNet.Lowering;

/// <summary>
/// What lowering needs to know of the backend it lowers for: how many buffers one kernel may touch, and whether the
/// backend has its own Fourier transform kernel (<see cref="KernelKind.Fft"/>, IR 1.2) or gets transforms as real
/// matrix products.
/// </summary>
internal readonly record struct LoweringTarget(int MaxBuffers, bool NativeFft)
{
    public static LoweringTarget For(BackendCapabilities capabilities) =>
        new(FusionBudget.MaxBuffersFor(capabilities), capabilities.KernelKinds.Contains(KernelKind.Fft));
}
