namespace JaxNet.Bench.Workloads;

/// <summary>
/// <c>Jax.Jit(key =&gt; Jax.Random.Normal(key, [1M]))</c>: a million float32 standard normals, as JAX draws them
/// (threefry bits, a uniform in (-1, 1), sqrt(2) erfinv(u)), so its time is the threefry rounds and float32 erfinv.
/// The peers draw with their own generators: NumPy's ziggurat (Generator.standard_normal) and PyTorch's randn.
/// </summary>
internal sealed class JitNormalWorkload : FrontendWorkload
{
    private const int Count = 1_000_000;

    public override string Title => "random.normal, 1M f32 (jit)";

    public override string PeerKey => "normal_f32_1m";

    public override Unit Unit => Unit.Milliseconds;

    protected override string Implementation => "JaxNet (jit)";

    protected override (Action, Func<string>, NDArray[]) Prepare()
    {
        var key = Jax.Random.PRNGKey(7);
        var f = Jax.Jit((NDArray k) => Jax.Random.Normal(k, [Count]));
        return (() => Disposed(f(key)), () =>
        {
            using var result = f(key);
            var got = result.ToArray<float>();
            var (mean, variance) = (got.Average(v => (double)v), 0.0);
            foreach (var v in got) variance += (v - mean) * (v - mean);
            variance /= Count;
            var beyond3 = got.Count(v => Math.Abs(v) > 3) / (double)Count; // 0.27 % for a standard normal
            if (Math.Abs(mean) > 0.005 || Math.Abs(variance - 1) > 0.01 || Math.Abs(beyond3 - 0.0027) > 0.0005 || got.Any(float.IsNaN))
                throw new ResultMismatchException($"normal: mean {mean}, variance {variance}, |x| > 3 for {beyond3:P3}");
            return $"moments match (mean {mean:F4}, variance {variance:F4}); {KernelCount(f.Lower(key))}";
        }, [key]);
    }
}
