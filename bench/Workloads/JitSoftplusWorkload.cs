namespace JaxNet.Bench.Workloads;

/// <summary>
/// <c>Jax.Jit(Jax.Nn.Softplus)</c> of a million float32 values in [-20, 20): max(x, 0) + log1p(exp(-|x|)), one fused
/// kernel whose time is the cpu backend's float32 exp and log1p.
/// </summary>
internal sealed class JitSoftplusWorkload : FrontendWorkload
{
    private const int Count = 1_000_000;

    public override string Title => "softplus, 1M f32 (jit)";

    public override string PeerKey => "softplus_f32_1m";

    public override Unit Unit => Unit.Milliseconds;

    protected override string Implementation => "JaxNet (jit)";

    protected override (Action, Func<string>, NDArray[]) Prepare()
    {
        var values = Uniform(Count, 62).Select(v => v * 20).ToArray();
        var x = Jnp.FromHost(values, [Count]);
        var f = Jax.Jit((NDArray u) => Jax.Nn.Softplus(u));
        return (() => Disposed(f(x)), () =>
        {
            using var result = f(x);
            var got = result.ToArray<float>();
            for (var i = 0; i < Count; i += 997)
            {
                double v = values[i];
                var expected = Math.Max(v, 0) + Math.Log(1 + Math.Exp(-Math.Abs(v)));
                if (Math.Abs(got[i] - expected) > 1e-6 * Math.Max(1, expected))
                    throw new ResultMismatchException($"softplus: out[{i}] = {got[i]}, expected {expected}");
            }
            return $"sampled elements match; {KernelCount(f.Lower(x))}";
        }, [x]);
    }
}
