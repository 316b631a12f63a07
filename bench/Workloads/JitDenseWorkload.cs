using JaxNet.Bench.Limits;

namespace JaxNet.Bench.Workloads;

/// <summary>
/// A dense layer's forward pass, <c>Jax.Jit((x, w, b) =&gt; Jax.Nn.Relu(Jnp.Matmul(x, w) + b))</c>, x 128 x 784,
/// w 784 x 512: one product whose bias and relu the cpu backend inlines into the GEMM's tiles. NumPy computes
/// <c>np.maximum(x @ w + b, 0)</c> in three passes, PyTorch <c>relu(addmm(b, x, w))</c> in two.
/// </summary>
internal sealed class JitDenseWorkload : FrontendWorkload
{
    private const int M = 128, K = 784, N = 512;

    public override string Title => "relu(x @ W + b), 128x784 @ 784x512";

    public override string PeerKey => "dense_relu_128";

    public override Unit Unit => Unit.Microseconds;

    protected override string Implementation => "JaxNet (jit)";

    public override Limit? LimitFrom(RooflineFigures roofline) =>
        roofline.FmaPeakGflops is { } peak ? new Limit(2.0 * M * K * N / (peak * 1e9) * 1e6, "its 0.1 GFLOP at the FMA peak") : null;

    protected override (Action, Func<string>, NDArray[]) Prepare()
    {
        var (a, w, b) = (Uniform(M * K, 51), Uniform(K * N, 52), Uniform(N, 53));
        var x = Jnp.Array(a).Reshape(M, K);
        var weights = Jnp.Array(w).Reshape(K, N);
        var bias = Jnp.Array(b);
        var f = Jax.Jit((NDArray u, NDArray v, NDArray c) => Jax.Nn.Relu(Jnp.Matmul(u, v) + c));
        return (() => Disposed(f(x, weights, bias)), () =>
        {
            using var result = f(x, weights, bias);
            var output = result.ToArray<float>();
            var worst = 0.0;
            for (var i = 0; i < M; i += 7)
                for (var j = 0; j < N; j += 5)
                {
                    double sum = b[j], magnitude = Math.Abs(b[j]);
                    for (var k = 0; k < K; k++)
                    {
                        sum += (double)a[i * K + k] * w[k * N + j];
                        magnitude += Math.Abs((double)a[i * K + k] * w[k * N + j]);
                    }
                    var exact = Math.Max(sum, 0);
                    var error = Math.Abs(output[i * N + j] - exact) / Math.Max(1, magnitude);
                    worst = Math.Max(worst, error);
                    if (error > 1e-5) throw new ResultMismatchException($"dense: out[{i},{j}] = {output[i * N + j]}, float64 reference {exact}");
                }
            return $"sampled entries match float64 (worst error {worst:0.0e+0} of the magnitude); " +
                   KernelCount(f.Lower(x, weights, bias));
        }, [x, weights, bias]);
    }
}
