using JaxNet.Bench.Limits;

namespace JaxNet.Bench.Workloads;

/// <summary>
/// <c>Jax.Jit((x, y, z) =&gt; Jnp.Sum(x + y * z))</c> over 10M float32: the fused-sum row as a user writes it, so
/// it shows what the frontend's lowering and fusion make of it (the check note says how many kernels it launches).
/// </summary>
internal sealed class JitFusedSumWorkload : FrontendWorkload
{
    private const int Size = FusedSumWorkload.Size;

    public override string Title => "sum(x + y*z), 10M (jit)";

    public override string PeerKey => "fused_sum_10m";

    public override Unit Unit => Unit.Milliseconds;

    protected override string Implementation => "JaxNet (jit)";

    public override Limit? LimitFrom(RooflineFigures roofline) => new FusedSumWorkload().LimitFrom(roofline);

    protected override (Action, Func<string>, NDArray[]) Prepare()
    {
        var (a, b, c) = (Uniform(Size, 21), Uniform(Size, 22), Uniform(Size, 23));
        var (x, y, z) = (Jnp.Array(a), Jnp.Array(b), Jnp.Array(c));
        var f = Jax.Jit((NDArray u, NDArray v, NDArray w) => Jnp.Sum(u + v * w));
        return (() => Disposed(f(x, y, z)), () =>
        {
            using var result = f(x, y, z);
            var sum = result.Item<float>();
            double exact = 0, magnitude = 0;
            for (var i = 0; i < Size; i++)
            {
                var term = a[i] + (double)b[i] * c[i];
                exact += term;
                magnitude += Math.Abs(term);
            }
            var error = Math.Abs(sum - exact) / magnitude;
            if (error > 1e-5) throw new ResultMismatchException($"jit sum(x + y*z) = {sum}, float64 reference {exact}");
            return $"sum matches float64 (error {error:0.0e+0} of the magnitude); {KernelCount(f.Lower(x, y, z))}";
        }, [x, y, z]);
    }
}
