using System.Globalization;
using JaxNet.Runtime;

namespace JaxNet.Cli.Commands;

/// <summary>
/// <c>jaxnet tpu-sim run [--batch N] [--hidden N]</c>: a small JaxNet program, the MNIST MLP's training step
/// (784-hidden-hidden-10, softmax cross-entropy, Jit(ValueAndGrad) and an SGD update), compiled for the TPU simulator,
/// with the simulated cycles, stalls, MXU utilization and HBM traffic of each kernel. It lives in the tool, not in the
/// plugin, because it needs the frontend; the plugin's own commands (gemm, machine) are reached the same way.
/// </summary>
public static class TpuSimRunCommand
{
    public static int Run(CommandLine options, TextWriter output)
    {
        var batch = Positive(options["batch"] ?? "128", "--batch");
        var hidden = Positive(options["hidden"] ?? "512", "--hidden");
        if (BackendRegistry.Default.TryGet("tpu-sim", out var reason) is null)
        {
            output.WriteLine($"jaxnet tpu-sim run: the tpu-sim backend is unavailable: {reason}");
            return 1;
        }

        var keys = Jax.Random.Split(Jax.Random.PRNGKey(0), 4);
        var init = Jax.Nn.Initializers.HeNormal();
        NDArray[] parameters = [init(keys[0], [784, hidden]), Jnp.Zeros([hidden]), init(keys[1], [hidden, hidden]), Jnp.Zeros([hidden]),
            init(keys[2], [hidden, 10]), Jnp.Zeros([10])];
        var images = Jax.Random.Uniform(keys[3], [batch, 784]);
        var labels = Jnp.Arange(batch) % 10;

        static NDArray Loss(NDArray[] p, NDArray x, NDArray y)
        {
            var h1 = Jax.Nn.Relu(Jnp.Matmul(x, p[0]) + p[1]);
            var h2 = Jax.Nn.Relu(Jnp.Matmul(h1, p[2]) + p[3]);
            return -Jnp.Mean(Jnp.Sum(Jax.Nn.LogSoftmax(Jnp.Matmul(h2, p[4]) + p[5]) * Jax.Nn.OneHot(y, 10), axis: 1));
        }
        var step = Jax.Jit(args =>
        {
            var p = args[..6];
            var (loss, grads) = Jax.ValueAndGradN(a => Loss(a, args[6], args[7]), [0, 1, 2, 3, 4, 5])(p);
            return [loss, .. p.Zip(grads, (pi, gi) => pi - 0.05f * gi)];
        }, arity: 8, backend: "tpu-sim");

        var compiled = step.JitInfo().Lower([.. parameters, images, labels]).Compile();
        var cost = compiled.CostAnalysis();
        output.WriteLine($"MNIST MLP 784-{hidden}-{hidden}-10 training step, batch {batch}, on tpu-sim " +
                         $"({BackendRegistry.Default.Get("tpu-sim").Description})");
        output.WriteLine($"{"kernel",-28} {"kind",-12} {"cycles",12} {"stalls",10} {"mxu util",9} {"hbm bytes",12}");
        for (var k = 0; k < compiled.Kernels.Count; k++)
        {
            var info = compiled.Kernels[k];
            var m = k < cost.BackendKernels.Count ? cost.BackendKernels[k] : new Dictionary<string, double>();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Truncate(info.Name, 28),-28} {info.Kind.ToString().ToLowerInvariant(),-12} {m.GetValueOrDefault("cycles"),12:N0} " +
                $"{m.GetValueOrDefault("stall_cycles"),10:N0} {m.GetValueOrDefault("mxu_util"),9:P1} {m.GetValueOrDefault("hbm_bytes"),12:N0}"));
        }
        var t = cost.BackendTotals;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"total",-28} {"",-12} {t.GetValueOrDefault("cycles"),12:N0} {t.GetValueOrDefault("stall_cycles"),10:N0} " +
            $"{t.GetValueOrDefault("mxu_util"),9:P1} {t.GetValueOrDefault("hbm_bytes"),12:N0}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"simulated time per step: {t.GetValueOrDefault("time_us"):F1} us; {cost.Flops / 1e9:F3} GFLOP"));

        var loss = step([.. parameters, images, labels])[0].Item<float>();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"loss on the random batch: {loss:F4} (ln 10 = 2.3026 is chance)"));
        return 0;
    }

    private static string Truncate(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";

    private static int Positive(string text, string name) =>
        int.TryParse(text, out var value) && value > 0 ? value : throw new CommandLineException($"{name} must be a positive integer, got '{text}'");
}
