namespace JaxNet.Bench.Workloads;

/// <summary>
/// <c>Jax.Jit(x =&gt; Jnp.Sin(x))</c> of a million values in [-100, 100), float64 (under x64) or float32: the
/// cpu backend's vector sin, argument reduction and polynomial, with nothing fused around it.
/// </summary>
internal sealed class JitSinWorkload(DType dtype) : FrontendWorkload
{
    private const int Count = 1_000_000;

    private bool Wide => dtype == DType.Float64;

    public override string Title => $"sin, 1M {dtype.ShortName()} (jit)";

    public override string PeerKey => Wide ? "sin_f64_1m" : "sin_f32_1m";

    public override Unit Unit => Unit.Milliseconds;

    protected override string Implementation => "JaxNet (jit)";

    protected override (Action, Func<string>, NDArray[]) Prepare()
    {
        var values = Uniform(Count, 61).Select(v => (double)v * 100).ToArray();
        var x = WithX64(Wide, () => Jnp.FromHost(values, [Count], dtype));
        var f = Jax.Jit((NDArray u) => Jnp.Sin(u));
        return (() => WithX64(Wide, () => { Disposed(f(x)); return 0; }), () => WithX64(Wide, () =>
        {
            using var result = f(x);
            var got = result.ToArray<double>();
            var tolerance = Wide ? 1e-15 : 1e-6;
            for (var i = 0; i < Count; i += 997)
            {
                var expected = Math.Sin(Wide ? values[i] : (float)values[i]);
                if (result.DType != dtype || Math.Abs(got[i] - expected) > tolerance)
                    throw new ResultMismatchException($"sin: out[{i}] = {got[i]} ({result.DType}), expected {expected}");
            }
            return $"sampled elements match; {KernelCount(f.Lower(x))}";
        }), [x]);
    }
}
