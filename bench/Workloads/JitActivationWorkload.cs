using JaxNet.Bench.Limits;

namespace JaxNet.Bench.Workloads;

/// <summary><c>Jax.Jit((x, y, z) =&gt; Jnp.Tanh(x) * Jax.Nn.Sigmoid(y) + Jnp.Exp(-z))</c> over 10M float32, as a user writes it.</summary>
internal sealed class JitActivationWorkload : FrontendWorkload
{
    private const int Size = ActivationWorkload.Size;
    private const int CheckedPoints = 100_000;

    public override string Title => "tanh(x)*sigmoid(y) + exp(-z), 10M (jit)";

    public override string PeerKey => "activation_10m";

    public override Unit Unit => Unit.Milliseconds;

    protected override string Implementation => "JaxNet (jit)";

    public override Limit? LimitFrom(RooflineFigures roofline) => new ActivationWorkload().LimitFrom(roofline);

    protected override (Action, Func<string>, NDArray[]) Prepare()
    {
        var (a, b, c) = (Uniform(Size, 31), Uniform(Size, 32), Uniform(Size, 33));
        var (x, y, z) = (Jnp.Array(a), Jnp.Array(b), Jnp.Array(c));
        var f = Jax.Jit((NDArray u, NDArray v, NDArray w) => Jnp.Tanh(u) * Jax.Nn.Sigmoid(v) + Jnp.Exp(-w));
        return (() => Disposed(f(x, y, z)), () =>
        {
            using var result = f(x, y, z);
            var output = result.ToArray<float>();
            var worst = 0.0;
            for (var i = 0; i < Size; i += Size / CheckedPoints)
            {
                var exact = Math.Tanh(a[i]) / (1 + Math.Exp(-b[i])) + Math.Exp(-c[i]);
                var error = Math.Abs(output[i] - exact) / Math.Max(1, Math.Abs(exact));
                worst = Math.Max(worst, error);
                if (error > 1e-5) throw new ResultMismatchException($"jit activation: out[{i}] = {output[i]}, float64 reference {exact}");
            }
            return $"{CheckedPoints} points match float64 (worst error {worst:0.0e+0}); " +
                   KernelCount(f.Lower(x, y, z));
        }, [x, y, z]);
    }
}
