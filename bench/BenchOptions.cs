namespace JaxNet.Bench;

/// <summary>The runner's command line: <c>[--quick] [--json FILE] [--only KEY,...] [--no-peers] [--no-roofline] [--backend NAME]</c>.</summary>
/// <param name="Only">Workload keys to run (peers.py's keys); null runs them all.</param>
/// <param name="Backend">The platform JaxNet's rows run on; null for the default backend.</param>
/// <param name="Describe">Print each jitted row's compiled program after its timing (with per-kernel times when the
/// backend's profile setting is on).</param>
internal sealed record BenchOptions(bool Quick, string? JsonPath, IReadOnlyList<string>? Only, bool Peers, bool Roofline, string? Backend = null,
    bool Describe = false)
{
    public const string Usage =
        "usage: dotnet run --project bench -c Release -- [--quick] [--json FILE] [--only KEY,...] [--no-peers] [--no-roofline] [--backend NAME]\n" +
        "       [--describe]\n" +
        "  --quick        fewer, shorter samples (the whole run in about two minutes)\n" +
        "  --json FILE    also write every figure, the machine and the peers' environment as JSON\n" +
        "  --only KEYS    run only these workloads (comma-separated keys: sgemm_1024, sgemm_2048, fused_sum_10m,\n" +
        "                 activation_10m, dense_relu_128, mlp_train_step, mlp_train_step_gc, grad_chain_126, eager_add_8, hessian_tanh_64,\n" +
        "                 concatenate_2x2m, concatenate_axis0_2x2m, concatenate_f64_2x2m, concatenate_u8_2x2m, stack_3x1m,\n" +
        "                 concatenate_transposed_2x2m, stack_last_3x1m, pad_2m, row_scale_1m_x_3, complex_mul_1m, fft_64x1024,\n" +
        "                 fft2_256x256, rfft_1m, fft_1m, fft_prime_1000003, sin_f64_1m, sin_f32_1m, softplus_f32_1m,\n" +
        "                 normal_f32_1m, log_softmax_4096x10,\n" +
        "                 tan_f32_1m, atan_f32_1m, atan2_f32_1m, asin_f32_1m, tanh_f64_1m, expm1_f64_1m,\n" +
        "                 exp2_f64_1m, asinh_f64_1m, atanh_f64_1m, acosh_f64_1m, cbrt_f64_1m, erfinv_f64_1m, lgamma_f64_1m,\n" +
        "                 digamma_f64_1m,\n" +
        "                 log1p_f64_1m, erf_f64_1m, pow_f64_1m, atan2_f64_1m, transpose_add_1m,\n" +
        "                 erf_f32_1m, pow_f32_1m, exp2_f32_1m, sinh_f32_1m, cosh_f32_1m, asinh_f32_1m, atanh_f32_1m,\n" +
        "                 acosh_f32_1m,\n" +
        "                 fori_update_rows_1024, fori_add_10k)\n" +
        "  --no-peers     skip NumPy and PyTorch (bench/peers.py)\n" +
        "  --no-roofline  skip the C programs (FMA peak, STREAM triad, fused sum)\n" +
        "  --backend NAME run JaxNet's rows on this platform (cpu, vulkan, ...; default: the default backend)\n" +
        "  --describe     print each jitted row's compiled program after its timing; with JAXNET_CPU_PROFILE=1 or\n" +
        "                 JAXNET_CUDA_PROFILE=1 it gives each kernel's time (profiled runs are slower: time them apart)";

    /// <summary>Parses the arguments; null with <paramref name="error"/> set for a bad command line or --help.</summary>
    public static BenchOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new BenchOptions(false, null, null, true, true);
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    options = options with { Quick = true };
                    break;
                case "--json" when i + 1 < args.Count:
                    options = options with { JsonPath = args[++i] };
                    break;
                case "--only" when i + 1 < args.Count:
                    options = options with { Only = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) };
                    break;
                case "--no-peers":
                    options = options with { Peers = false };
                    break;
                case "--no-roofline":
                    options = options with { Roofline = false };
                    break;
                case "--backend" when i + 1 < args.Count:
                    options = options with { Backend = args[++i] };
                    break;
                case "--describe":
                    options = options with { Describe = true };
                    break;
                case "--help" or "-h":
                    return null;
                default:
                    error = $"unknown or incomplete argument '{args[i]}'";
                    return null;
            }
        }
        return options;
    }
}
