using JaxNet.Abstractions.Kernels;

namespace JaxNet.Backends.Vulkan.Codegen.Kernels.Fft;

/// <summary>
/// What the first and last pass of an inverse transform do besides their work: the inverse is the forward transform
/// with the parts exchanged on the way in and out (conj(DFT(conj z)) = swap(DFT(swap z))), then the 1/n scale.
/// </summary>
internal sealed record PassEnds(bool SwapIn, bool SwapOut, double Scale)
{
    public static PassEnds None { get; } = new(false, false, 1);

    /// <summary>A value read by the pass, as its work sees it.</summary>
    public string In(string value) => SwapIn ? $"({value}).yx" : value;

    /// <summary>A result of the pass as it is stored.</summary>
    public string Out(DType dtype, string value)
    {
        var swapped = SwapOut ? $"({value}).yx" : value;
        return Scale == 1 ? swapped : $"{swapped} * {GlslTypes.Lit(dtype, GlslTypes.RoundTo(dtype, Scale))}";
    }
}
