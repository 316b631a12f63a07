namespace JaxNet.Bench.Workloads;

/// <summary>
/// <c>Jax.Jit(Jax.Hessian(v =&gt; sum(tanh(W v))))</c> with W 64x64: forward-over-reverse, jitted, checked against the
/// closed form W^T diag(-2 t (1 - t^2)) W with t = tanh(W x).
/// </summary>
internal sealed class JitHessianWorkload : FrontendWorkload
{
    private const int N = 64;

    public override string Title => "Hessian of sum(tanh(W @ x)), W 64x64";

    public override string PeerKey => "hessian_tanh_64";

    public override Unit Unit => Unit.Milliseconds;

    protected override string Implementation => "JaxNet (jit)";

    protected override (Action, Func<string>, NDArray[]) Prepare()
    {
        var w = Uniform(N * N, 41).Select(v => v / 4).ToArray();
        var xs = Uniform(N, 42);
        var W = Jnp.Array(w).Reshape(N, N);
        var x = Jnp.Array(xs);
        var hessian = Jax.Jit(Jax.Hessian((NDArray v) => Jnp.Sum(Jnp.Tanh(Jnp.Matmul(W, v)))));
        return (() => Disposed(hessian(x)), () =>
        {
            var got = hessian(x).ToArray<float>();
            var t = new double[N];
            for (var i = 0; i < N; i++)
            {
                double s = 0;
                for (var k = 0; k < N; k++) s += (double)w[i * N + k] * xs[k];
                t[i] = Math.Tanh(s);
            }
            for (var a = 0; a < N; a++)
                for (var b = 0; b < N; b++)
                {
                    double h = 0;
                    for (var i = 0; i < N; i++) h += w[i * N + a] * (-2 * t[i] * (1 - t[i] * t[i])) * w[i * N + b];
                    if (Math.Abs(got[a * N + b] - h) > 1e-4) throw new ResultMismatchException($"H[{a},{b}] = {got[a * N + b]}, closed form {h}");
                }
            return $"matches the closed form; {KernelCount(hessian.Lower(x))}";
        }, [W, x]);
    }
}
