using JaxNet.Runtime;
using JaxNet.Testing;

namespace JaxNet.Tests.Runtime;

/// <summary>
/// The frontend's programs on every backend plugin built beside the tests (cpu, vulkan, tpu-sim), each checked
/// against a float64 reference computed here. A backend that cannot load on this machine (no Vulkan driver) skips
/// with its reason.
/// </summary>
public class BackendMatrixTests
{
    public static TheoryData<string> Platforms => new() { "cpu", "vulkan", "tpu-sim" };

    private static void RequireBackend(string platform) =>
        Skip.If(BackendRegistry.Default.TryGet(platform, out var reason) is null, $"backend '{platform}' is unavailable: {reason}");

    private static float[] Floats(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    [SkippableTheory]
    [MemberData(nameof(Platforms))]
    public void Fused_sum_of_x_plus_y_times_z(string platform)
    {
        RequireBackend(platform);
        float[] x = Floats(100_003, 1), y = Floats(100_003, 2), z = Floats(100_003, 3);
        var f = Jax.Jit((NDArray a, NDArray b, NDArray c) => Jnp.Sum(a + b * c), backend: platform);
        var result = f(Jnp.Array(x), Jnp.Array(y), Jnp.Array(z)).Item<float>();
        var expected = 0.0;
        for (var i = 0; i < x.Length; i++) expected += x[i] + (double)y[i] * z[i];
        Assert.Equal(expected, result, 1e-2);
        Assert.Single(f.Lower(Jnp.Array(x), Jnp.Array(y), Jnp.Array(z)).Compile().Kernels);
    }

    [SkippableTheory]
    [MemberData(nameof(Platforms))]
    public void Dense_layer_with_relu(string platform)
    {
        RequireBackend(platform);
        const int batch = 5, inputs = 33, outputs = 17;
        float[] x = Floats(batch * inputs, 4), w = Floats(inputs * outputs, 5), b = Floats(outputs, 6);
        var layer = Jax.Jit((NDArray xs, NDArray ws, NDArray bs) => Jax.Nn.Relu(Jnp.Matmul(xs, ws) + bs), backend: platform);
        var got = layer(Jnp.Array(x).Reshape(batch, inputs), Jnp.Array(w).Reshape(inputs, outputs), Jnp.Array(b)).ToArray<float>();
        // tpu-sim multiplies bf16-rounded inputs (8 significant bits), like a TPU at default precision.
        var tolerance = platform == "tpu-sim" ? 0.1 : 1e-4;
        for (var i = 0; i < batch; i++)
            for (var j = 0; j < outputs; j++)
            {
                double sum = b[j];
                for (var k = 0; k < inputs; k++) sum += (double)x[i * inputs + k] * w[k * outputs + j];
                Assert.Equal(Math.Max(sum, 0), got[i * outputs + j], tolerance);
            }
    }

    [SkippableTheory]
    [MemberData(nameof(Platforms))]
    public void Log_softmax_rows(string platform)
    {
        RequireBackend(platform);
        var x = Floats(4 * 10, 7);
        var f = Jax.Jit((NDArray a) => Jax.Nn.LogSoftmax(a), backend: platform);
        var got = f(Jnp.Array(x).Reshape(4, 10)).ToArray<float>();
        for (var r = 0; r < 4; r++)
        {
            var row = x.Skip(r * 10).Take(10).Select(v => (double)v).ToArray();
            var log = Math.Log(row.Sum(v => Math.Exp(v - row.Max()))) + row.Max();
            for (var c = 0; c < 10; c++) Assert.Equal(row[c] - log, got[r * 10 + c], 1e-5);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Platforms))]
    public void Jitted_gradient_of_a_small_mlp_loss(string platform)
    {
        RequireBackend(platform);
        float[] x = Floats(6 * 4, 8), w = Floats(4 * 3, 9);
        var labels = new[] { 0, 1, 2, 0, 1, 2 };
        NDArray Loss(NDArray ws, NDArray xs, NDArray ys) =>
            -Jnp.Mean(Jnp.Sum(Jax.Nn.LogSoftmax(Jnp.Tanh(Jnp.Matmul(xs, ws))) * Jax.Nn.OneHot(ys, 3), axis: 1));
        var grad = Jax.Jit(Jax.Grad(Loss), backend: platform);
        var got = grad(Jnp.Array(w).Reshape(4, 3), Jnp.Array(x).Reshape(6, 4), Jnp.Array(labels)).ToArray<float>();
        var expected = Jax.Grad(Loss)(Jnp.Array(w).Reshape(4, 3), Jnp.Array(x).Reshape(6, 4), Jnp.Array(labels)).ToArray<float>();
        var tolerance = platform == "tpu-sim" ? 2e-2 : 1e-5;
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], got[i], tolerance);
    }

    [SkippableTheory]
    [MemberData(nameof(Platforms))]
    public void Jitted_vmap_of_a_hidden_layer(string platform)
    {
        RequireBackend(platform);
        float[] x = Floats(8 * 16, 10), w = Floats(16 * 16, 11), b = Floats(16, 12);
        var W = Jnp.Array(w).Reshape(16, 16);
        var B = Jnp.Array(b);
        var layer = Jax.Jit(Jax.Vmap((NDArray v) => Jax.Nn.Relu(Jnp.Dot(W, v) + B)), backend: platform);
        var got = layer(Jnp.Array(x).Reshape(8, 16));
        Assert.Equal(new[] { 8, 16 }, got.Shape);
        var values = got.ToArray<float>();
        var tolerance = platform == "tpu-sim" ? 5e-2 : 1e-5;
        for (var n = 0; n < 8; n++)
            for (var i = 0; i < 16; i++)
            {
                double sum = b[i];
                for (var k = 0; k < 16; k++) sum += (double)w[i * 16 + k] * x[n * 16 + k];
                Assert.Equal(Math.Max(sum, 0), values[n * 16 + i], tolerance);
            }
    }

    [SkippableFact]
    public void Tpu_sim_cost_analysis_reports_simulated_cycles_per_kernel_and_in_total()
    {
        RequireBackend("tpu-sim");
        var f = Jax.Jit((NDArray a, NDArray w) => Jax.Nn.Relu(Jnp.Matmul(a, w)), backend: "tpu-sim");
        var a = Jnp.Ones([128, 256]);
        var w = Jnp.Ones([256, 128]);
        var cost = f.Lower(a, w).Compile().CostAnalysis();
        Assert.True(cost.BackendTotals["cycles"] > 0);
        Assert.InRange(cost.BackendTotals["mxu_util"], 0.0, 1.0);
        Assert.True(cost.BackendTotals["hbm_bytes"] >= (128 * 256 + 256 * 128) * 2);
        Assert.Equal(cost.BackendTotals["cycles"], cost.BackendKernels.Sum(k => k["cycles"]));
        Assert.Equal(2 * 128.0 * 256 * 128 + 128 * 128, cost.Flops);  // the matmul and the relu
    }

    [Fact]
    public void Cpu_cost_analysis_has_no_backend_figures()
    {
        var f = Jax.Jit((NDArray a) => Jnp.Exp(a));
        var cost = f.Lower(Jnp.Ones([8])).Compile().CostAnalysis();
        Assert.Empty(cost.BackendTotals);
        Assert.Empty(cost.BackendKernels);
    }
}
