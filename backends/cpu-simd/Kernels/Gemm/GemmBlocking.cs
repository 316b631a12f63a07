namespace JaxNet.Backends.CpuSimd.Kernels.Gemm;

/// <summary>
/// The block sizes of <see cref="PackedGemm{T,TVec,TOps}"/> (BLIS's KC, MC and NC) for one element size and
/// micro-kernel shape, cut to the core's L1d and L2 (<see cref="CacheSizes"/>) rather than to one CPU's constants.
/// </summary>
/// <param name="KC">The depth of a block: one B micro-panel (KC x NR) is as large as the L1d.</param>
/// <param name="MC">The rows of a packed A block (MC x KC), a quarter of the L2; a multiple of the kernel's rows.</param>
/// <param name="NC">The columns of a packed B block (KC x NC), half of the L2; a multiple of the panel width.</param>
internal readonly record struct GemmBlocking(int KC, int MC, int NC)
{
    public const int MinKC = 64;

    public const int MaxKC = 512;

    /// <summary>A bound on the micro-panels in a block, so an odd reported L2 cannot overflow the pack sizes.</summary>
    public const int MaxPanels = 4096;

    /// <summary>
    /// The blocks for <paramref name="elementSize"/>-byte elements and an <paramref name="mr"/> x
    /// <paramref name="nr"/> micro-kernel. On Zen 4 (32 KiB L1d, 1 MiB L2) f32 with the 6 x 64 kernel gets KC 128,
    /// MC 510, NC 1024: measured there (2 cores, N = 2048, with the C tile prefetched) KC 64..256, MC 240..510 and
    /// NC 1024..2048 are within a few percent of each other, so the ratios matter less than not overflowing a
    /// smaller cache; on Zen 5 (48 KiB L1d) KC grows to 192, fewer passes over C.
    /// </summary>
    public static GemmBlocking For(CacheSizes caches, int elementSize, int mr, int nr)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(elementSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(mr);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nr);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(caches.L1Data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(caches.L2);
        // A multiple of 8 keeps the register-transposed packing (8 x 8 squares of floats) on its fast path.
        var kc = (int)Math.Clamp(caches.L1Data / ((long)nr * elementSize) / 8 * 8, MinKC, MaxKC);
        var mc = (int)Math.Clamp(caches.L2 / 4 / ((long)kc * elementSize) / mr, 1, MaxPanels) * mr;
        var nc = (int)Math.Clamp(caches.L2 / 2 / ((long)kc * elementSize) / nr, 1, MaxPanels) * nr;
        return new GemmBlocking(kc, mc, nc);
    }
}
