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
        new JitMlpStepWorkload(leftToCollector: true),
        new JitGradChainWorkload(),
        new EagerAddWorkload(),
        new LaunchFloorWorkload(),
        new JitHessianWorkload(),
        JitJoinWorkload.Concatenate("concatenate_2x2m", DType.Float32, 1),
        JitJoinWorkload.Concatenate("concatenate_axis0_2x2m", DType.Float32, 0),
        JitJoinWorkload.Concatenate("concatenate_f64_2x2m", DType.Float64, 1),
        JitJoinWorkload.Concatenate("concatenate_u8_2x2m", DType.UInt8, 1),
        JitJoinWorkload.ConcatenateTransposed("concatenate_transposed_2x2m"),
        JitJoinWorkload.Stack("stack_3x1m"),
        JitJoinWorkload.StackLast("stack_last_3x1m"),
        new JitPadWorkload(),
        new JitRowScaleWorkload(),
        new JitTransposeAddWorkload(),
        new JitLoopUpdateWorkload(),
        new JitLoopUpdateDonatedWorkload(),
        new JitLoopStepWorkload(),
        new JitComplexMultiplyWorkload(),
        new JitSinWorkload(DType.Float64),
        new JitSinWorkload(DType.Float32),
        new JitSoftplusWorkload(),
        new JitLogSoftmaxWorkload(),
        new JitNormalWorkload(),
        new JitConvReluWorkload(),
        new JitCnnStepWorkload(),
        JitFunctionWorkload.Unary("tan_f32_1m", "tan", Jnp.Tan, Math.Tan, -100, 100, 1e-6, DType.Float32),
        JitFunctionWorkload.Unary("atan_f32_1m", "atan", Jnp.Arctan, Math.Atan, -10, 10, 1e-6, DType.Float32),
        JitFunctionWorkload.Binary("atan2_f32_1m", "atan2", Jnp.Arctan2, Math.Atan2, (-1, 1), (-1, 1), 1e-6, DType.Float32),
        JitFunctionWorkload.Unary("asin_f32_1m", "asin", Jnp.Arcsin, Math.Asin, -1, 1, 1e-6, DType.Float32),
        JitFunctionWorkload.Unary("tanh_f64_1m", "tanh", Jnp.Tanh, Math.Tanh, -5, 5),
        JitFunctionWorkload.Unary("expm1_f64_1m", "expm1", Jnp.Expm1, Expm1BySeries, -5, 5),
        JitFunctionWorkload.Unary("exp2_f64_1m", "exp2", Jnp.Exp2, x => Math.Pow(2, x), -30, 30),
        JitFunctionWorkload.Unary("asinh_f64_1m", "asinh", Jnp.Arcsinh, Math.Asinh, -1000, 1000),
        JitFunctionWorkload.Unary("atanh_f64_1m", "atanh", Jnp.Arctanh, Math.Atanh, -0.999, 0.999),
        JitFunctionWorkload.Unary("acosh_f64_1m", "acosh", Jnp.Arccosh, Math.Acosh, 1, 1000),
        JitFunctionWorkload.Unary("log1p_f64_1m", "log1p", Jnp.Log1p, x => Math.Log(1 + x), 0, 10),
        JitFunctionWorkload.Unary("erf_f64_1m", "erf", Jax.Scipy.Special.Erf, SpecialFunctionReferences.ErfBySeries, -4, 4, 1e-8),
        JitFunctionWorkload.Unary("cbrt_f64_1m", "cbrt", Jnp.Cbrt, Math.Cbrt, -1000, 1000),
        JitFunctionWorkload.Unary("erfinv_f64_1m", "erfinv", Jax.Scipy.Special.Erfinv, SpecialFunctionReferences.ErfinvByNewton, -0.999, 0.999, 1e-9),
        JitFunctionWorkload.Unary("lgamma_f64_1m", "lgamma", Jax.Scipy.Special.Gammaln, SpecialFunctionReferences.LgammaByStirling, 2.5, 100, 1e-10),
        JitFunctionWorkload.Unary("digamma_f64_1m", "digamma", Jax.Scipy.Special.Digamma, SpecialFunctionReferences.DigammaByStirling, 2.5, 100, 1e-10),
        JitFunctionWorkload.Binary("pow_f64_1m", "pow", Jnp.Power, Math.Pow, (0.1, 10), (-4, 4)),
        JitFunctionWorkload.Binary("atan2_f64_1m", "atan2", Jnp.Arctan2, Math.Atan2, (-1, 1), (-1, 1)),
        JitFunctionWorkload.Unary("erf_f32_1m", "erf", Jax.Scipy.Special.Erf, SpecialFunctionReferences.ErfBySeries, -4, 4, 1e-6, DType.Float32),
        JitFunctionWorkload.Binary("pow_f32_1m", "pow", Jnp.Power, Math.Pow, (0.1, 10), (-4, 4), 1e-6, DType.Float32),
        JitFunctionWorkload.Unary("exp2_f32_1m", "exp2", Jnp.Exp2, x => Math.Pow(2, x), -30, 30, 1e-6, DType.Float32),
        JitFunctionWorkload.Unary("sinh_f32_1m", "sinh", Jnp.Sinh, Math.Sinh, -10, 10, 1e-6, DType.Float32),
        JitFunctionWorkload.Unary("cosh_f32_1m", "cosh", Jnp.Cosh, Math.Cosh, -10, 10, 1e-6, DType.Float32),
        JitFunctionWorkload.Unary("asinh_f32_1m", "asinh", Jnp.Arcsinh, Math.Asinh, -1000, 1000, 1e-6, DType.Float32),
        JitFunctionWorkload.Unary("atanh_f32_1m", "atanh", Jnp.Arctanh, Math.Atanh, -0.999, 0.999, 1e-6, DType.Float32),
        JitFunctionWorkload.Unary("acosh_f32_1m", "acosh", Jnp.Arccosh, Math.Acosh, 1, 1000, 1e-6, DType.Float32),
        new JitFftWorkload(),
        new JitFft2Workload(),
        new JitRfftWorkload(),
        new JitLongFftWorkload(1 << 20, "fft_1m"),
        new JitLongFftWorkload(1_000_003, "fft_prime_1000003"),
    ];

    /// <summary>e^x - 1 by its series below 1 (Math.Exp(x) - 1 is off by up to 2^-53 / |x| relative there), Math.Exp beyond.</summary>
    private static double Expm1BySeries(double x)
    {
        if (Math.Abs(x) >= 1) return Math.Exp(x) - 1;
        double term = x, sum = x;
        for (var k = 2; k < 30; k++)
        {
            term *= x / k;
            sum += term;
        }
        return sum;
    }
}
