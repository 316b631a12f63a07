using JaxNet.Bench.Limits;

namespace JaxNet.Bench.Workloads;

/// <summary>
/// <c>Jax.Jit(relu(conv(x, w) + b))</c>: a 3x3 convolution layer of a CNN, x [8, 64, 32, 32] NCHW, w [64, 64, 3, 3]
/// OIHW, SAME padding, as <c>Lax.Conv</c> writes it; PyTorch's conv2d and NumPy's windowed tensordot beside it.
/// </summary>
internal sealed class JitConvReluWorkload : FrontendWorkload
{
    private const int Batch = 8, Channels = 64, Side = 32, Features = 64, Kernel = 3;

    public const double Flops = 2.0 * Batch * Features * Side * Side * Channels * Kernel * Kernel;

    public override string Title => "relu(conv(x, w) + b), x 8x64x32x32, w 64x64x3x3 (jit)";

    public override string PeerKey => "conv_relu_8x64x32x32";

    public override Unit Unit => Unit.Milliseconds;

    protected override string Implementation => "JaxNet (jit)";

    public override Limit? LimitFrom(RooflineFigures roofline) =>
        roofline.FmaPeakGflops is { } peak ? new Limit(Flops / (peak * 1e9) * 1e3, "0.60 GFLOP at the FMA peak") : null;

    protected override (Action, Func<string>, NDArray[]) Prepare()
    {
        var xs = Uniform(Batch * Channels * Side * Side, 91);
        var ws = Uniform(Features * Channels * Kernel * Kernel, 92).Select(v => v / 24).ToArray();
        var bs = Uniform(Features, 93).Select(v => v / 10).ToArray();
        var x = Jnp.Array(xs).Reshape([Batch, Channels, Side, Side]);
        var w = Jnp.Array(ws).Reshape([Features, Channels, Kernel, Kernel]);
        var b = Jnp.Array(bs);
        var f = Jax.Jit((NDArray u, NDArray k, NDArray c) => Jax.Nn.Relu(Jax.Lax.Conv(u, k, [1, 1], "SAME") + c.Reshape([Features, 1, 1])));
        return (() => Disposed(f(x, w, b)), () =>
        {
            using var result = f(x, w, b);
            var values = result.ToArray<float>();
            for (var sample = 0; sample < 64; sample++)
            {
                var (n, o, h, v) = (sample % Batch, sample * 7 % Features, sample * 5 % Side, sample * 11 % Side);
                double sum = bs[o];
                for (var c = 0; c < Channels; c++)
                    for (var kh = 0; kh < Kernel; kh++)
                        for (var kw = 0; kw < Kernel; kw++)
                        {
                            var (ih, iw) = (h + kh - 1, v + kw - 1);
                            if (ih < 0 || ih >= Side || iw < 0 || iw >= Side) continue;
                            sum += (double)xs[((n * Channels + c) * Side + ih) * Side + iw] * ws[((o * Channels + c) * Kernel + kh) * Kernel + kw];
                        }
                var expected = Math.Max(sum, 0);
                var actual = values[((n * Features + o) * Side + h) * Side + v];
                if (Math.Abs(actual - expected) > 1e-4 * (1 + Math.Abs(expected)))
                    throw new ResultMismatchException($"conv: out[{n},{o},{h},{v}] = {actual}, expected {expected}");
            }
            return $"64 sampled outputs match float64 loops; {KernelCount(f.Lower(x, w, b))}";
        }, [x, w, b]);
    }
}
