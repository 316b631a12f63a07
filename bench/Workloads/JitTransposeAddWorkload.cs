using JaxNet.Bench.Limits;

namespace JaxNet.Bench.Workloads;

/// <summary>
/// <c>Jax.Jit((x, y) =&gt; x.T + y)</c> of two 1024 x 1024 float32 matrices: one elementwise kernel that reads x
/// across its rows. Transposes like this one reach elementwise kernels from autodiff and vmap as well as from
/// user code; the cpu backend stages such an input through register-transposed tiles.
/// </summary>
internal sealed class JitTransposeAddWorkload : FrontendWorkload
{
    private const int N = 1024;

    public override string Title => "x.T + y, 1024 x 1024 (jit)";

    public override string PeerKey => "transpose_add_1m";

    public override Unit Unit => Unit.Milliseconds;

    protected override string Implementation => "JaxNet (jit)";

    /// <summary>8 MB read and 4 MB written at the STREAM triad's bandwidth.</summary>
    public override Limit? LimitFrom(RooflineFigures roofline) =>
        roofline.TriadGBs is { } gbs ? new Limit(12.0 * N * N / (gbs * 1e9) * 1e3, "12 MB moved at the triad bandwidth") : null;

    protected override (Action, Func<string>, NDArray[]) Prepare()
    {
        var (a, b) = (Uniform(N * N, 45), Uniform(N * N, 46));
        var (x, y) = (Jnp.Array(a).Reshape([N, N]), Jnp.Array(b).Reshape([N, N]));
        var f = Jax.Jit((NDArray u, NDArray v) => Jnp.Transpose(u) + v);
        return (() => Disposed(f(x, y)), () =>
        {
            using var result = f(x, y);
            var values = result.ToArray<float>();
            for (var i = 0; i < N * N; i += 7919)
            {
                var (r, c) = (i / N, i % N);
                var expected = a[c * N + r] + b[i];
                if (values[i] != expected)
                    throw new ResultMismatchException($"transpose add: out[{r},{c}] = {values[i]}, expected {expected}");
            }
            return $"sampled elements match; {KernelCount(f.Lower(x, y))}";
        }, [x, y]);
    }
}
