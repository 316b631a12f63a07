namespace JaxNet.Backends.CpuSimd.Kernels.Gemm;

/// <summary>
/// A B operand that is never stored as a matrix and packs its own panels: a convolution's patches, gathered from
/// the input as <see cref="PackedGemm{T,TVec,TOps}"/> needs each block of them (an implicit GEMM), instead of being
/// written to a buffer first and packed from there again. Called from every core of a parallel product at once.
/// </summary>
internal interface IPanelSource
{
    /// <summary>
    /// Writes rows [<paramref name="k0"/>, k0 + <paramref name="kc"/>) and columns [<paramref name="j0"/>, j0 +
    /// <paramref name="nc"/>) of B to <paramref name="pack"/> (elements of the product's type) as
    /// <see cref="PackedGemm{T,TVec,TOps}"/> packs them: panels of <paramref name="nr"/> columns, k-major inside a
    /// panel, panel p at p x kc x nr, the last panel zero past column nc.
    /// </summary>
    void Pack(nint pack, int k0, int kc, int j0, int nc, int nr);
}
