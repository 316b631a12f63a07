using JaxNet.Bench.Limits;

namespace JaxNet.Bench.Workloads;

/// <summary>The bench's rows, in table order. Each row's definition matches its key in peers.py.</summary>
internal static class WorkloadCatalog
{
    /// <summary>
    /// Floating-point work of one MLP 784-512-512-10 train step on a batch of 128: the forward products, the
    /// weight gradients (as many again) and the input gradients of layers 2 and 3 (layer 1's is not needed).
    /// Elementwise work is negligible beside it.
    /// </summary>
    public const double MlpStepFlops = 2.0 * 128 * ((784 * 512 + 512 * 512 + 512 * 10) * 2 + 512 * 512 + 512 * 10);

    public static IReadOnlyList<IWorkload> All { get; } =
    [
        new SgemmWorkload(1024),
        new SgemmWorkload(2048),
        new FusedSumWorkload(),
        new JitFusedSumWorkload(),
        new ActivationWorkload(),
        new JitActivationWorkload(),
        new JitDenseWorkload(),
        new JitMlpStepWorkload(),
        new JitGradChainWorkload(),
        new EagerAddWorkload(),
        new LaunchFloorWorkload(),
        new JitHessianWorkload(),
        JitJoinWorkload.Concatenate("concatenate_2x2m", DType.Float32, 1),
        JitJoinWorkload.Concatenate("concatenate_axis0_2x2m", DType.Float32, 0),
        JitJoinWorkload.Concatenate("concatenate_f64_2x2m", DType.Float64, 1),
        JitJoinWorkload.Concatenate("concatenate_u8_2x2m", DType.UInt8, 1),
        JitJoinWorkload.Stack("stack_3x1m"),
        new JitPadWorkload(),
        new JitRowScaleWorkload(),
        new JitTransposeAddWorkload(),
        new JitComplexMultiplyWorkload(),
        new JitSinWorkload(DType.Float64),
        new JitSinWorkload(DType.Float32),
        new JitFftWorkload(),
        new JitFft2Workload(),
        new JitRfftWorkload(),
        new JitLongFftWorkload(1 << 20, "fft_1m"),
        new JitLongFftWorkload(1_000_003, "fft_prime_1000003"),
    ];
}
